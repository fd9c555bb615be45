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

  static WorkItem Item(int index, ItemState state, std::string key = "") {
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
