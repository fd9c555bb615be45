// Work items claimed one at a time: of many claimants each gets another
// item; a lapsed claim is taken again and the claimant that lost it is
// refused; the items of a dead executor of the run and the ones waiting for
// review come back once per attempt of the run.
#include <gtest/gtest.h>

#include <chrono>
#include <set>
#include <thread>

#include "runtime/store/sqlite/sqlite_store.h"
#include "tests/fakes/fake_clock.h"
#include "tests/fakes/temp_dir.h"

namespace travet::store {
namespace {

using std::chrono::seconds;
using testing::FakeClock;
using testing::TempDir;

class ItemClaimTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Result<std::unique_ptr<Store>> store = OpenSqliteStore(path(), clock_);
    ASSERT_TRUE(store) << store.error().message();
    store_ = std::move(*store);
    ASSERT_TRUE(store_->CreateRun({.id = "r-1", .bot = "intake"}).ok());
    auto claimed = store_->ClaimRun("r-1", {.owner = "holder", .now = clock_.Now()});
    ASSERT_TRUE(claimed) << claimed.error().message();
    attempt_ = claimed->attempt;
    std::vector<WorkItem> pending;
    pending.reserve(4);
    for (int i = 0; i < 4; ++i)
      pending.push_back({.loop_path = "each", .index = i});
    ASSERT_TRUE(store_->SaveWorkItems("r-1", pending).ok());
  }
  std::string path() const { return (dir_.path() / "travet.db").string(); }

  std::optional<ItemClaim> Claim(const std::string& owner, std::optional<Millis> length = {}) {
    auto claim =
        store_->ClaimItem({.run_id = "", .owner = owner, .now = clock_.Now(), .length = length});
    EXPECT_TRUE(claim) << claim.error().message();
    return claim ? *claim : std::nullopt;
  }

  TempDir dir_;
  FakeClock clock_;
  std::unique_ptr<Store> store_;
  int attempt_ = 0;
};

TEST_F(ItemClaimTest, ManyClaimantsEachGetAnotherItem) {
  std::vector<std::thread> threads;
  std::mutex mu;
  std::multiset<int> taken;
  threads.reserve(4);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      auto store = OpenSqliteStore(path(), clock_);  // a connection of its own, as a process
      ASSERT_TRUE(store);
      auto claim = (*store)->ClaimItem(
          {.owner = "worker-" + std::to_string(t), .now = clock_.Now(), .length = Millis(30000)});
      ASSERT_TRUE(claim) << claim.error().message();
      ASSERT_TRUE(*claim);
      std::lock_guard lock(mu);
      taken.insert((*claim)->item.index);
    });
  }
  for (auto& thread : threads)
    thread.join();
  EXPECT_EQ(taken, (std::multiset<int>{0, 1, 2, 3}));
  EXPECT_FALSE(Claim("late", Millis(30000)));  // nothing left
}

TEST_F(ItemClaimTest, AClaimRecordsWhoAndTheRunItBelongsTo) {
  auto claim = Claim("worker-a", Millis(30000));
  ASSERT_TRUE(claim);
  EXPECT_EQ(claim->run.id, "r-1");
  EXPECT_EQ(claim->run.attempt, attempt_);
  EXPECT_EQ(claim->item.index, 0);
  EXPECT_EQ(claim->item.state, ItemState::kRunning);
  EXPECT_EQ(claim->item.owner, "worker-a");
  EXPECT_EQ(claim->item.claims, 1);
  EXPECT_EQ(claim->item.claimed_in, attempt_);
  EXPECT_EQ(claim->item.lease_until, FormatRfc3339(clock_.Now() + seconds(30)));
}

