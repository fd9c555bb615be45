// SqliteStore: the sweep that escalates review tasks past their due time and
// expires those past their expiry time. Each change is its own BEGIN
// IMMEDIATE transaction that reads the task again, so a decision an operator
// made after the candidates were listed wins and the task is skipped.
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "runtime/store/review_rules.h"
#include "runtime/store/sqlite/review_rows.h"
#include "runtime/store/sqlite/sqlite_store.h"
#include "runtime/store/sqlite/sqlite_store_impl.h"

namespace travet::store {
namespace {

using sqlite::Connection;
using sqlite::Query;
using Rule = sqlite::TaskRule;
// Moves a task's run on, inside the task's transaction: whether it moved.
using RunMove = std::function<Result<bool>(const std::string& run_id)>;

// What one sweep change did; nullopt task: nothing (the task moved on).
struct Swept {
  std::optional<ReviewTask> task;
  bool requeued = false;
};

// The ids of open tasks that match `condition` (over ?1, the sweep's now).
Result<std::vector<std::string>> OpenTaskIds(Connection& db, const std::string& condition,
                                             const std::string& now) {
  Result<Query> q =
      db.Prepare("SELECT id FROM review_tasks WHERE state IN ('pending', 'claimed') AND " +
                 condition + " ORDER BY priority DESC, created_at, rowid");
  if (!q)
    return q.error();
  q->Bind(1, now);
  return sqlite::ReadAll<std::string>(*q, [](Query& row) { return row.Text(0); });
}

// Expiries commit durably: they move a run, like a decision.
Result<Swept> SweepOnce(Connection& db, const std::string& id, const Rule& rule,
                        const RunMove& move_run) {
  bool requeued = false;
  sqlite::TaskFollowUp then;
  if (move_run) {
    then = [&](const ReviewTask& task) -> Status {
      Result<bool> moved = move_run(task.run_id);
      if (!moved)
        return moved.error();
      requeued = *moved;
      return Status::Ok();
    };
  }
  Result<ReviewTask> task = sqlite::ChangeTaskOnce(db, id, rule, /*durable=*/true, then);
  if (!task && task.error().code() == StatusCode::kFailedPrecondition)
    return Swept{};  // decided (or swept) since it was listed
  if (!task)
    return task.error();
  return Swept{std::move(*task), requeued};
}

struct Pass {
  std::string condition;  // over ?1, the sweep's now
  Rule rule;
  RunMove move_run;  // none: the run stays as it is
};

// Applies `pass` to every open task matching its condition at `now`, one
// transaction each; appends the changed tasks to `out` (and re-queued runs to
// `runs`).
Status SweepAll(Connection& db, const Pass& pass, const std::string& now,
                std::vector<ReviewTask>& out, std::vector<std::string>& runs) {
  Result<std::vector<std::string>> ids = OpenTaskIds(db, pass.condition, now);
  if (!ids)
    return ids.error();
  for (const std::string& id : *ids) {
    Result<Swept> swept =
        sqlite::RetryWhileBusy([&] { return SweepOnce(db, id, pass.rule, pass.move_run); });
    if (!swept)
      return swept.error();
    if (!swept->task)
      continue;
    if (swept->requeued)
      runs.push_back(swept->task->run_id);
    out.push_back(std::move(*swept->task));
  }
  return Status::Ok();
}

}  // namespace

Result<SweepReport> SqliteStore::SweepTasks(TimePoint now) {
  std::lock_guard lock(impl_->mu);
  const std::string now_text = FormatRfc3339(now);
  SweepReport report;
  // The run of an expired task goes back in the queue when it waits for
  // review, so that its resume fails the step; a run in any other state is
  // left alone.
  RunMove requeue = [&](const std::string& run_id) -> Result<bool> {
    Status movable = impl_->CheckMove(run_id, RunState::kWaitingReview, RunState::kQueued);
    if (movable.code() == StatusCode::kFailedPrecondition ||
        movable.code() == StatusCode::kNotFound) {
      return false;
    }
    TRAVET_RETURN_IF_ERROR(movable);
    TRAVET_RETURN_IF_ERROR(impl_->ApplyMove(run_id, RunState::kQueued, {}));
    return true;
  };
  // Expiry first: a task past both times only expires.
  Pass expire{"expires_at IS NOT NULL AND expires_at <= ?1",
              [&](ReviewTask& task) { return ApplyExpiry(task, now); }, requeue};
  Connection& db = *impl_->db;
  TRAVET_RETURN_IF_ERROR(SweepAll(db, expire, now_text, report.expired, report.requeued_runs));
  Pass escalate{"due_at IS NOT NULL AND due_at <= ?1 AND escalated_at IS NULL",
                [&](ReviewTask& task) { return ApplyEscalation(task, now); }, nullptr};
  std::vector<std::string> none;
  TRAVET_RETURN_IF_ERROR(SweepAll(db, escalate, now_text, report.escalated, none));
  return report;
}

}  // namespace travet::store
