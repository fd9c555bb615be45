// The worker loop as a library: queued runs claimed and executed from the bot
// file recorded with them, a bot that no longer loads failing its run, a
// stop honoured before anything is claimed, and an idle worker woken.
#include "runtime/engine/worker.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <thread>
#include <vector>

#include "runtime/store/sqlite/sqlite_store.h"
#include "tests/fakes/temp_dir.h"

namespace travet::engine {
namespace {

using testing::TempDir;

constexpr const char* kTwoStepBot = R"(bot: two-steps
steps:
  - id: first
    uses: log
    with: { message: first step }
  - id: second
    uses: file.write
    with: { path: second.txt, content: written }
)";

class WorkerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = store::OpenSqliteStore((dir_.path() / "travet.db").string());
    ASSERT_TRUE(store) << store.error().message();
    store_ = std::move(*store);
    std::ofstream(bot_file()) << kTwoStepBot;
    options_.store = store_.get();
    options_.once = true;
    options_.report = [this](const std::string& line, bool problem) {
      (problem ? problems_ : lines_).push_back(line);
    };
  }

  std::filesystem::path bot_file() const { return dir_.path() / "bot.yaml"; }

  void Queue(const std::string& id) {
    ASSERT_TRUE(store_
                    ->CreateRun({.id = id,
                                 .bot = "two-steps",
                                 .bot_file = bot_file().string(),
                                 .work_dir = dir_.path().string()})
                    .ok());
  }

  TempDir dir_;
  std::unique_ptr<store::Store> store_;
  WorkerOptions options_;
  std::vector<std::string> lines_, problems_;
};

TEST_F(WorkerTest, ExecutesEveryQueuedRunThenReturnsOnce) {
  Queue("r-1");
  Queue("r-2");
  EXPECT_TRUE(RunWorker(options_));
  EXPECT_EQ(store_->GetRun("r-1")->state, store::RunState::kSucceeded);
  EXPECT_EQ(store_->GetRun("r-2")->state, store::RunState::kSucceeded);
  EXPECT_TRUE(std::filesystem::exists(dir_.path() / "second.txt"));
  std::sort(lines_.begin(), lines_.end());
  EXPECT_EQ(lines_,
            (std::vector<std::string>{"run r-1 two-steps (attempt 1) succeeded, 2 steps run",
                                      "run r-2 two-steps (attempt 1) succeeded, 2 steps run"}));
  EXPECT_TRUE(problems_.empty());
}

TEST_F(WorkerTest, ARunWhoseBotNoLongerLoadsFails) {
  Queue("r-1");
  std::ofstream(bot_file()) << "bot: two-steps\nsteps:\n  - uses: no.such\n";
  EXPECT_TRUE(RunWorker(options_));
  const auto run = store_->GetRun("r-1");
  EXPECT_EQ(run->state, store::RunState::kFailed);
  EXPECT_EQ(run->error.rfind("cannot load the bot: " + bot_file().string() + ":3:", 0), 0u)
      << run->error;
  ASSERT_EQ(lines_.size(), 1u);
  EXPECT_EQ(lines_[0], "run r-1 two-steps (attempt 1) failed: " + run->error);
}

TEST_F(WorkerTest, AStoppedWorkerClaimsNothing) {
  Queue("r-1");
  std::atomic<bool> stop{true};
  options_.stop = &stop;
  options_.once = false;  // only the stop can end it
  EXPECT_TRUE(RunWorker(options_));
  EXPECT_EQ(store_->GetRun("r-1")->state, store::RunState::kQueued);
  EXPECT_TRUE(lines_.empty());
}

// A server's workers wait for work with a poll of seconds; a run the server
// queued itself is claimed when the server says so. Here the poll is an hour:
// without the signal the second run would wait for it, and the test would
// fail at its deadline.
TEST_F(WorkerTest, AnIdleWorkerClaimsAtOnceWhenNotified) {
  WorkSignal wake;
  std::atomic<bool> stop{false};
  options_.once = false;
  options_.poll = std::chrono::hours(1);
  options_.wake = &wake;
  options_.stop = &stop;
  const auto finished = [this](const std::string& id) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (store_->GetRun(id)->state != store::RunState::kSucceeded &&
           std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return store_->GetRun(id)->state == store::RunState::kSucceeded;
  };
  Queue("r-1");
  std::thread worker([this] { RunWorker(options_); });
  EXPECT_TRUE(finished("r-1"));
  // The worker found no more work and is napping (it looks once, in
  // microseconds, after its run).
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  Queue("r-2");
  wake.Notify();
  EXPECT_TRUE(finished("r-2"));
  stop = true;
  worker.join();
}

}  // namespace
}  // namespace travet::engine
