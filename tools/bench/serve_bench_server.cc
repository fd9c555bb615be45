#include "tools/bench/serve_bench_server.h"

#include <unistd.h>

#include <fstream>

#include "runtime/auth/tokens.h"
#include "runtime/server/serve.h"

namespace travet::bench {
namespace {

namespace fs = std::filesystem;

constexpr time_t kClientTimeoutSeconds = 30;

Status WriteText(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  out.close();
  return out ? Status::Ok() : Internal("cannot write " + path.string());
}

}  // namespace

BenchServer::BenchServer(const std::string& name)
    : dir_(fs::temp_directory_path() /
           ("travet-serve-bench-" + name + "-" + std::to_string(getpid()))) {}

BenchServer::~BenchServer() {
  Stop();
  store_.reset();
  std::error_code ignored;
  fs::remove_all(dir_, ignored);
}

Status BenchServer::Open(const std::vector<BotFile>& bots) {
  std::error_code error;
  fs::remove_all(dir_, error);
  fs::create_directories(dir_ / "bots", error);
  if (error) {
    return Internal("cannot make " + dir_.string() + ": " + error.message());
  }
  for (const auto& [file, text] : bots) {
    TRAVET_RETURN_IF_ERROR(WriteText(dir_ / "bots" / file, text));
  }
  auto store = store::OpenStore(StoreUrl());
  if (!store) {
    return store.error();
  }
  store_ = std::move(*store);
  return Status::Ok();
}

std::string BenchServer::StoreUrl() const {
  return "sqlite://" + (dir_ / "travet.db").string();
}

Result<std::string> BenchServer::AddUser(const store::User& user) {
  TRAVET_RETURN_IF_ERROR(store_->CreateUser(user, "no-password"));
  auto token = auth::NewApiToken();
  auto id = auth::NewTokenId();
  if (!token || !id) {
    return Internal("cannot make an API token");
  }
  TRAVET_RETURN_IF_ERROR(
      store_->AddToken({.id = *id, .user = user.name, .hash = auth::HashSecret(*token)}));
  return *token;
}

Status BenchServer::Start(const BenchServerSettings& settings) {
  server::ServeOptions options;
  options.listen = {"127.0.0.1", 0};
  options.bots_dir = dir_ / "bots";
  options.workers = settings.workers;
  options.worker.store = store_.get();
  options.worker.poll = settings.poll;
  options.max_inflight = settings.max_inflight;
  options.version = "bench";
  options.stop = &stop_;
  options.log = settings.log;
  options.out = [this](const std::string& line) {
    const auto colon = line.rfind(':');
    if (line.starts_with("listening on ") && colon != std::string::npos) {
      port_ = std::stoi(line.substr(colon + 1));
      started_.set_value(Status::Ok());
    }
  };
  auto started = started_.get_future();
  thread_ = std::thread([this, options] {
    const Status served = server::Serve(options);
    if (port_ == 0) {
      started_.set_value(served.ok() ? Internal("the server never listened") : served);
    }
  });
  return started.get();
}

void BenchServer::Stop() {
  stop_ = true;
  if (thread_.joinable()) {
    thread_.join();
  }
}

std::unique_ptr<httplib::Client> BenchServer::Client() const {
  auto client = std::make_unique<httplib::Client>("127.0.0.1", port_);
  client->set_keep_alive(true);
  client->set_tcp_nodelay(true);
  client->set_read_timeout(kClientTimeoutSeconds, 0);
  return client;
}

httplib::Headers BearerHeaders(const std::string& token, const std::string& if_match) {
  httplib::Headers headers = {{"Authorization", "Bearer " + token}};
  if (!if_match.empty()) {
    headers.emplace("If-Match", if_match);
  }
  return headers;
}

}  // namespace travet::bench
