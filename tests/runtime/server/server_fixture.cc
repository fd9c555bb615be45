#include "tests/runtime/server/server_fixture.h"

#include <gtest/gtest.h>

namespace travet::server::testing {

Result<std::optional<Caller>> StandInAuthenticate(const ApiRequest& request) {
  const std::string bearer = request.Header("authorization");
  const std::string cookie = request.Header("cookie");
  if (bearer == "Bearer stale") {
    return PermissionDenied("the token is not valid");
  }
  for (const auto& [name, role] :
       {std::pair{"operator", kOperator}, {"developer", kDeveloper}, {"admin", kAdmin}}) {
    if (bearer == std::string("Bearer as-") + name) {
      return std::optional<Caller>(Caller{name, role, {}, false, ""});
    }
    if (cookie == std::string("travet_session=as-") + name) {
      return std::optional<Caller>(Caller{name, role, {}, true, "good-csrf"});
    }
  }
  return std::optional<Caller>();
}

httplib::Headers As(const std::string& role) {
  return {{"Authorization", "Bearer as-" + role}};
}

ServerFixture::ServerFixture(ServerSetup setup) {
  for (const auto& [file, text] : setup.bots) {
    dir_.Write("bots/" + file, text);
  }
  auto store = store::OpenStore((dir_.path() / "travet.db").string());
  EXPECT_TRUE(store.has_value()) << store.error().ToString();
  store_ = std::move(*store);
  auto port = listening_.get_future();
  ServeOptions options;
  options.listen = {"127.0.0.1", 0};
  options.bots_dir = dir_.path() / "bots";
  options.workers = setup.workers;
  options.worker.store = store_.get();
  options.worker.poll = Millis(50);
  options.authenticate = std::move(setup.authenticate);
  options.trusted_proxies = std::move(setup.trusted_proxies);
  options.pages = setup.pages;
  options.web_dir = std::move(setup.web_dir);
  options.version = "test";
  options.stop = &stop_;
  options.reload = &reload_;
  options.out = [this](const std::string& line) {
    const auto colon = line.rfind(':');
    if (line.starts_with("listening on ") && colon != std::string::npos) {
      listening_.set_value(std::stoi(line.substr(colon + 1)));
    }
  };
  thread_ = std::thread([this, options] {
    const Status served = Serve(options);
    if (!served.ok()) {
      ADD_FAILURE() << served.ToString();
      listening_.set_value(0);  // it never listened: the constructor must not wait forever
    }
  });
  port_ = port.get();
}

ServerFixture::~ServerFixture() {
  stop_ = true;
  thread_.join();
}

httplib::Client ServerFixture::Client() const {
  httplib::Client client("127.0.0.1", port_);
  client.set_read_timeout(10, 0);
  return client;
}

}  // namespace travet::server::testing
