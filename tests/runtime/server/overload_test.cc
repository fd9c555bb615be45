// The limit of requests in flight, over real HTTP: one request beyond it is
// answered 429 with Retry-After at once, without running its handler, while
// /healthz and /metrics are still answered. The handlers that fill the
// limit wait on a gate the test opens: no timing is assumed.
#include <gtest/gtest.h>
#include <httplib.h>

#include <condition_variable>
#include <future>
#include <mutex>
#include <thread>
#include <vector>

#include "runtime/server/http_server.h"
#include "runtime/server/routes.h"
#include "runtime/store/store.h"
#include "tests/fakes/temp_dir.h"

namespace travet::server {
namespace {

// Where the handlers of /slow wait until the test opens it.
struct Gate {
  std::mutex mu;
  std::condition_variable changed;
  int entered = 0;
  bool open = false;
};

Gate& SlowGate() {
  static Gate gate;
  return gate;
}

ApiResponse WaitAtTheGate(const ApiRequest&, ServerContext&) {
  Gate& gate = SlowGate();
  std::unique_lock lock(gate.mu);
  ++gate.entered;
  gate.changed.notify_all();
  gate.changed.wait(lock, [&gate] { return gate.open; });
  return JsonResponse(200, {{"waited", true}});
}

const Route kGatedRoutes[] = {
    {"GET", "/healthz", kAnyone, "health", "Liveness", GetHealth},
    {"GET", "/metrics", kAnyone, "health", "Metrics", GetMetrics},
    {"GET", "/slow", kAnyone, "test", "Waits until the test opens the gate", WaitAtTheGate},
};

httplib::Client ClientOf(int port) {
  httplib::Client client("127.0.0.1", port);
  client.set_read_timeout(10, 0);
  return client;
}

// The gated routes served over HTTP with at most `limit` requests in flight;
// on the way out the gate opens (a failed test must not leave handlers
// waiting) and the server stops.
class GatedServer {
 public:
  explicit GatedServer(int limit)
      : store_(*store::OpenStore((dir_.path() / "travet.db").string())),
        bots_(dir_.path()),
        context_{.store = *store_,
                 .bots = bots_,
                 .metrics = metrics_,
                 .clock = DefaultClock(),
                 .work_dir = dir_.path(),
                 .version = "test"},
        dispatcher_(kGatedRoutes, context_, nullptr),
        http_(dispatcher_, nullptr, {.max_inflight = limit}) {
    Gate& gate = SlowGate();
    std::lock_guard lock(gate.mu);
    gate.entered = 0;
    gate.open = false;
    port_ = *http_.Bind({"127.0.0.1", 0});
    serving_ = std::thread([this] { http_.Serve(); });
  }
  ~GatedServer() {
    Open();
    http_.Stop();
    serving_.join();
  }
  GatedServer(const GatedServer&) = delete;
  GatedServer& operator=(const GatedServer&) = delete;

  int port() const { return port_; }
  // Waits until `count` handlers of /slow are waiting at the gate.
  void WaitForEntered(int count) {
    std::unique_lock lock(SlowGate().mu);
    SlowGate().changed.wait(lock, [count] { return SlowGate().entered == count; });
  }
  int entered() {
    std::lock_guard lock(SlowGate().mu);
    return SlowGate().entered;
  }
  void Open() {
    {
      std::lock_guard lock(SlowGate().mu);
      SlowGate().open = true;
    }
    SlowGate().changed.notify_all();
  }

 private:
  travet::testing::TempDir dir_;
  std::unique_ptr<store::Store> store_;
  BotCatalog bots_;
  Metrics metrics_;
  ServerContext context_;
  Dispatcher dispatcher_;
  HttpServer http_;
  int port_ = 0;
  std::thread serving_;
};

TEST(OverloadTest, OneRequestBeyondTheLimitIsAnswered429WithoutItsHandler) {
  constexpr int kLimit = 2;
  GatedServer server(kLimit);
  std::vector<std::future<int>> slow;
  slow.reserve(kLimit);
  for (int i = 0; i < kLimit; ++i) {
    slow.push_back(std::async(std::launch::async, [port = server.port()] {
      auto r = ClientOf(port).Get("/slow");
      return r ? r->status : -1;
    }));
  }
  server.WaitForEntered(kLimit);
  auto client = ClientOf(server.port());
  auto refused = client.Get("/slow");
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 429);
  EXPECT_EQ(refused->get_header_value("Retry-After"), "1");
  EXPECT_EQ(refused->get_header_value("Content-Type"), "application/problem+json");
  EXPECT_EQ(Value::parse(refused->body)["type"], "urn:travet:problem:overloaded");
  EXPECT_EQ(refused->get_header_value("X-Request-Id").size(), 16u);
  EXPECT_EQ(server.entered(), kLimit);  // the refused request's handler never ran
  auto health = client.Get("/healthz");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);
  auto scraped = client.Get("/metrics");
  ASSERT_TRUE(scraped);
  EXPECT_EQ(scraped->status, 200);
  EXPECT_NE(scraped->body.find(
                R"(travet_http_requests_total{route="/slow",method="GET",status="429"} 1)"),
            std::string::npos)
      << scraped->body;
  server.Open();
  for (auto& answer : slow) {
    EXPECT_EQ(answer.get(), 200);
  }
  auto again = client.Get("/slow");  // a place is free again
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 200);
}

}  // namespace
}  // namespace travet::server
