// `travet serve` and `travet worker` told to stop (SIGTERM) in the middle of
// a run: the step in flight finishes and is checkpointed, the run is given
// back at once (queued, no lease), the process exits 0; a second process on
// the same store finishes the run without repeating a finished step. The
// backend the bot calls is a raw HTTP server that counts every request (no
// idempotency dedupe) and holds the first step's answer until the test has
// seen the signal delivered.
#include <gtest/gtest.h>
#include <httplib.h>

#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <thread>

#include "runtime/store/store.h"
#include "tests/fakes/background_travet.h"
#include "tests/fakes/local_server.h"
#include "tests/fakes/run_travet.h"
#include "tests/fakes/temp_dir.h"

namespace travet::testing {
namespace {

using std::chrono::milliseconds;
using std::chrono::steady_clock;

// Answers POST /step/{name} with 200, counting the requests per step; the
// first request of step "one" is answered only once Release() is called.
class CountingBackend {
 public:
  CountingBackend() {
    http_.server().Post(R"(/step/([a-z]+))",
                        [this](const httplib::Request& req, httplib::Response& res) {
                          std::unique_lock lock(mu_);
                          const std::string step = req.matches[1];
                          ++posts_[step];
                          changed_.notify_all();
                          if (step == "one") {
                            changed_.wait(lock, [this] { return released_; });
                          }
                          res.status = 200;
                          res.set_content("{}", "application/json");
                        });
    http_.Start();
  }
  ~CountingBackend() { Release(); }
  CountingBackend(const CountingBackend&) = delete;
  CountingBackend& operator=(const CountingBackend&) = delete;

  std::string url() const { return http_.url(); }
  void Release() {
    std::lock_guard lock(mu_);
    released_ = true;
    changed_.notify_all();
  }
  // Waits until step `step` was asked for once.
  bool WaitFor(const std::string& step) {
    std::unique_lock lock(mu_);
    return changed_.wait_for(lock, kPatience, [&] { return posts_[step] > 0; });
  }
  std::map<std::string, int> posts() const {
    std::lock_guard lock(mu_);
    return posts_;
  }

 private:
  mutable std::mutex mu_;
  std::condition_variable changed_;
  std::map<std::string, int> posts_;
  bool released_ = false;
  LocalServer http_;  // last: stopped before the members its handlers use go
};

std::string SlowBot(const std::string& url) {
  std::string bot = "bot: slow\nsteps:\n";
  for (const char* step : {"one", "two", "three"}) {
    bot += std::string("  - id: ") + step +
           "\n    uses: http.request\n    with: { method: POST, url: \"" + url + "/step/" + step +
           "\" }\n";
  }
  return bot;
}

class DrainTest : public ::testing::Test {
 protected:
  void SetUp() override { dir_.Write("bots/slow.yaml", SlowBot(backend_.url())); }

  std::unique_ptr<store::Store> Store() const {
    auto store = store::OpenStore((dir_.path() / "travet.db").string());
    EXPECT_TRUE(store) << store.error().message();
    return store ? std::move(*store) : nullptr;
  }

  // The run as the process that stopped left it: queued without a lease,
  // the first step checkpointed and received once, the second never asked for.
  void ExpectGivenBack(const std::string& id) const {
    auto store = Store();
    ASSERT_TRUE(store);
    auto run = store->GetRun(id);
    ASSERT_TRUE(run) << run.error().message();
    EXPECT_EQ(run->state, store::RunState::kQueued);
    EXPECT_EQ(run->lease_owner, "");
    EXPECT_EQ(run->lease_until, "");
    auto checkpoints = store->LoadCheckpoints(id);
    ASSERT_TRUE(checkpoints) << checkpoints.error().message();
    ASSERT_EQ(checkpoints->size(), 1u);
    EXPECT_EQ((*checkpoints)[0].step_path, "one");
    EXPECT_EQ(backend_.posts(), (std::map<std::string, int>{{"one", 1}}));
  }

