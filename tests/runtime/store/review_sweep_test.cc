// SweepTasks: escalation past the due time and expiry, on a FakeClock.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/runtime/store/review_fixture.h"

namespace travet::store {
namespace {

using std::chrono::hours;
using std::chrono::minutes;

class ReviewSweepTest : public ReviewTasksTest {
 protected:
  // Moves run r-1 to waiting_review, as a run that reached its review step.
  void Wait() {
    ASSERT_TRUE(store_->Transition("r-1", RunState::kQueued, RunState::kRunning).ok());
    ASSERT_TRUE(store_->Transition("r-1", RunState::kRunning, RunState::kWaitingReview).ok());
  }

  SweepReport Sweep() {
    Result<SweepReport> report = store_->SweepTasks(clock_.Now());
    EXPECT_TRUE(report) << report.error().message();
    return report ? *report : SweepReport{};
  }
};

std::vector<std::string> TaskIds(const std::vector<ReviewTask>& tasks) {
  std::vector<std::string> ids;
  ids.reserve(tasks.size());
  for (const ReviewTask& task : tasks)
    ids.push_back(task.id);
  return ids;
}

TEST_F(ReviewSweepTest, EscalatesOnceWhenDueAndMovesToTheEscalationQueue) {
  ReviewTask task = Invoice("t-1");
  task.priority = 3;
  task.due_at = At(hours(1));
  task.escalate_to = "supervisors";
  ASSERT_TRUE(store_->CreateTask(task).ok());
  ASSERT_TRUE(store_->ClaimTask("t-1", "anna", clock_.Now(), hours(2)));
  EXPECT_TRUE(Sweep().escalated.empty());

  clock_.Advance(hours(1));
  SweepReport report = Sweep();
  EXPECT_EQ(TaskIds(report.escalated), std::vector<std::string>{"t-1"});
  EXPECT_TRUE(report.expired.empty());
  Result<ReviewTask> escalated = store_->GetTask("t-1");
  ASSERT_TRUE(escalated);
  EXPECT_EQ(escalated->queue, "supervisors");
  EXPECT_EQ(escalated->priority, 13);
  EXPECT_EQ(escalated->escalated_at, At());
  EXPECT_EQ(escalated->state, TaskState::kClaimed);  // the claim stays
  EXPECT_EQ(escalated->claimed_by, "anna");
  EXPECT_EQ(Actions("t-1").back(),
            "escalate:system:moved from accounting to supervisors; priority 3 -> 13");
  EXPECT_EQ(store_->TaskHistory("t-1")->back().time, At());
  EXPECT_EQ(Ids(store_->ListTasks({.queue = "supervisors"})), std::vector<std::string>{"t-1"});

  clock_.Advance(hours(5));
  EXPECT_TRUE(Sweep().escalated.empty());  // once
  EXPECT_EQ(Actions("t-1").size(), 3u);
}

TEST_F(ReviewSweepTest, EscalationWithoutAQueueOnlyRaisesThePriority) {
  ReviewTask task = Invoice("t-1");
  task.due_at = At(minutes(10));
  ASSERT_TRUE(store_->CreateTask(task).ok());
  clock_.Advance(minutes(10));
  ASSERT_EQ(Sweep().escalated.size(), 1u);
  EXPECT_EQ(store_->GetTask("t-1")->queue, "accounting");
  EXPECT_EQ(Actions("t-1").back(), "escalate:system:priority 0 -> 10");
}

TEST_F(ReviewSweepTest, ExpiresAndRequeuesTheWaitingRun) {
  Wait();
  ReviewTask task = Invoice("t-1");
  task.due_at = At(hours(1));
  task.expires_at = At(hours(2));
  ASSERT_TRUE(store_->CreateTask(task).ok());
  ASSERT_TRUE(store_->ClaimTask("t-1", "anna", clock_.Now(), hours(5)));
  clock_.Advance(hours(3));  // past both: it only expires

  SweepReport report = Sweep();
  EXPECT_EQ(TaskIds(report.expired), std::vector<std::string>{"t-1"});
  EXPECT_TRUE(report.escalated.empty());
  EXPECT_EQ(report.requeued_runs, std::vector<std::string>{"r-1"});
  Result<ReviewTask> expired = store_->GetTask("t-1");
  ASSERT_TRUE(expired);
  EXPECT_EQ(expired->state, TaskState::kExpired);
  EXPECT_EQ(expired->claimed_by, "");
  EXPECT_EQ(Actions("t-1").back(), "expire:system:undecided at its expiry time " + At(-hours(1)));
  EXPECT_EQ(store_->GetRun("r-1")->state, RunState::kQueued);

  Result<ReviewTask> late = Approve("t-1", "anna");
  ASSERT_FALSE(late);
  EXPECT_EQ(late.error().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(late.error().message(), "task t-1 has expired");
  SweepReport again = Sweep();
  EXPECT_TRUE(again.expired.empty());
  EXPECT_TRUE(again.requeued_runs.empty());
}

TEST_F(ReviewSweepTest, ARunThatDoesNotWaitIsLeftAlone) {
  ReviewTask task = Invoice("t-1");
  task.expires_at = At(minutes(1));
  ASSERT_TRUE(store_->CreateTask(task).ok());
  clock_.Advance(minutes(1));
  SweepReport report = Sweep();
  EXPECT_EQ(report.expired.size(), 1u);
  EXPECT_TRUE(report.requeued_runs.empty());
  EXPECT_EQ(store_->GetRun("r-1")->state, RunState::kQueued);
}

TEST_F(ReviewSweepTest, DecidedTasksAreNotSwept) {
  ReviewTask task = Invoice("t-1");
  task.due_at = At(minutes(1));
  task.expires_at = At(minutes(2));
  ASSERT_TRUE(store_->CreateTask(task).ok());
  ASSERT_TRUE(Approve("t-1", "anna"));
  clock_.Advance(hours(1));
  SweepReport report = Sweep();
  EXPECT_TRUE(report.escalated.empty());
  EXPECT_TRUE(report.expired.empty());
  EXPECT_EQ(store_->GetTask("t-1")->state, TaskState::kApproved);
  EXPECT_EQ(Actions("t-1").back(), "approve:anna:");
}

TEST_F(ReviewSweepTest, TasksWithoutTimesNeverChange) {
  ASSERT_TRUE(store_->CreateTask(Invoice("t-1")).ok());
  clock_.Advance(hours(24 * 365));
  SweepReport report = Sweep();
  EXPECT_TRUE(report.escalated.empty());
  EXPECT_TRUE(report.expired.empty());
  EXPECT_EQ(store_->GetTask("t-1")->state, TaskState::kPending);
}

}  // namespace
}  // namespace travet::store
