// The engine under a lease: fencing of a worker that lost its run, a stop
// at a step boundary, and takeover of a run whose executor died.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <thread>

#include "runtime/actions/action_table.h"
#include "runtime/engine/runner.h"
#include "runtime/lang/loader.h"
#include "runtime/store/sqlite/sqlite_store.h"
#include "tests/fakes/temp_dir.h"

namespace travet::engine {
namespace {

using testing::TempDir;

constexpr const char* kBot = R"(bot: two-steps
steps:
  - id: first
    uses: log
    with: { message: first step }
  - id: second
    uses: file.write
    with: { path: second.txt, content: written }
)";

class TakeoverTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = store::OpenSqliteStore((dir_.path() / "travet.db").string());
    ASSERT_TRUE(store) << store.error().message();
    store_ = std::move(*store);
    lang::LoadOptions load;
    load.actions = &actions::ActionCatalog();
    loaded_ = lang::LoadBotText(kBot, (dir_.path() / "bot.yaml").string(), load);
    ASSERT_TRUE(loaded_.ok());
    options_.store = store_.get();
    options_.work_dir = dir_.path();
    options_.lease = {Millis(500), Millis(5)};
  }

  // Calls `on_first` when the first step logs its line.
  void OnFirstStep(const std::function<void()>& on_first) {
    options_.log_sink = [on_first](LogLevel, std::string_view, std::string_view line) {
      if (line == "first step")
        on_first();
    };
  }

  std::vector<std::string> Steps(const std::string& run_id) {
    std::vector<std::string> paths;
    auto checkpoints = store_->LoadCheckpoints(run_id);
    for (const auto& cp : *checkpoints)
      paths.push_back(cp.step_path);
    return paths;
  }

  TempDir dir_;
  std::unique_ptr<store::Store> store_;
  lang::LoadResult loaded_;
  RunOptions options_;
};

TEST_F(TakeoverTest, AWorkerThatLostItsLeaseStopsWithoutWritingMore) {
  options_.run_id = "r-1";
  OnFirstStep([this] {
    // Another worker takes the run over (as after a lapse) while step one runs.
    auto taken = store_->ClaimRun(
        "r-1", {"host:2:bbbbbb", DefaultClock().Now() + Millis(600000), Millis(30000)});
    ASSERT_TRUE(taken) << taken.error().message();
    std::this_thread::sleep_for(Millis(100));  // several heartbeats
  });
  size_t events_before = 0;
  auto outcome = RunBot(*loaded_.bot, options_);
  ASSERT_FALSE(outcome);
  EXPECT_EQ(outcome.error().message(),
            "run r-1 was taken over: attempt 2 is current, this worker holds attempt 1");
  EXPECT_FALSE(std::filesystem::exists(dir_.path() / "second.txt"));
  EXPECT_TRUE(Steps("r-1").empty());  // not even the first step's checkpoint
  store::RunRecord run = *store_->GetRun("r-1");
  EXPECT_EQ(run.state, store::RunState::kRunning);
  EXPECT_EQ(run.attempt, 2);
  EXPECT_EQ(run.lease_owner, "host:2:bbbbbb");
  auto events = store_->LoadEvents("r-1");
  for (const auto& event : *events) {
    ++events_before;
    EXPECT_EQ(event.message.find("taken over"), std::string::npos) << event.message;
  }
  EXPECT_GE(events_before, 1u);  // "run of two-steps started (attempt 1)"
}

// A stop lets the step in flight finish and be checkpointed, then gives the
// run back at once: queued without a lease, so that another worker claims
// it without waiting for a lapse and runs only what is left.
TEST_F(TakeoverTest, AStopGivesTheRunBackAfterTheCurrentStep) {
  std::atomic<bool> stop{false};
  options_.stop = &stop;
  options_.run_id = "r-1";
  int firsts = 0;
  OnFirstStep([&stop, &firsts] {
    ++firsts;
    stop = true;
  });
  std::vector<std::string> ran;
  options_.observe = [&ran](const StepObservation& step) { ran.push_back(step.action); };
  auto outcome = RunBot(*loaded_.bot, options_);
  ASSERT_FALSE(outcome);
  EXPECT_EQ(outcome.error().code(), StatusCode::kCancelled);
  EXPECT_EQ(outcome.error().message(),
            "run r-1 stopped before its next step; queued again for any worker");
  EXPECT_EQ(Steps("r-1"), std::vector<std::string>{"first"});
  store::RunRecord run = *store_->GetRun("r-1");
  EXPECT_EQ(run.state, store::RunState::kQueued);
  EXPECT_EQ(run.lease_owner, "");
  EXPECT_EQ(run.lease_until, "");
  EXPECT_FALSE(std::filesystem::exists(dir_.path() / "second.txt"));

  auto claimed = ClaimNextRun(*store_, {"host:2:bbbbbb", DefaultClock().Now(), Millis(30000)});
  ASSERT_TRUE(claimed) << claimed.error().message();
  ASSERT_TRUE(claimed->has_value());
  options_.stop = nullptr;
  auto resumed = ExecuteClaimedRun(*loaded_.bot, **claimed, options_);
  ASSERT_TRUE(resumed) << resumed.error().message();
  EXPECT_EQ(resumed->state, store::RunState::kSucceeded);
  EXPECT_EQ(resumed->steps_run, 1);
  EXPECT_EQ(firsts, 1);  // the first step was restored, not run again
  EXPECT_EQ(ran, (std::vector<std::string>{"log", "file.write"}));
  EXPECT_TRUE(std::filesystem::exists(dir_.path() / "second.txt"));
}

