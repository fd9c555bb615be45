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

class WorkItemStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Result<std::unique_ptr<Store>> store = OpenSqliteStore(path(), clock_);
    ASSERT_TRUE(store) << store.error().message();
    store_ = std::move(*store);
    ASSERT_TRUE(store_->CreateRun({.id = "r-1", .bot = "intake"}).ok());
  }
  std::string path() const { return (dir_.path() / "travet.db").string(); }

  static WorkItem Item(int index, ItemState state, const std::string& key = "") {
    return {.loop_path = "each",
            .index = index,
            .key = key.empty() ? "doc" + std::to_string(index) + ".pdf" : key,
            .state = state,
            .attempts = 1};
  }

  TempDir dir_;
  FakeClock clock_;
  std::unique_ptr<Store> store_;
};

TEST_F(WorkItemStoreTest, ItemsAreSavedReplacedAndListedInLoopOrder) {
  WorkItem failed = Item(2, ItemState::kFailed);
  failed.error = "HTTP 422 from https://office/api/invoices";
  failed.finished_at = "2026-12-06T08:00:00.000Z";
  failed.output = {{"post", {{"status", 422}}}};
  ASSERT_TRUE(store_->SaveWorkItems("r-1", {failed, Item(0, ItemState::kWaitingReview)}).ok());
  WorkItem done = Item(0, ItemState::kSucceeded);
  done.attempts = 2;
  done.outcome = "skipped: not an application";
  ASSERT_TRUE(store_->SaveWorkItems("r-1", {done, Item(1, ItemState::kSucceeded)}).ok());

  auto items = store_->ListWorkItems("r-1");
  ASSERT_TRUE(items) << items.error().message();
  ASSERT_EQ(items->size(), 3u);
  EXPECT_EQ((*items)[0].key, "doc0.pdf");
  EXPECT_EQ((*items)[0].state, ItemState::kSucceeded);  // replaced, not doubled
  EXPECT_EQ((*items)[0].attempts, 2);
  EXPECT_EQ((*items)[0].outcome, "skipped: not an application");
  EXPECT_EQ((*items)[2].error, failed.error);
  EXPECT_EQ((*items)[2].output, failed.output);
  EXPECT_EQ((*items)[2].finished_at, failed.finished_at);
  EXPECT_EQ((*items)[2].Path(), "each[2]");

  auto only_failed = store_->ListWorkItems("r-1", {.state = ItemState::kFailed});
  ASSERT_TRUE(only_failed);
  ASSERT_EQ(only_failed->size(), 1u);
  EXPECT_EQ((*only_failed)[0].index, 2);
  EXPECT_TRUE(store_->ListWorkItems("r-9")->empty());
}

TEST_F(WorkItemStoreTest, AStaleExecutorCannotSaveItems) {
  LeaseTerms lease{"host:1:aaaaaa", clock_.Now(), seconds(30)};
  ASSERT_TRUE(store_->ClaimRun("r-1", lease));
  clock_.Advance(seconds(31));  // the lease lapses; another worker takes over
  ASSERT_TRUE(store_->ClaimRun("r-1", {"host:2:bbbbbb", clock_.Now(), seconds(30)}));
  Status stale = store_->SaveWorkItems("r-1", {Item(0, ItemState::kSucceeded)}, /*attempt=*/1);
  EXPECT_EQ(stale.code(), StatusCode::kFailedPrecondition) << stale.message();
  EXPECT_TRUE(store_->ListWorkItems("r-1")->empty());
  EXPECT_TRUE(store_->SaveWorkItems("r-1", {Item(0, ItemState::kSucceeded)}, 2).ok());
}

TEST_F(WorkItemStoreTest, BadItemsAreRefusedWhole) {
  Status unknown = store_->SaveWorkItems("r-9", {Item(0, ItemState::kSucceeded)});
  EXPECT_EQ(unknown.code(), StatusCode::kNotFound) << unknown.message();
  WorkItem nameless = Item(1, ItemState::kSucceeded);
  nameless.loop_path.clear();
  Status refused = store_->SaveWorkItems("r-1", {Item(0, ItemState::kSucceeded), nameless});
  EXPECT_EQ(refused.code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(store_->ListWorkItems("r-1")->empty());  // one transaction
}

TEST_F(WorkItemStoreTest, RetryReopensFinishedItemsAndForgetsTheirSteps) {
  ASSERT_TRUE(
      store_
          ->SaveWorkItems("r-1", {Item(1, ItemState::kFailed), Item(10, ItemState::kSucceeded),
                                  Item(2, ItemState::kWaitingReview)})
          .ok());
  std::vector<Checkpoint> cps;
  for (const char* path : {"docs", "each[1].post", "each[1].on_error.step1", "each[10].post",
                           "report", "report_x", "on_error.step1"})
    cps.push_back({.step_path = path});
  ASSERT_TRUE(store_->SaveCheckpoints("r-1", cps).ok());
  ASSERT_TRUE(store_->Transition("r-1", RunState::kQueued, RunState::kFailed).ok());

  auto retried =
      store_->RetryWorkItems("r-1", {Item(1, ItemState::kFailed)}, {"report", "on_error"});
  ASSERT_TRUE(retried) << retried.error().message();
  ASSERT_EQ(retried->size(), 1u);
  EXPECT_EQ((*retried)[0].state, ItemState::kPending);
  EXPECT_EQ((*retried)[0].retries, 1);
  std::vector<std::string> left;
  auto saved = store_->LoadCheckpoints("r-1");
  ASSERT_TRUE(saved);
  for (const auto& cp : *saved)
    left.push_back(cp.step_path);
  EXPECT_EQ(left, (std::vector<std::string>{"docs", "each[10].post", "report_x"}));
  RunRecord run = *store_->GetRun("r-1");
  EXPECT_EQ(run.state, RunState::kQueued);  // a failed run works again
  EXPECT_TRUE(run.finished_at.empty());
  EXPECT_TRUE(run.error.empty());

  auto waiting = store_->RetryWorkItems("r-1", {Item(2, ItemState::kPending)}, {});
  ASSERT_FALSE(waiting);
  EXPECT_EQ(waiting.error().message(),
            "work item each[2] of run r-1 (doc2.pdf) is waiting_review, not finished");
  auto missing = store_->RetryWorkItems("r-1", {Item(7, ItemState::kFailed)}, {});
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code(), StatusCode::kNotFound);
  ASSERT_TRUE(store_->ClaimRun("r-1", {"host:1:aaaaaa", clock_.Now(), seconds(30)}));
  auto running = store_->RetryWorkItems("r-1", {Item(10, ItemState::kSucceeded)}, {});
  ASSERT_FALSE(running);
  EXPECT_EQ(running.error().code(), StatusCode::kFailedPrecondition);
}

TEST(ItemStateTest, NamesRoundTrip) {
  for (ItemState state : {ItemState::kPending, ItemState::kRunning, ItemState::kWaitingReview,
                          ItemState::kSucceeded, ItemState::kFailed}) {
    EXPECT_EQ(ParseItemState(ItemStateName(state)), state);
  }
  EXPECT_FALSE(ParseItemState("done"));
  EXPECT_TRUE(IsFinal(ItemState::kFailed));
  EXPECT_FALSE(IsFinal(ItemState::kWaitingReview));
}

}  // namespace
}  // namespace travet::store
