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

constexpr Millis kLease = seconds(30);

class RunLeaseTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Result<std::unique_ptr<Store>> store = OpenSqliteStore(path(), clock_);
    ASSERT_TRUE(store) << store.error().message();
    store_ = std::move(*store);
  }
  std::string path() const { return (dir_.path() / "travet.db").string(); }
  LeaseTerms Terms(const std::string& owner) const { return {owner, clock_.Now(), kLease}; }
  std::string At(Millis later) const { return FormatRfc3339(clock_.Now() + later); }
  void Create(const std::string& id) {
    ASSERT_TRUE(store_->CreateRun({.id = id, .bot = "intake", .work_dir = "/srv/in"}).ok());
    clock_.Advance(seconds(1));  // distinct created_at, so the order is by time
  }

  TempDir dir_;
  FakeClock clock_;
  std::unique_ptr<Store> store_;
};

TEST_F(RunLeaseTest, AClaimRunsTheRunUnderALease) {
  Create("r-1");
  Result<RunRecord> run = store_->ClaimRun("r-1", Terms("host:1:aaaaaa"));
  ASSERT_TRUE(run) << run.error().message();
  EXPECT_EQ(run->state, RunState::kRunning);
  EXPECT_EQ(run->attempt, 1);
  EXPECT_EQ(run->lease_owner, "host:1:aaaaaa");
  EXPECT_EQ(run->lease_until, At(kLease));
  EXPECT_EQ(run->work_dir, "/srv/in");
  EXPECT_EQ(store_->GetRun("r-1")->lease_until, At(kLease));
}

TEST_F(RunLeaseTest, ALiveLeaseKeepsOthersOutUntilItLapses) {
  Create("r-1");
  ASSERT_TRUE(store_->ClaimRun("r-1", Terms("host:1:aaaaaa")));
  std::string until = At(kLease);
  clock_.Advance(seconds(29));
  Result<RunRecord> refused = store_->ClaimRun("r-1", Terms("host:2:bbbbbb"));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(refused.error().message(), "run r-1 is being executed by host:1:aaaaaa until " + until);

  clock_.Advance(seconds(1));  // exactly at lease_until it has lapsed
  Result<RunRecord> taken = store_->ClaimRun("r-1", Terms("host:2:bbbbbb"));
  ASSERT_TRUE(taken) << taken.error().message();
  EXPECT_EQ(taken->attempt, 2);
  EXPECT_EQ(taken->lease_owner, "host:2:bbbbbb");
}

TEST_F(RunLeaseTest, ARenewedLeaseLastsFromTheRenewal) {
  Create("r-1");
  ASSERT_TRUE(store_->ClaimRun("r-1", Terms("host:1:aaaaaa")));
  clock_.Advance(seconds(20));
  ASSERT_TRUE(store_->RenewLease("r-1", 1, Terms("host:1:aaaaaa")).ok());
  clock_.Advance(seconds(20));  // 40 s after the claim, 20 s after the renewal
  EXPECT_FALSE(store_->ClaimRun("r-1", Terms("host:2:bbbbbb")));
  clock_.Advance(seconds(10));
  EXPECT_TRUE(store_->ClaimRun("r-1", Terms("host:2:bbbbbb")));
}

TEST_F(RunLeaseTest, ADeadHolderIsTakenOverAtOnce) {
  Create("r-1");
  ASSERT_TRUE(store_->ClaimRun("r-1", Terms("host:1:aaaaaa")));
  // Naming another holder as dead does not help.
  EXPECT_FALSE(store_->ClaimRun("r-1", Terms("host:2:bbbbbb"), "host:9:cccccc"));
  Result<RunRecord> taken = store_->ClaimRun("r-1", Terms("host:2:bbbbbb"), "host:1:aaaaaa");
  ASSERT_TRUE(taken) << taken.error().message();
  EXPECT_EQ(taken->attempt, 2);
}

