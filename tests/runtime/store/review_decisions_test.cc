#include <gtest/gtest.h>
#include <sqlite3.h>

#include <string>
#include <vector>

#include "tests/runtime/store/review_fixture.h"

namespace travet::store {
namespace {

using std::chrono::minutes;

TEST_F(ReviewTasksTest, ApprovesWithCorrectionsAndAuditsEachChange) {
  ASSERT_TRUE(store_->CreateTask(Invoice("t-1")).ok());
  ASSERT_TRUE(store_->ClaimTask("t-1", "anna", clock_.Now(), kLease));
  clock_.Advance(minutes(2));
  // "number" is corrected to the value it already has: no audit entry.
  Result<ReviewTask> approved =
      Approve("t-1", "anna", {{"total", "1.234,50"}, {"number", "FT-12"}});
  ASSERT_TRUE(approved) << approved.error().message();
  EXPECT_EQ(approved->state, TaskState::kApproved);
  EXPECT_EQ(approved->decided_by, "anna");
  EXPECT_EQ(approved->decided_at, At());
  EXPECT_EQ(approved->decision_fields, (Value{{"number", "FT-12"}, {"total", "1.234,50"}}));

  Result<std::vector<AuditEntry>> history = store_->TaskHistory("t-1");
  ASSERT_TRUE(history);
  ASSERT_EQ(history->size(), 4u);
  const AuditEntry& correct = (*history)[2];
  EXPECT_EQ(correct.action, "correct");
  EXPECT_EQ(correct.actor, "anna");
  EXPECT_EQ(correct.time, At());
  EXPECT_EQ(correct.field, "total");
  EXPECT_EQ(correct.old_value, "1.234,56");
  EXPECT_EQ(correct.new_value, "1.234,50");
  EXPECT_EQ((*history)[3].action, "approve");
  EXPECT_EQ((*history)[3].field, "");
  EXPECT_TRUE((*history)[3].old_value.is_null());
  EXPECT_LT((*history)[2].seq, (*history)[3].seq);

  // Durable and visible to a new connection.
  Result<std::unique_ptr<Store>> reopened = OpenSqliteStore(path(), clock_);
  ASSERT_TRUE(reopened);
  EXPECT_EQ((*reopened)->GetTask("t-1")->decision_fields, approved->decision_fields);
}

TEST_F(ReviewTasksTest, ApprovesUnclaimedTaskAndTaskWithLapsedClaim) {
  ASSERT_TRUE(store_->CreateTask(Invoice("t-1")).ok());
  Result<ReviewTask> direct = Approve("t-1", "anna");
  ASSERT_TRUE(direct) << direct.error().message();
  EXPECT_EQ(direct->decision_fields, (Value{{"number", "FT-12"}, {"total", "1.234,56"}}));

  ASSERT_TRUE(store_->CreateTask(Invoice("t-2", "other")).ok());
  ASSERT_TRUE(store_->ClaimTask("t-2", "anna", clock_.Now(), kLease));
  Result<ReviewTask> blocked = Approve("t-2", "bob");
  ASSERT_FALSE(blocked);
  EXPECT_EQ(blocked.error().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(blocked.error().message(), "task t-2 is claimed by anna until " + At(kLease));
  clock_.Advance(kLease);
  Result<ReviewTask> after_lapse = Approve("t-2", "bob");
  ASSERT_TRUE(after_lapse) << after_lapse.error().message();
  EXPECT_EQ(after_lapse->decided_by, "bob");
}

TEST_F(ReviewTasksTest, RejectsWithReason) {
  ASSERT_TRUE(store_->CreateTask(Invoice("t-1")).ok());
  Decision no_reason{.approve = false, .actor = "anna"};
  Result<ReviewTask> refused = store_->DecideTask("t-1", no_reason, clock_.Now());
  EXPECT_EQ(refused.error().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(refused.error().message(), "rejecting task t-1 needs a reason");

  Decision reject{.approve = false, .actor = "anna", .reason = "not our supplier"};
  Result<ReviewTask> rejected = store_->DecideTask("t-1", reject, clock_.Now());
  ASSERT_TRUE(rejected) << rejected.error().message();
  EXPECT_EQ(rejected->state, TaskState::kRejected);
  EXPECT_EQ(rejected->reason, "not our supplier");
  EXPECT_EQ(store_->GetTask("t-1")->reason, "not our supplier");
  EXPECT_EQ(Actions("t-1"),
            (std::vector<std::string>{"create:bot:r-1:", "reject:anna:not our supplier"}));
}

TEST_F(ReviewTasksTest, DecidedTaskRefusesClaimsAndDecisions) {
  ASSERT_TRUE(store_->CreateTask(Invoice("t-1")).ok());
  ASSERT_TRUE(Approve("t-1", "anna"));
  std::string decided_at = At();
  clock_.Advance(minutes(1));

  Result<ReviewTask> again = Approve("t-1", "bob", {{"total", "9"}});
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code(), StatusCode::kAlreadyExists);
  EXPECT_EQ(again.error().message(), "task t-1 was already approved by anna at " + decided_at);
  Result<ReviewTask> claim = store_->ClaimTask("t-1", "bob", clock_.Now(), kLease);
  EXPECT_EQ(claim.error().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(claim.error().message(), "task t-1 was already approved by anna at " + decided_at);
  EXPECT_EQ(store_->ReleaseTask("t-1", "anna", clock_.Now()).code(),
            StatusCode::kFailedPrecondition);

  ASSERT_TRUE(store_->CreateTask(Invoice("t-2", "other")).ok());
  Decision reject{.approve = false, .actor = "carla", .reason = "duplicate"};
  ASSERT_TRUE(store_->DecideTask("t-2", reject, clock_.Now()));
  EXPECT_EQ(Approve("t-2", "anna").error().message(),
            "task t-2 was already rejected by carla at " + At());
  EXPECT_EQ(Actions("t-1"), (std::vector<std::string>{"create:bot:r-1:", "approve:anna:"}));
}

TEST_F(ReviewTasksTest, RefusesCorrectionOfUnknownField) {
  ASSERT_TRUE(store_->CreateTask(Invoice("t-1")).ok());
  Result<ReviewTask> refused = Approve("t-1", "anna", {{"iban", "IT60X0542811101000000123456"}});
  EXPECT_EQ(refused.error().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(refused.error().message(), "task t-1 has no field 'iban'");
  EXPECT_EQ(Approve("t-1", "").error().message(), "deciding task t-1 needs an actor");
  EXPECT_EQ(store_->GetTask("t-1")->state, TaskState::kPending);
  EXPECT_EQ(store_->TaskHistory("t-1")->size(), 1u);
}

// The decision's precondition sees the task as the decision's transaction
// read it (here: after a first approval the caller never saw) and its
// refusal leaves the task as it was.
TEST_F(ReviewTasksTest, APreconditionIsAskedInsideTheDecision) {
  ReviewTask task = Invoice("t-1");
  task.approvals_required = 2;
  ASSERT_TRUE(store_->CreateTask(task).ok());
  const Result<ReviewTask> read = store_->GetTask("t-1");
  ASSERT_TRUE(read);
  ASSERT_TRUE(Approve("t-1", "anna", {{"total", "1.234,50"}}));
  Decision second{.actor = "bob"};
  std::string seen;
  second.precondition = [&](const ReviewTask& current) -> Status {
    seen = current.first_approver;
    if (current.first_approver != read->first_approver)
      return FailedPrecondition("task t-1 changed since it was read");
    return {};
  };
  Result<ReviewTask> refused = store_->DecideTask("t-1", second, clock_.Now());
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().message(), "task t-1 changed since it was read");
  EXPECT_EQ(seen, "anna");
  EXPECT_EQ(store_->GetTask("t-1")->state, TaskState::kPending);
  EXPECT_EQ(store_->TaskHistory("t-1")->size(), 3u);  // create, correct, approve (first of two)
  second.precondition = [](const ReviewTask&) { return Status(); };
  ASSERT_TRUE(store_->DecideTask("t-1", second, clock_.Now()));
  EXPECT_EQ(store_->GetTask("t-1")->state, TaskState::kApproved);
}

TEST_F(ReviewTasksTest, FourEyesNeedsASecondDifferentApprover) {
  ReviewTask task = Invoice("t-1");
  task.approvals_required = 2;
  ASSERT_TRUE(store_->CreateTask(task).ok());
  ASSERT_TRUE(store_->ClaimTask("t-1", "anna", clock_.Now(), kLease));
  Result<ReviewTask> first = Approve("t-1", "anna", {{"total", "1.234,50"}});
  ASSERT_TRUE(first) << first.error().message();
  EXPECT_EQ(first->state, TaskState::kPending);
  EXPECT_EQ(first->first_approver, "anna");
  EXPECT_EQ(first->claimed_by, "");
  EXPECT_EQ(first->decided_by, "");

  Result<ReviewTask> same = Approve("t-1", "anna");
  EXPECT_EQ(same.error().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(same.error().message(), "task t-1 needs a second approver other than anna");
  Result<ReviewTask> claim = store_->ClaimTask("t-1", "anna", clock_.Now(), kLease);
  EXPECT_EQ(claim.error().message(), "task t-1 needs a second approver other than anna");
  EXPECT_EQ(store_->GetTask("t-1")->first_approver, "anna");

  Result<ReviewTask> second = Approve("t-1", "bob", {{"number", "FT-13"}});
  ASSERT_TRUE(second) << second.error().message();
  EXPECT_EQ(second->state, TaskState::kApproved);
  EXPECT_EQ(second->decided_by, "bob");
  EXPECT_EQ(second->decision_fields, (Value{{"number", "FT-13"}, {"total", "1.234,50"}}));
  EXPECT_EQ(
      Actions("t-1"),
      (std::vector<std::string>{
          "create:bot:r-1:", "claim:anna:", "correct:anna:", "approve:anna:first of two approvals",
          "correct:bob:", "approve:bob:second approval, first by anna"}));
}

TEST_F(ReviewTasksTest, FourEyesIsNotFooledByAnotherSpellingOfTheSameName) {
  ReviewTask task = Invoice("t-1");
  task.approvals_required = 2;
  ASSERT_TRUE(store_->CreateTask(task).ok());
  ASSERT_TRUE(Approve("t-1", " Anna"));
  EXPECT_EQ(store_->GetTask("t-1")->first_approver, "anna");
  for (const char* same : {"anna", "Anna ", "ANNA", "\tanna"}) {
    Result<ReviewTask> again = Approve("t-1", same);
    ASSERT_FALSE(again) << same;
    EXPECT_EQ(again.error().message(), "task t-1 needs a second approver other than anna");
    EXPECT_FALSE(store_->ClaimTask("t-1", same, clock_.Now(), kLease)) << same;
  }
  Result<ReviewTask> forged = Approve("t-1", "bob\nclaim:anna");
  ASSERT_FALSE(forged);
  EXPECT_EQ(forged.error().message(),
            "deciding task t-1: the operator name holds a control character");
  EXPECT_EQ(Approve("t-1", "  ").error().message(), "deciding task t-1 needs an actor");
  Result<ReviewTask> second = Approve("t-1", "Bob");
  ASSERT_TRUE(second) << second.error().message();
  EXPECT_EQ(second->decided_by, "bob");
}

TEST_F(ReviewTasksTest, ARejectionNeedsAReasonThatIsNotBlank) {
  ASSERT_TRUE(store_->CreateTask(Invoice("t-1")).ok());
  Decision blank{.approve = false, .actor = "anna", .reason = " \t "};
  auto refused = store_->DecideTask("t-1", blank, clock_.Now());
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().message(), "rejecting task t-1 needs a reason");
}

TEST_F(ReviewTasksTest, FourEyesRejectionNeedsNoSecondApprover) {
  ReviewTask task = Invoice("t-1");
  task.approvals_required = 2;
  ASSERT_TRUE(store_->CreateTask(task).ok());
  Decision reject{.approve = false, .actor = "anna", .reason = "blurred scan"};
  Result<ReviewTask> rejected = store_->DecideTask("t-1", reject, clock_.Now());
  ASSERT_TRUE(rejected) << rejected.error().message();
  EXPECT_EQ(rejected->state, TaskState::kRejected);
  EXPECT_EQ(rejected->decided_by, "anna");
}

// Runs `sql` on a connection of its own, outside the store; the SQLite message
// on failure, "" on success.
std::string RawExec(const std::string& path, const char* sql) {
  sqlite3* db = nullptr;
  EXPECT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  sqlite3_busy_timeout(db, 5000);
  char* message = nullptr;
  int rc = sqlite3_exec(db, sql, nullptr, nullptr, &message);
  std::string result = rc == SQLITE_OK ? "" : (message != nullptr ? message : "error");
  sqlite3_free(message);
  sqlite3_close(db);
  return result;
}

TEST_F(ReviewTasksTest, AuditLogCannotBeUpdatedOrDeleted) {
  ASSERT_TRUE(store_->CreateTask(Invoice("t-1")).ok());
  ASSERT_TRUE(Approve("t-1", "anna", {{"total", "1.234,50"}}));
  std::vector<std::string> before = Actions("t-1");

  EXPECT_EQ(RawExec(path(), "UPDATE audit_log SET actor = 'mallory'"), "audit_log is append-only");
  EXPECT_EQ(RawExec(path(), "UPDATE audit_log SET new_value = '\"1\"' WHERE action = 'correct'"),
            "audit_log is append-only");
  EXPECT_EQ(RawExec(path(), "DELETE FROM audit_log WHERE task_id = 't-1'"),
            "audit_log is append-only");
  EXPECT_EQ(RawExec(path(), "DELETE FROM audit_log"), "audit_log is append-only");
  EXPECT_EQ(RawExec(path(),
                    "INSERT OR REPLACE INTO audit_log (seq, task_id, time, actor, "
                    "action) VALUES (1, 't-1', 'x', 'mallory', 'approve')"),
            "audit_log is append-only");
  EXPECT_EQ(Actions("t-1"), before);
  EXPECT_EQ((*store_->TaskHistory("t-1"))[1].new_value, "1.234,50");
}

TEST_F(ReviewTasksTest, ExpiredTaskRefusesClaimsAndDecisions) {
  ASSERT_TRUE(store_->CreateTask(Invoice("t-1")).ok());
  // Escalation is not a store method yet; it will set the state this way.
  ASSERT_EQ(RawExec(path(), "UPDATE review_tasks SET state = 'expired' WHERE id = 't-1'"), "");
  EXPECT_EQ(store_->ClaimTask("t-1", "anna", clock_.Now(), kLease).error().message(),
            "task t-1 has expired");
  Result<ReviewTask> decided = Approve("t-1", "anna");
  EXPECT_EQ(decided.error().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(decided.error().message(), "task t-1 has expired");
  EXPECT_EQ(Ids(store_->ListTasks({.state = TaskState::kExpired})),
            (std::vector<std::string>{"t-1"}));
}

}  // namespace
}  // namespace travet::store
