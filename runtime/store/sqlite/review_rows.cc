#include "runtime/store/sqlite/review_rows.h"

#include <utility>

#include "runtime/store/sqlite/json_text.h"

namespace travet::store::sqlite {

const std::string_view kTaskColumns =
    "id, run_id, step_path, queue, document, page, fields, instructions, priority, due_at, "
    "state, claimed_by, lease_until, decision_fields, decided_by, decided_at, reason, sampled, "
    "approvals_required, first_approver, created_at, expires_at, escalated_at, escalate_to";

namespace {

// The JSON columns of a task: fields (6) and decision_fields (13).
Status ReadTaskJson(const Query& q, const std::string& path, ReviewTask& task) {
  Result<Value> fields = FromJson(q.Text(6), path, "fields of task " + task.id);
  if (!fields)
    return fields.error();
  task.fields = std::move(*fields);
  Result<Value> decided = FromJson(q.Text(13), path, "decision fields of task " + task.id);
  if (!decided)
    return decided.error();
  task.decision_fields = std::move(*decided);
  return Status::Ok();
}

// Old and new values of an audit entry: JSON text, NULL when not a correction.
void BindValue(Query& q, int index, const AuditEntry& entry, const Value& value) {
  if (entry.field.empty()) {
    q.BindNull(index);
  } else {
    q.Bind(index, ToJson(value));
  }
}

Result<Value> ReadValue(const Query& q, int column, const std::string& path, long long seq) {
  std::string text = q.Text(column);
  if (text.empty())
    return Value();
  return FromJson(text, path, "audit entry " + std::to_string(seq));
}

Result<AuditEntry> ReadAudit(const Query& q, const std::string& path) {
  AuditEntry entry;
  entry.seq = q.Int(0);
  entry.task_id = q.Text(1);
  entry.time = q.Text(2);
  entry.actor = q.Text(3);
  entry.action = q.Text(4);
  entry.field = q.Text(5);
  Result<Value> old_value = ReadValue(q, 6, path, entry.seq);
  if (!old_value)
    return old_value.error();
  Result<Value> new_value = ReadValue(q, 7, path, entry.seq);
  if (!new_value)
    return new_value.error();
  entry.old_value = std::move(*old_value);
  entry.new_value = std::move(*new_value);
  entry.note = q.Text(8);
  return entry;
}

}  // namespace

Result<ReviewTask> ReadTask(const Query& q, const std::string& path) {
  ReviewTask task;
  task.id = q.Text(0);
  task.run_id = q.Text(1);
  task.step_path = q.Text(2);
  task.queue = q.Text(3);
  task.document = q.Text(4);
  task.page = static_cast<int>(q.Int(5));
  TRAVET_RETURN_IF_ERROR(ReadTaskJson(q, path, task));
  task.instructions = q.Text(7);
  task.priority = static_cast<int>(q.Int(8));
  task.due_at = q.Text(9);
  std::optional<TaskState> state = ParseTaskState(q.Text(10));
  if (!state)
    return Internal("sqlite " + path + ": task " + task.id + " has an unknown state");
  task.state = *state;
  task.claimed_by = q.Text(11);
  task.lease_until = q.Text(12);
  task.decided_by = q.Text(14);
  task.decided_at = q.Text(15);
  task.reason = q.Text(16);
  task.sampled = q.Int(17) != 0;
  task.approvals_required = static_cast<int>(q.Int(18));
  task.first_approver = q.Text(19);
  task.created_at = q.Text(20);
  task.expires_at = q.Text(21);
  task.escalated_at = q.Text(22);
  task.escalate_to = q.Text(23);
  return task;
}

Result<std::vector<ReviewTask>> ReadTasks(Query& q, const std::string& path) {
  return sqlite::ReadAll<ReviewTask>(q, [&](Query& row) { return ReadTask(row, path); });
}

Result<ReviewTask> LoadTask(Connection& db, std::string_view id) {
  static const std::string kSql =
      "SELECT " + std::string(kTaskColumns) + " FROM review_tasks WHERE id = ?1";
  Result<Query> q = RowById(db, kSql, id, NotFound("no task '" + std::string(id) + "'"));
  if (!q)
    return q.error();
  return ReadTask(*q, db.path());
}

Status SaveTaskState(Connection& db, const ReviewTask& task) {
  Result<Query> q = db.Prepare(
      "UPDATE review_tasks SET state = ?2, claimed_by = ?3, lease_until = ?4, "
      "decision_fields = ?5, decided_by = ?6, decided_at = ?7, reason = ?8, "
      "first_approver = ?9, queue = ?10, priority = ?11, escalated_at = ?12 WHERE id = ?1");
  if (!q)
    return q.error();
  q->Bind(1, task.id);
  q->Bind(2, TaskStateName(task.state));
  q->BindOrNull(3, task.claimed_by);
  q->BindOrNull(4, task.lease_until);
  q->Bind(5, ToJson(task.decision_fields));
  q->BindOrNull(6, task.decided_by);
  q->BindOrNull(7, task.decided_at);
  q->BindOrNull(8, task.reason);
  q->BindOrNull(9, task.first_approver);
  q->Bind(10, task.queue);
  q->Bind(11, static_cast<long long>(task.priority));
  q->BindOrNull(12, task.escalated_at);
  return q->Run();
}

Status AppendAudit(Connection& db, const std::vector<AuditEntry>& entries) {
  for (const AuditEntry& entry : entries) {
    Result<Query> q = db.Prepare(
        "INSERT INTO audit_log (task_id, time, actor, action, field, old_value, new_value, "
        "note) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    if (!q)
      return q.error();
    q->Bind(1, entry.task_id);
    q->Bind(2, entry.time);
    q->Bind(3, entry.actor);
    q->Bind(4, entry.action);
    q->BindOrNull(5, entry.field);
    BindValue(*q, 6, entry, entry.old_value);
    BindValue(*q, 7, entry, entry.new_value);
    q->BindOrNull(8, entry.note);
    TRAVET_RETURN_IF_ERROR(q->Run());
  }
  return Status::Ok();
}

Result<std::vector<AuditEntry>> LoadAudit(Connection& db, std::string_view id) {
  Result<Query> q = db.Prepare(
      "SELECT seq, task_id, time, actor, action, field, old_value, new_value, note "
      "FROM audit_log WHERE task_id = ?1 ORDER BY seq");
  if (!q)
    return q.error();
  q->Bind(1, id);
  std::vector<AuditEntry> entries;
  while (true) {
    Result<bool> row = q->Step();
    if (!row)
      return row.error();
    if (!*row)
      return entries;
    Result<AuditEntry> entry = ReadAudit(*q, db.path());
    if (!entry)
      return entry.error();
    entries.push_back(std::move(*entry));
  }
}

Result<ReviewTask> ChangeTaskOnce(Connection& db, std::string_view id, const TaskRule& rule,
                                  bool durable, const TaskFollowUp& then) {
  // Declared before the transaction, so FULL is still on at COMMIT.
  DurableScope scope(db);
  if (durable)
    TRAVET_RETURN_IF_ERROR(scope.Enter());
  Transaction transaction(db);
  TRAVET_RETURN_IF_ERROR(transaction.Begin());
  Result<ReviewTask> task = LoadTask(db, id);
  if (!task)
    return task.error();
  Result<std::vector<AuditEntry>> entries = rule(*task);
  if (!entries)
    return entries.error();
  TRAVET_RETURN_IF_ERROR(SaveTaskState(db, *task));
  TRAVET_RETURN_IF_ERROR(AppendAudit(db, *entries));
  if (then)
    TRAVET_RETURN_IF_ERROR(then(*task));
  TRAVET_RETURN_IF_ERROR(transaction.Commit());
  return task;
}

}  // namespace travet::store::sqlite