constexpr const char* kItemsBot = R"(bot: two-items
steps:
  - id: each
    foreach: [a, b]
    as: doc
    items: true
    steps:
      - id: note
        uses: log
        with: { message: "item ${{ doc }}" }
      - id: out
        uses: file.write
        with: { path: "${{ doc }}.txt", content: written }
)";

// A worker helping with an item of another executor's run, stopped, gives
// the item back at once (pending) with its finished steps checkpointed.
TEST_F(TakeoverTest, AStoppedWorkerGivesItsItemBackAfterTheCurrentStep) {
  lang::LoadOptions load;
  load.actions = &actions::ActionCatalog();
  lang::LoadResult items =
      lang::LoadBotText(kItemsBot, (dir_.path() / "items.yaml").string(), load);
  ASSERT_TRUE(items.ok());
  ASSERT_TRUE(store_
                  ->CreateRun({.id = "r-2",
                               .bot = "two-items",
                               .bot_file = items.bot->file,
                               .work_dir = dir_.path().string()})
                  .ok());
  ASSERT_TRUE(store_->ClaimRun("r-2", {"host:1:aaaaaa", DefaultClock().Now(), Millis(60000)}));
  ASSERT_TRUE(store_
                  ->SaveWorkItems(
                      "r-2", {{.loop_path = "each", .index = 0}, {.loop_path = "each", .index = 1}})
                  .ok());
  auto claim = store_->ClaimItem(
      {.owner = "host:2:bbbbbb", .now = DefaultClock().Now(), .length = Millis(60000)});
  ASSERT_TRUE(claim && *claim);
  std::atomic<bool> stop{false};
  options_.stop = &stop;
  options_.log_sink = [&stop](LogLevel, std::string_view, std::string_view line) {
    if (line == "item a")
      stop = true;
  };
  auto item = RunClaimedItem(*items.bot, **claim, options_);
  ASSERT_FALSE(item);
  EXPECT_EQ(item.error().code(), StatusCode::kCancelled);
  auto stored = store_->ListWorkItems("r-2", {.state = store::ItemState::kPending});
  ASSERT_TRUE(stored) << stored.error().message();
  ASSERT_EQ(stored->size(), 2u);
  EXPECT_EQ((*stored)[0].owner, "");
  EXPECT_EQ((*stored)[0].lease_until, "");
  EXPECT_EQ(Steps("r-2"), std::vector<std::string>{"each[0].note"});
  EXPECT_FALSE(std::filesystem::exists(dir_.path() / "a.txt"));
}

TEST_F(TakeoverTest, ResumeRefusesALiveLeaseAndTakesOverADeadProcess) {
  options_.run_id = "r-1";
  ASSERT_TRUE(store_
                  ->CreateRun({.id = "r-1",
                               .bot = "two-steps",
                               .bot_file = loaded_.bot->file,
                               .work_dir = dir_.path().string()})
                  .ok());
  store::LeaseTerms live{"elsewhere:1:aaaaaa", DefaultClock().Now(), Millis(60000)};
  ASSERT_TRUE(store_->ClaimRun("r-1", live));
  RunOptions resume = options_;
  resume.work_dir.clear();  // the run's own folder
  auto refused = ResumeRun(*loaded_.bot, "r-1", resume);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().message(), "run r-1 is being executed by elsewhere:1:aaaaaa until " +
                                           store_->GetRun("r-1")->lease_until);

  // The holder is now a process of this host that exited.
  pid_t pid = fork();
  if (pid == 0)
    _exit(0);
  waitpid(pid, nullptr, 0);
  char host[256] = {};
  gethostname(host, sizeof host - 1);
  std::string dead = std::string(host) + ":" + std::to_string(pid) + ":abcdef";
  ASSERT_TRUE(store_->ClaimRun("r-1", live, "elsewhere:1:aaaaaa"));  // as if it took over
  ASSERT_TRUE(store_->Transition("r-1", store::RunState::kRunning, store::RunState::kQueued).ok());
  ASSERT_TRUE(store_->ClaimRun("r-1", {dead, DefaultClock().Now(), Millis(60000)}));
  auto resumed = ResumeRun(*loaded_.bot, "r-1", resume);
  ASSERT_TRUE(resumed) << resumed.error().message();
  EXPECT_EQ(resumed->state, store::RunState::kSucceeded);
  EXPECT_EQ(store_->GetRun("r-1")->attempt, 4);
  EXPECT_TRUE(std::filesystem::exists(dir_.path() / "second.txt"));
}

TEST_F(TakeoverTest, TheRunRecordsItsAbsoluteWorkingFolder) {
  options_.run_id = "r-1";
  auto outcome = RunBot(*loaded_.bot, options_);
  ASSERT_TRUE(outcome) << outcome.error().message();
  EXPECT_EQ(store_->GetRun("r-1")->work_dir, dir_.path().string());
  EXPECT_EQ(store_->GetRun("r-1")->lease_owner, "");
}

}  // namespace
}  // namespace travet::engine
