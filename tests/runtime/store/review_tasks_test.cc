#include <gtest/gtest.h>

#include <optional>
#include <regex>
#include <string>
#include <vector>

#include "tests/runtime/store/review_fixture.h"

namespace travet::store {
namespace {

using std::chrono::minutes;

TEST(ReviewTypesTest, TaskStateNamesRoundTrip) {
  for (TaskState state : {TaskState::kPending, TaskState::kClaimed, TaskState::kApproved,
                          TaskState::kRejected, TaskState::kExpired}) {
    EXPECT_EQ(ParseTaskState(TaskStateName(state)), state);
  }
  EXPECT_EQ(TaskStateName(TaskState::kApproved), "approved");
  EXPECT_EQ(ParseTaskState("Pending"), std::nullopt);
}

TEST_F(ReviewTasksTest, CreatesAndGetsTask) {
  ReviewTask task = Invoice("t-1");
  task.instructions = "Check the total.";
  task.priority = 3;
  task.due_at = "2030-01-01T00:00:00.000Z";
  task.sampled = true;
  task.state = TaskState::kApproved;  // ignored: a new task is pending
  ASSERT_TRUE(store_->CreateTask(task).ok());

  Result<ReviewTask> got = store_->GetTask("t-1");
  ASSERT_TRUE(got) << got.error().message();
  EXPECT_EQ(got->run_id, "r-1");
  EXPECT_EQ(got->step_path, "each[0].checked");
  EXPECT_EQ(got->queue, "accounting");
  EXPECT_EQ(got->document, "inbox/invoice-1.png");
  EXPECT_EQ(got->page, 1);
  EXPECT_EQ(got->fields, task.fields);
  EXPECT_EQ(got->instructions, "Check the total.");
  EXPECT_EQ(got->priority, 3);
  EXPECT_EQ(got->due_at, "2030-01-01T00:00:00.000Z");
  EXPECT_EQ(got->state, TaskState::kPending);
  EXPECT_TRUE(got->sampled);
  EXPECT_EQ(got->approvals_required, 1);
  EXPECT_EQ(got->created_at, At());
  EXPECT_EQ(got->claimed_by, "");
  EXPECT_EQ(got->decided_by, "");

  Result<std::vector<AuditEntry>> history = store_->TaskHistory("t-1");
  ASSERT_TRUE(history);
  ASSERT_EQ(history->size(), 1u);
  EXPECT_EQ((*history)[0].action, "create");
  EXPECT_EQ((*history)[0].actor, "bot:r-1");
  EXPECT_EQ((*history)[0].task_id, "t-1");
  EXPECT_EQ((*history)[0].time, At());
}

TEST_F(ReviewTasksTest, GeneratesIdAndFindsTaskByStep) {
  ASSERT_TRUE(store_->CreateTask(Invoice("")).ok());
  Result<std::optional<ReviewTask>> found = store_->FindTask("r-1", "each[0].checked");
  ASSERT_TRUE(found) << found.error().message();
  ASSERT_TRUE(found->has_value());
  EXPECT_TRUE(std::regex_match((*found)->id, std::regex("t-[0-9a-f]{12}"))) << (*found)->id;
  EXPECT_EQ(store_->GetTask((*found)->id)->step_path, "each[0].checked");

  EXPECT_FALSE(store_->FindTask("r-1", "each[1].checked")->has_value());
  EXPECT_FALSE(store_->FindTask("r-2", "each[0].checked")->has_value());
}

TEST_F(ReviewTasksTest, RefusesDuplicatesUnknownRunsAndBadTasks) {
  ASSERT_TRUE(store_->CreateTask(Invoice("t-1")).ok());
  Status same_step = store_->CreateTask(Invoice("t-2"));
  EXPECT_EQ(same_step.code(), StatusCode::kAlreadyExists);
  EXPECT_EQ(same_step.message(), "run r-1 already has a review task for step each[0].checked");
  Status same_id = store_->CreateTask(Invoice("t-1", "each[1].checked"));
  EXPECT_EQ(same_id.code(), StatusCode::kAlreadyExists);
  EXPECT_EQ(same_id.message(), "task 't-1' already exists");

  ReviewTask orphan = Invoice("t-3");
  orphan.run_id = "r-404";
  EXPECT_EQ(store_->CreateTask(orphan).code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->CreateTask(orphan).message(), "no run 'r-404'");

  ReviewTask bad = Invoice("t-4", "s");
  bad.approvals_required = 3;
  EXPECT_EQ(store_->CreateTask(bad).message(),
            "review task of run r-1 step s: approvals_required must be 1 or 2, not 3");
  EXPECT_EQ(store_->CreateTask(ReviewTask{.run_id = "r-1"}).message(),
            "review task of run r-1 has no step path");
  EXPECT_EQ(store_->CreateTask(ReviewTask{}).message(), "review task has no run id");
  EXPECT_TRUE(store_->TaskHistory("t-2")->empty());
}

TEST_F(ReviewTasksTest, GetUnknownTaskIsNotFound) {
  Result<ReviewTask> got = store_->GetTask("t-9");
  ASSERT_FALSE(got);
  EXPECT_EQ(got.error().code(), StatusCode::kNotFound);
  EXPECT_EQ(got.error().message(), "no task 't-9'");
}

TEST_F(ReviewTasksTest, ListsByQueueAndStateByPriorityThenAge) {
  auto add = [&](const std::string& id, std::string queue, int priority) {
    ReviewTask task = Invoice(id, "step-" + id);
    task.queue = std::move(queue);
    task.priority = priority;
    ASSERT_TRUE(store_->CreateTask(task).ok());
    clock_.Advance(Millis(1));
  };
  add("t-a", "accounting", 0);
  add("t-b", "accounting", 5);
  add("t-c", "hr", 9);
  add("t-d", "accounting", 5);
  add("t-e", "accounting", 0);
  ASSERT_TRUE(Approve("t-e", "anna"));
  ASSERT_TRUE(store_->ClaimTask("t-a", "anna", clock_.Now(), kLease));

  EXPECT_EQ(Ids(store_->ListTasks({})),
            (std::vector<std::string>{"t-c", "t-b", "t-d", "t-a", "t-e"}));
  EXPECT_EQ(Ids(store_->ListTasks({.queue = "accounting", .state = TaskState::kPending})),
            (std::vector<std::string>{"t-b", "t-d"}));
  EXPECT_EQ(Ids(store_->ListTasks({.state = TaskState::kPending})),
            (std::vector<std::string>{"t-c", "t-b", "t-d"}));
  EXPECT_EQ(Ids(store_->ListTasks({.state = TaskState::kClaimed})),
            (std::vector<std::string>{"t-a"}));
  EXPECT_EQ(Ids(store_->ListTasks({.state = TaskState::kApproved})),
            (std::vector<std::string>{"t-e"}));
  EXPECT_EQ(Ids(store_->ListTasks({.queue = "hr"})), (std::vector<std::string>{"t-c"}));
  EXPECT_EQ(Ids(store_->ListTasks({.queue = "accounting", .limit = 2})),
            (std::vector<std::string>{"t-b", "t-d"}));
  EXPECT_TRUE(store_->ListTasks({.queue = "legal"})->empty());
}

TEST_F(ReviewTasksTest, PendingListIncludesLapsedClaims) {
  ASSERT_TRUE(store_->CreateTask(Invoice("t-1")).ok());
  ASSERT_TRUE(store_->ClaimTask("t-1", "anna", clock_.Now(), kLease));
  EXPECT_TRUE(store_->ListTasks({.state = TaskState::kPending})->empty());
  EXPECT_EQ(store_->GetTask("t-1")->state, TaskState::kClaimed);

  clock_.Advance(kLease);
  EXPECT_EQ(Ids(store_->ListTasks({.state = TaskState::kPending})),
            (std::vector<std::string>{"t-1"}));
  EXPECT_TRUE(store_->ListTasks({.state = TaskState::kClaimed})->empty());
  Result<ReviewTask> got = store_->GetTask("t-1");
  EXPECT_EQ(got->state, TaskState::kPending);
  EXPECT_EQ(got->claimed_by, "");
}

TEST_F(ReviewTasksTest, ClaimRenewsConflictsAndTakesOverLapsedLease) {
  ASSERT_TRUE(store_->CreateTask(Invoice("t-1")).ok());
  Result<ReviewTask> claimed = store_->ClaimTask("t-1", "anna", clock_.Now(), kLease);
  ASSERT_TRUE(claimed) << claimed.error().message();
  EXPECT_EQ(claimed->state, TaskState::kClaimed);
  EXPECT_EQ(claimed->claimed_by, "anna");
  EXPECT_EQ(claimed->lease_until, At(kLease));

  clock_.Advance(minutes(5));
  Result<ReviewTask> other = store_->ClaimTask("t-1", "bob", clock_.Now(), kLease);
  ASSERT_FALSE(other);
  EXPECT_EQ(other.error().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(other.error().message(), "task t-1 is claimed by anna until " + claimed->lease_until);

  Result<ReviewTask> renewed = store_->ClaimTask("t-1", "anna", clock_.Now(), kLease);
  ASSERT_TRUE(renewed);
  EXPECT_EQ(renewed->lease_until, At(kLease));

  clock_.Advance(kLease);
  Result<ReviewTask> taken = store_->ClaimTask("t-1", "bob", clock_.Now(), kLease);
  ASSERT_TRUE(taken) << taken.error().message();
  EXPECT_EQ(taken->claimed_by, "bob");
  EXPECT_EQ(store_->GetTask("t-1")->claimed_by, "bob");
  EXPECT_EQ(Actions("t-1"),
            (std::vector<std::string>{"create:bot:r-1:", "claim:anna:", "claim:anna:renewed",
                                      "claim:bob:lease of anna lapsed"}));
  EXPECT_EQ(store_->ClaimTask("t-1", "", clock_.Now(), kLease).error().message(),
            "claiming task t-1 needs an actor");
  EXPECT_EQ(store_->ClaimTask("t-9", "anna", clock_.Now(), kLease).error().message(),
            "no task 't-9'");
}

TEST_F(ReviewTasksTest, OnlyTheHolderReleases) {
  ASSERT_TRUE(store_->CreateTask(Invoice("t-1")).ok());
  EXPECT_EQ(store_->ReleaseTask("t-1", "anna", clock_.Now()).message(),
            "task t-1 is not claimed by anna");
  ASSERT_TRUE(store_->ClaimTask("t-1", "anna", clock_.Now(), kLease));
  Status by_bob = store_->ReleaseTask("t-1", "bob", clock_.Now());
  EXPECT_EQ(by_bob.code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(by_bob.message(), "task t-1 is claimed by anna until " + At(kLease));

  ASSERT_TRUE(store_->ReleaseTask("t-1", "anna", clock_.Now()).ok());
  Result<ReviewTask> got = store_->GetTask("t-1");
  EXPECT_EQ(got->state, TaskState::kPending);
  EXPECT_EQ(got->claimed_by, "");
  EXPECT_EQ(got->lease_until, "");
  EXPECT_TRUE(store_->ClaimTask("t-1", "bob", clock_.Now(), kLease));
  EXPECT_EQ(Actions("t-1"), (std::vector<std::string>{
                                "create:bot:r-1:", "claim:anna:", "release:anna:", "claim:bob:"}));
}

}  // namespace
}  // namespace travet::store