  // Once a second process ran it: every step received exactly once.
  void ExpectFinished(const std::string& id) const {
    auto store = Store();
    ASSERT_TRUE(store);
    EXPECT_EQ(store->GetRun(id)->state, store::RunState::kSucceeded);
    EXPECT_EQ(store->GetRun(id)->attempt, 2);
    EXPECT_EQ(backend_.posts(), (std::map<std::string, int>{{"one", 1}, {"two", 1}, {"three", 1}}));
  }

  std::vector<std::string> Serve() const {
    return {"serve",     "--listen", "127.0.0.1:0", "--bots",   "bots",
            "--workers", "1",        "--store",     "travet.db"};
  }

  TempDir dir_;
  CountingBackend backend_;
};

// A developer's API token, made with the CLI on the test's store.
std::string DeveloperToken(const TempDir& dir) {
  TravetOutput added = RunTravetWithInput(
      {"users", "add", "dev", "--role", "developer", "--password-stdin", "--store", "travet.db"},
      dir.path(), "correct horse battery staple\n");
  EXPECT_EQ(added.exit_code, 0) << added.err;
  TravetOutput token = RunTravet({"users", "token", "dev", "--store", "travet.db"}, dir.path());
  EXPECT_EQ(token.exit_code, 0) << token.err;
  return token.out.substr(0, token.out.find('\n'));
}

TEST_F(DrainTest, ServeGivesTheRunBackOnSigtermAndAnotherServerFinishesIt) {
  const std::string token = DeveloperToken(dir_);
  std::string id;
  {
    BackgroundTravet first(Serve(), dir_, "first");
    const int port = first.Port();
    ASSERT_GT(port, 0) << first.Out() << first.Err();
    httplib::Client client("127.0.0.1", port);
    auto queued = client.Post("/api/v1/bots/slow/runs", {{"Authorization", "Bearer " + token}},
                              "{}", "application/json");
    ASSERT_TRUE(queued);
    ASSERT_EQ(queued->status, 202) << queued->body;
    id = Value::parse(queued->body)["id"];
    client.stop();  // no idle connection for the server to wait out
    ASSERT_TRUE(backend_.WaitFor("one"));
    first.Terminate();
    backend_.Release();
    EXPECT_EQ(first.Exit(), 0) << first.Err();
    EXPECT_NE(first.Out().find("run " + id + " slow (attempt 1) stopped: run " + id +
                               " stopped before its next step; queued again for any worker"),
              std::string::npos)
        << first.Out();
  }
  ExpectGivenBack(id);

  BackgroundTravet second(Serve(), dir_, "second");
  ASSERT_TRUE(backend_.WaitFor("three")) << second.Err();
  const auto until = steady_clock::now() + kPatience;
  while (second.Out().find(" succeeded, 2 steps run") == std::string::npos &&
         steady_clock::now() < until) {
    std::this_thread::sleep_for(milliseconds(10));
  }
  second.Terminate();
  EXPECT_EQ(second.Exit(), 0) << second.Err();
  ExpectFinished(id);
}

TEST_F(DrainTest, AWorkerGivesTheRunBackOnSigtermAndAnotherWorkerFinishesIt) {
  {
    auto store = Store();
    ASSERT_TRUE(store);
    ASSERT_TRUE(store
                    ->CreateRun({.id = "r-1",
                                 .bot = "slow",
                                 .bot_file = (dir_.path() / "bots/slow.yaml").string(),
                                 .work_dir = dir_.path().string()})
                    .ok());
  }
  {
    BackgroundTravet worker({"worker", "--store", "travet.db", "--poll", "50ms"}, dir_, "worker");
    ASSERT_TRUE(backend_.WaitFor("one")) << worker.Err();
    worker.Terminate();
    backend_.Release();
    EXPECT_EQ(worker.Exit(), 0) << worker.Err();
    EXPECT_EQ(worker.Out(),
              "run r-1 slow (attempt 1) stopped: run r-1 stopped before its next step; queued "
              "again for any worker\n");
  }
  ExpectGivenBack("r-1");

  TravetOutput again = RunTravet({"worker", "--once", "--store", "travet.db"}, dir_.path());
  EXPECT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(again.out, "run r-1 slow (attempt 2) succeeded, 2 steps run\n");
  ExpectFinished("r-1");
}

}  // namespace
}  // namespace travet::testing