TEST_F(RunLeaseTest, AStaleExecutorCanNeitherCheckpointNorFinish) {
  Create("r-1");
  ASSERT_TRUE(store_->ClaimRun("r-1", Terms("host:1:aaaaaa")));
  ASSERT_TRUE(store_->SaveCheckpoint("r-1", {.step_path = "read"}, 1).ok());
  clock_.Advance(kLease + seconds(1));
  ASSERT_TRUE(store_->ClaimRun("r-1", Terms("host:2:bbbbbb")));

  const std::string taken_over =
      "run r-1 was taken over: attempt 2 is current, this worker holds attempt 1";
  Status cp = store_->SaveCheckpoint("r-1", {.step_path = "post"}, 1);
  EXPECT_EQ(cp.code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(cp.message(), taken_over);
  EXPECT_EQ(store_->SaveCheckpoints("r-1", {{.step_path = "a"}, {.step_path = "b"}}, 1).message(),
            taken_over);
  EXPECT_EQ(store_->RenewLease("r-1", 1, Terms("host:1:aaaaaa")).message(), taken_over);
  EXPECT_EQ(store_->FinishAttempt("r-1", 1, RunState::kSucceeded).message(), taken_over);

  auto checkpoints = store_->LoadCheckpoints("r-1");
  ASSERT_EQ(checkpoints->size(), 1u);
  EXPECT_EQ((*checkpoints)[0].step_path, "read");
  EXPECT_EQ(store_->GetRun("r-1")->state, RunState::kRunning);

  // The current holder writes as usual.
  EXPECT_TRUE(store_->SaveCheckpoint("r-1", {.step_path = "post"}, 2).ok());
  ASSERT_TRUE(store_->FinishAttempt("r-1", 2, RunState::kSucceeded).ok());
  RunRecord done = *store_->GetRun("r-1");
  EXPECT_EQ(done.state, RunState::kSucceeded);
  EXPECT_EQ(done.lease_owner, "");
  EXPECT_EQ(done.lease_until, "");
}

TEST_F(RunLeaseTest, ACancelledRunRefusesItsExecutor) {
  Create("r-1");
  ASSERT_TRUE(store_->ClaimRun("r-1", Terms("host:1:aaaaaa")));
  ASSERT_TRUE(store_->Transition("r-1", RunState::kRunning, RunState::kCancelled).ok());
  EXPECT_EQ(store_->RenewLease("r-1", 1, Terms("host:1:aaaaaa")).message(),
            "run r-1 is cancelled, not running");
  EXPECT_EQ(store_->SaveCheckpoint("r-1", {.step_path = "a"}, 1).message(),
            "run r-1 is cancelled, not running");
  Result<RunRecord> again = store_->ClaimRun("r-1", Terms("host:2:bbbbbb"));
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().message(), "run r-1 is cancelled and can no longer change");
}

TEST_F(RunLeaseTest, WaitingRunsAreClaimedByNameOnly) {
  Create("r-1");
  ASSERT_TRUE(store_->ClaimRun("r-1", Terms("host:1:aaaaaa")));
  ASSERT_TRUE(store_->FinishAttempt("r-1", 1, RunState::kWaitingReview).ok());
  EXPECT_EQ(store_->GetRun("r-1")->lease_owner, "");
  EXPECT_FALSE(store_->ClaimNextRun(Terms("host:2:bbbbbb"))->has_value());
  Result<RunRecord> resumed = store_->ClaimRun("r-1", Terms("host:2:bbbbbb"));
  ASSERT_TRUE(resumed) << resumed.error().message();
  EXPECT_EQ(resumed->attempt, 2);
}

TEST_F(RunLeaseTest, ClaimNextTakesTheOldestQueuedOrLapsedRun) {
  Create("r-1");
  Create("r-2");
  Create("r-3");
  Create("r-4");
  ASSERT_TRUE(store_->ClaimRun("r-1", Terms("host:1:aaaaaa")));  // live
  ASSERT_TRUE(store_->ClaimRun("r-4", Terms("host:1:aaaaaa")));
  ASSERT_TRUE(store_->FinishAttempt("r-4", 1, RunState::kSucceeded).ok());

  std::vector<std::string> order;
  for (int i = 0; i < 3; ++i) {
    auto next = store_->ClaimNextRun(Terms("host:2:bbbbbb"));
    ASSERT_TRUE(next) << next.error().message();
    if (!next->has_value())
      break;
    EXPECT_EQ((*next)->lease_owner, "host:2:bbbbbb");
    order.push_back((*next)->id);
  }
  EXPECT_EQ(order, (std::vector<std::string>{"r-2", "r-3"}));

  clock_.Advance(kLease);  // every lease lapses; r-1 is the oldest
  auto next = store_->ClaimNextRun(Terms("host:3:cccccc"));
  ASSERT_TRUE(next && next->has_value());
  EXPECT_EQ((*next)->id, "r-1");
  EXPECT_EQ((*next)->attempt, 2);
}

TEST_F(RunLeaseTest, ARunningRunWithoutALeaseIsClaimable) {
  Create("r-1");
  ASSERT_TRUE(store_->Transition("r-1", RunState::kQueued, RunState::kRunning).ok());
  auto next = store_->ClaimNextRun(Terms("host:2:bbbbbb"));
  ASSERT_TRUE(next && next->has_value());
  EXPECT_EQ((*next)->attempt, 2);
}

TEST_F(RunLeaseTest, UnknownRunsAreNotFound) {
  EXPECT_EQ(store_->ClaimRun("r-9", Terms("host:1:aaaaaa")).error().message(), "no run 'r-9'");
  EXPECT_EQ(store_->RenewLease("r-9", 1, Terms("host:1:aaaaaa")).message(), "no run 'r-9'");
  EXPECT_EQ(store_->FinishAttempt("r-9", 1, RunState::kFailed).code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace travet::store