TEST_F(ItemClaimTest, ALapsedClaimIsTakenAgainAndTheOldClaimantRefused) {
  std::vector<ItemClaim> first;
  first.reserve(4);
  for (int i = 0; i < 4; ++i)
    first.push_back(*Claim("worker-a", Millis(30000)));
  clock_.Advance(seconds(20));
  for (int i = 1; i < 4; ++i)
    ASSERT_TRUE(store_->RenewItemLease("r-1", first[i].item, clock_.Now() + seconds(30)).ok());
  clock_.Advance(seconds(15));  // item 0's claim lapsed; the others were renewed
  auto again = Claim("worker-b", Millis(30000));
  ASSERT_TRUE(again);
  EXPECT_EQ(again->item.index, 0);
  EXPECT_EQ(again->item.claims, 2);
  EXPECT_FALSE(Claim("worker-c", Millis(30000)));
  WorkItem stale = first[0].item;
  stale.state = ItemState::kSucceeded;
  Status refused = store_->SaveWorkItems("r-1", {stale}, attempt_);
  EXPECT_EQ(refused.code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(refused.message(),
            "work item each[0] of run r-1 was claimed again: claim 2 is current, this executor "
            "holds claim 1");
  EXPECT_EQ(store_->RenewItemLease("r-1", first[0].item, clock_.Now()).code(),
            StatusCode::kFailedPrecondition);
  WorkItem done = again->item;
  done.state = ItemState::kSucceeded;
  EXPECT_TRUE(store_->SaveWorkItems("r-1", {done}, attempt_).ok());
}

TEST_F(ItemClaimTest, TheRunExecutorsOwnClaimsComeBackOnlyWithTheNextAttempt) {
  auto held = store_->ClaimItem({.run_id = "r-1", .owner = "holder", .now = clock_.Now()});
  ASSERT_TRUE(held && *held);
  EXPECT_EQ((*held)->item.lease_until, "");  // under the run's lease
  clock_.Advance(std::chrono::hours(1));
  for (int i = 1; i < 4; ++i)
    ASSERT_TRUE(Claim("worker-a", Millis(30000)));
  EXPECT_FALSE(Claim("worker-b", std::nullopt)) << "the holder's item is not lapsed";
  // The holder died: its run is taken over, attempt + 1.
  auto taken = store_->ClaimRun("r-1", {.owner = "successor", .now = clock_.Now()}, "holder");
  ASSERT_TRUE(taken) << taken.error().message();
  auto back = store_->ClaimItem({.run_id = "r-1", .owner = "successor", .now = clock_.Now()});
  ASSERT_TRUE(back && *back);
  EXPECT_EQ((*back)->item.index, 0);
  EXPECT_EQ((*back)->item.claimed_in, taken->attempt);
}

TEST_F(ItemClaimTest, AnItemWaitingForReviewIsTriedOncePerAttemptOfTheRun) {
  auto claim = Claim("holder");
  ASSERT_TRUE(claim);
  WorkItem parked = claim->item;
  parked.state = ItemState::kWaitingReview;
  ASSERT_TRUE(store_->SaveWorkItems("r-1", {parked}, attempt_).ok());
  for (int i = 1; i < 4; ++i)
    ASSERT_TRUE(Claim("holder"));
  EXPECT_FALSE(Claim("holder")) << "parked in this attempt: not again before a resume";
  ASSERT_TRUE(store_->FinishAttempt("r-1", attempt_, RunState::kWaitingReview, "").ok());
  ASSERT_TRUE(store_->Transition("r-1", RunState::kWaitingReview, RunState::kQueued).ok());
  auto resumed = store_->ClaimRun("r-1", {.owner = "holder", .now = clock_.Now()});
  ASSERT_TRUE(resumed);
  auto again = Claim("holder");
  ASSERT_TRUE(again);
  EXPECT_EQ(again->item.index, 0);
}

TEST_F(ItemClaimTest, ItemsOfLoopsInsideOtherStepsAndOfRunsNotRunningAreLeft) {
  ASSERT_TRUE(store_->CreateRun({.id = "r-2", .bot = "intake"}).ok());  // queued
  ASSERT_TRUE(store_->SaveWorkItems("r-2", {{.loop_path = "each", .index = 0}}).ok());
  ASSERT_TRUE(store_->SaveWorkItems("r-1", {{.loop_path = "outer[0].each", .index = 0}}).ok());
  std::set<std::string> claimed;
  while (auto claim = Claim("worker-a", Millis(30000)))
    claimed.insert(claim->run.id + " " + claim->item.Path());
  EXPECT_EQ(claimed,
            (std::set<std::string>{"r-1 each[0]", "r-1 each[1]", "r-1 each[2]", "r-1 each[3]"}));
}

TEST_F(ItemClaimTest, ClaimsAndListingsCanKeepToOneLoop) {
  ASSERT_TRUE(store_->SaveWorkItems("r-1", {{.loop_path = "later", .index = 0}}).ok());
  auto claim = store_->ClaimItem({.run_id = "r-1", .loop_path = "later", .owner = "holder"});
  ASSERT_TRUE(claim) << claim.error().message();
  ASSERT_TRUE(*claim);
  EXPECT_EQ((*claim)->item.Path(), "later[0]");
  claim = store_->ClaimItem({.run_id = "r-1", .loop_path = "later", .owner = "holder"});
  ASSERT_TRUE(claim) << claim.error().message();
  EXPECT_FALSE(*claim);  // each[0..3] are pending, but of another loop

  auto running = store_->ListWorkItems("r-1", {.state = ItemState::kRunning, .loop_path = "later"});
  ASSERT_TRUE(running) << running.error().message();
  ASSERT_EQ(running->size(), 1u);
  EXPECT_EQ((*running)[0].owner, "holder");
  auto each = store_->ListWorkItems("r-1", {.loop_path = "each"});
  ASSERT_TRUE(each) << each.error().message();
  EXPECT_EQ(each->size(), 4u);
}

TEST_F(ItemClaimTest, AnExecutorMayClaimSeveralPendingItemsAtOnce) {
  auto claim = store_->ClaimItem({.run_id = "r-1", .owner = "holder", .count = 3});
  ASSERT_TRUE(claim) << claim.error().message();
  ASSERT_TRUE(*claim);
  EXPECT_EQ((*claim)->item.index, 0);
  ASSERT_EQ((*claim)->more.size(), 2u);
  EXPECT_EQ((*claim)->more[0].index, 1);
  EXPECT_EQ((*claim)->more[1].index, 2);
  auto running = store_->ListWorkItems("r-1", {.state = ItemState::kRunning});
  ASSERT_TRUE(running) << running.error().message();
  EXPECT_EQ(running->size(), 3u);
  claim = store_->ClaimItem({.run_id = "r-1", .owner = "holder", .count = 5});
  ASSERT_TRUE(claim) << claim.error().message();
  ASSERT_TRUE(*claim);
  EXPECT_EQ((*claim)->item.index, 3);  // the last one left
  EXPECT_TRUE((*claim)->more.empty());
}

// A stopping worker gives its item back at once (pending, its claim count
// kept, so a late write of the old claim is still refused); a claim that
// was taken over is not the worker's to give.
TEST_F(ItemClaimTest, AWorkerGivesItsItemBackAtOnce) {
  auto mine = Claim("worker-a", Millis(30000));
  ASSERT_TRUE(mine);
  ASSERT_TRUE(store_->ReleaseItem("r-1", mine->item).ok());
  auto item = store_->ListWorkItems("r-1", {.state = ItemState::kPending});
  ASSERT_TRUE(item) << item.error().message();
  ASSERT_EQ(item->size(), 4u);
  EXPECT_EQ((*item)[0].owner, "");
  EXPECT_EQ((*item)[0].lease_until, "");
  EXPECT_EQ((*item)[0].claims, 1);
  auto again = Claim("worker-b", Millis(30000));  // no lapse to wait for
  ASSERT_TRUE(again);
  EXPECT_EQ(again->item.index, 0);
  Status refused = store_->ReleaseItem("r-1", mine->item);
  EXPECT_EQ(refused.message(),
            "work item each[0] of run r-1 was claimed again: claim 2 is current, this executor "
            "holds claim 1");
  WorkItem done = again->item;
  done.state = ItemState::kSucceeded;
  ASSERT_TRUE(store_->SaveWorkItems("r-1", {done}, attempt_).ok());
  EXPECT_EQ(store_->ReleaseItem("r-1", again->item).message(),
            "work item each[0] of run r-1 is succeeded, no longer running");
}

// A stopping executor gives its run back: queued without a lease, its
// checkpoints kept, the items it ran under the run's lease pending; an item
// under a worker's own claim stays that worker's.
TEST_F(ItemClaimTest, AStoppingExecutorGivesItsRunAndItsItemsBack) {
  ASSERT_TRUE(store_->SaveCheckpoint("r-1", {.step_path = "first"}, attempt_).ok());
  auto own = store_->ClaimItem({.run_id = "r-1", .owner = "holder", .now = clock_.Now()});
  ASSERT_TRUE(own && *own);
  auto helper = Claim("worker-a", Millis(30000));
  ASSERT_TRUE(helper);
  EXPECT_EQ(store_->ReleaseRun("r-1", attempt_ + 1).message(),
            "run r-1 was taken over: attempt 1 is current, this worker holds attempt 2");
  ASSERT_TRUE(store_->ReleaseRun("r-1", attempt_).ok());
  RunRecord run = *store_->GetRun("r-1");
  EXPECT_EQ(run.state, RunState::kQueued);
  EXPECT_EQ(run.lease_owner, "");
  EXPECT_EQ(run.lease_until, "");
  EXPECT_EQ(run.attempt, attempt_);
  EXPECT_EQ(store_->LoadCheckpoints("r-1")->size(), 1u);
  auto running = store_->ListWorkItems("r-1", {.state = ItemState::kRunning});
  ASSERT_EQ(running->size(), 1u);
  EXPECT_EQ((*running)[0].owner, "worker-a");
  EXPECT_EQ(store_->ListWorkItems("r-1", {.state = ItemState::kPending})->size(), 3u);
  EXPECT_EQ(store_->SaveCheckpoint("r-1", {.step_path = "late"}, attempt_).message(),
            "run r-1 is queued, not running");
  auto next = store_->ClaimNextRun({.owner = "successor", .now = clock_.Now()});
  ASSERT_TRUE(next && *next);  // at once: no lease to lapse
  EXPECT_EQ((*next)->attempt, attempt_ + 1);
}

}  // namespace
}  // namespace travet::store
