// The counts /metrics reads: runs by bot and state, work items by state,
// and the review tasks each queue has waiting.
#include <gtest/gtest.h>

#include <chrono>

#include "runtime/store/sqlite/sqlite_store.h"
#include "tests/fakes/fake_clock.h"
#include "tests/fakes/temp_dir.h"

namespace travet::store {
namespace {

using std::chrono::seconds;
using testing::FakeClock;
using testing::TempDir;

class StoreCountsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Result<std::unique_ptr<Store>> store =
        OpenSqliteStore((dir_.path() / "travet.db").string(), clock_);
    ASSERT_TRUE(store) << store.error().message();
    store_ = std::move(*store);
  }
  void Create(const std::string& id, const std::string& bot) {
    ASSERT_TRUE(store_->CreateRun({.id = id, .bot = bot}).ok());
  }
  void Task(const std::string& id, const std::string& queue) {
    ASSERT_TRUE(
        store_->CreateTask({.id = id, .run_id = "r-1", .step_path = id, .queue = queue}).ok());
    clock_.Advance(seconds(60));
  }

  TempDir dir_;
  FakeClock clock_;
  std::unique_ptr<Store> store_;
};

std::vector<std::string> Lines(const Result<std::vector<RunCount>>& counts) {
  EXPECT_TRUE(counts) << counts.error().message();
  std::vector<std::string> lines;
  for (const RunCount& c : *counts)
    lines.push_back(c.bot + " " + std::string(RunStateName(c.state)) + " " +
                    std::to_string(c.count));
  return lines;
}

TEST_F(StoreCountsTest, CountsRunsByBotAndState) {
  EXPECT_TRUE(Lines(store_->CountRuns()).empty());
  Create("r-1", "intake");
  Create("r-2", "intake");
  Create("r-3", "intake");
  Create("r-4", "payroll");
  ASSERT_TRUE(store_->ClaimRun("r-2", {.owner = "host:1:aaaaaa", .now = clock_.Now()}));
  ASSERT_TRUE(store_->Transition("r-3", RunState::kQueued, RunState::kCancelled).ok());
  EXPECT_EQ(Lines(store_->CountRuns()),
            (std::vector<std::string>{"intake cancelled 1", "intake queued 1", "intake running 1",
                                      "payroll queued 1"}));
}

TEST_F(StoreCountsTest, CountsWorkItemsByStateOverEveryRun) {
  Create("r-1", "intake");
  Create("r-2", "intake");
  ASSERT_TRUE(
      store_
          ->SaveWorkItems("r-1", {{.loop_path = "each", .index = 0},
                                  {.loop_path = "each", .index = 1},
                                  {.loop_path = "each", .index = 2, .state = ItemState::kFailed}})
          .ok());
  ASSERT_TRUE(store_->SaveWorkItems("r-2", {{.loop_path = "each", .index = 0}}).ok());
  auto counts = store_->CountItems();
  ASSERT_TRUE(counts) << counts.error().message();
  ASSERT_EQ(counts->size(), 2u);
  EXPECT_EQ((*counts)[0].state, ItemState::kFailed);
  EXPECT_EQ((*counts)[0].count, 1);
  EXPECT_EQ((*counts)[1].state, ItemState::kPending);
  EXPECT_EQ((*counts)[1].count, 3);
}

// A queue whose tasks were all decided is still listed, with nothing open.
TEST_F(StoreCountsTest, CountsTheTasksEachQueueHasWaiting) {
  Create("r-1", "intake");
  const std::string oldest = FormatRfc3339(clock_.Now());
  Task("t-1", "accounting");
  Task("t-2", "accounting");
  Task("t-3", "hr");
  ASSERT_TRUE(store_->ClaimTask("t-1", "anna", clock_.Now(), Millis(60000)));  // still open
  ASSERT_TRUE(store_->DecideTask("t-3", {.approve = true, .actor = "anna"}, clock_.Now()));
  auto queues = store_->CountOpenTasks();
  ASSERT_TRUE(queues) << queues.error().message();
  ASSERT_EQ(queues->size(), 2u);
  EXPECT_EQ((*queues)[0].queue, "accounting");
  EXPECT_EQ((*queues)[0].open, 2);
  EXPECT_EQ((*queues)[0].oldest_created_at, oldest);
  EXPECT_EQ((*queues)[1].queue, "hr");
  EXPECT_EQ((*queues)[1].open, 0);
  EXPECT_EQ((*queues)[1].oldest_created_at, "");
}

}  // namespace
}  // namespace travet::store
