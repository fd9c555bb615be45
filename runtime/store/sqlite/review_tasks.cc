// SqliteStore: creating and reading review tasks, and their audit log.
#include <sqlite3.h>

#include <cinttypes>
#include <cstdint>
#include <cstdio>
#include <mutex>
#include <random>
#include <utility>

#include "runtime/store/review_rules.h"
#include "runtime/store/sqlite/json_text.h"
#include "runtime/store/sqlite/review_rows.h"
#include "runtime/store/sqlite/sqlite_store.h"
#include "runtime/store/sqlite/sqlite_store_impl.h"

namespace travet::store {
namespace {

using sqlite::Connection;
using sqlite::Query;

// 48 bits from the OS on every call: no generator state that a fork() could
// copy into two processes.
std::string NewTaskId() {
  std::random_device device;
  uint64_t bits = (static_cast<uint64_t>(device()) << 32) | device();
  char id[16];
  std::snprintf(id, sizeof(id), "t-%012" PRIx64, static_cast<uint64_t>(bits & 0xffffffffffffULL));
  return id;
}

Status CheckNewTask(const ReviewTask& task) {
  if (task.run_id.empty())
    return InvalidArgument("review task has no run id");
  std::string name = "review task of run " + task.run_id;
  if (task.step_path.empty())
    return InvalidArgument(name + " has no step path");
  name += " step " + task.step_path;
  if (task.queue.empty())
    return InvalidArgument(name + " has no queue");
  if (!task.fields.is_object())
    return InvalidArgument(name + ": fields must be an object");
  if (task.approvals_required != 1 && task.approvals_required != 2) {
    return InvalidArgument(name + ": approvals_required must be 1 or 2, not " +
                           std::to_string(task.approvals_required));
  }
  return Status::Ok();
}

// The row a new task starts as: pending, undecided, unclaimed.
ReviewTask NewRow(const ReviewTask& task, const std::string& now) {
  ReviewTask row;
  row.id = task.id.empty() ? NewTaskId() : task.id;
  row.run_id = task.run_id;
  row.step_path = task.step_path;
  row.queue = task.queue;
  row.document = task.document;
  row.page = task.page;
  row.fields = task.fields;
  row.instructions = task.instructions;
  row.priority = task.priority;
  row.due_at = task.due_at;
  row.sampled = task.sampled;
  row.approvals_required = task.approvals_required;
  row.expires_at = task.expires_at;
  row.escalate_to = task.escalate_to;
  row.created_at = task.created_at.empty() ? now : task.created_at;
  return row;
}

Status InsertTaskRow(Connection& db, const ReviewTask& row) {
  Result<Query> q = db.Prepare(
      "INSERT INTO review_tasks (id, run_id, step_path, queue, document, page, fields, "
      "instructions, priority, due_at, state, sampled, approvals_required, created_at, expires_at, "
      "escalate_to) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 'pending', ?11, ?12, ?13, ?14, ?15)");
  if (!q)
    return q.error();
  q->Bind(1, row.id);
  q->Bind(2, row.run_id);
  q->Bind(3, row.step_path);
  q->Bind(4, row.queue);
  q->Bind(5, row.document);
  q->Bind(6, static_cast<long long>(row.page));
  q->Bind(7, sqlite::ToJson(row.fields));
  q->Bind(8, row.instructions);
  q->Bind(9, static_cast<long long>(row.priority));
  q->BindOrNull(10, row.due_at);
  q->Bind(11, static_cast<long long>(row.sampled));
  q->Bind(12, static_cast<long long>(row.approvals_required));
  q->Bind(13, row.created_at);
  q->BindOrNull(14, row.expires_at);
  q->BindOrNull(15, row.escalate_to);
  Status inserted = q->Run();
  switch (q->error_code()) {
    case SQLITE_CONSTRAINT_PRIMARYKEY:
      return AlreadyExists("task '" + row.id + "' already exists");
    case SQLITE_CONSTRAINT_UNIQUE:
      return AlreadyExists("run " + row.run_id + " already has a review task for step " +
                           row.step_path);
    case SQLITE_CONSTRAINT_FOREIGNKEY:
      return NotFound("no run '" + row.run_id + "'");
    default:
      return inserted;
  }
}

Status InsertTask(Connection& db, const ReviewTask& row) {
  sqlite::Transaction transaction(db);
  TRAVET_RETURN_IF_ERROR(transaction.Begin());
  TRAVET_RETURN_IF_ERROR(InsertTaskRow(db, row));
  AuditEntry created;
  created.task_id = row.id;
  created.time = row.created_at;
  created.actor = "bot:" + row.run_id;
  created.action = "create";
  TRAVET_RETURN_IF_ERROR(sqlite::AppendAudit(db, {created}));
  return transaction.Commit();
}

bool IsTakenId(const Status& status, const std::string& id) {
  return status.code() == StatusCode::kAlreadyExists &&
         status.message() == "task '" + id + "' already exists";
}

// One statement per combination of filters, so each can use an index. ?3 is
// the time that decides whether a claim has lapsed.
std::string ListTasksSql(const TaskFilter& filter) {
  std::string sql = "SELECT " + std::string(sqlite::kTaskColumns) + " FROM review_tasks WHERE ";
  if (filter.queue)
    sql += "queue = ?1 AND ";
  if (!filter.state) {
    sql += "1";
  } else if (*filter.state == TaskState::kPending) {
    sql += "(state = 'pending' OR (state = 'claimed' AND lease_until <= ?3))";
  } else if (*filter.state == TaskState::kClaimed) {
    sql += "state = 'claimed' AND lease_until > ?3";
  } else {
    sql += "state = ?2";
  }
  return sql + " ORDER BY priority DESC, created_at, rowid LIMIT ?4";
}

void BindFilter(Query& q, const TaskFilter& filter, const std::string& now) {
  if (filter.queue)
    q.Bind(1, *filter.queue);
  if (filter.state && *filter.state != TaskState::kPending &&
      *filter.state != TaskState::kClaimed) {
    q.Bind(2, TaskStateName(*filter.state));
  } else if (filter.state) {
    q.Bind(3, now);
  }
  q.Bind(4, static_cast<long long>(filter.limit > 0 ? filter.limit : -1));
}

}  // namespace

Status SqliteStore::CreateTask(const ReviewTask& task) {
  TRAVET_RETURN_IF_ERROR(CheckNewTask(task));
  std::lock_guard lock(impl_->mu);
  ReviewTask row = NewRow(task, impl_->Now());
  auto insert = [&] { return sqlite::RetryWhileBusy([&] { return InsertTask(*impl_->db, row); }); };
  Status created = insert();
  // A generated id that is taken (about 1 in 2^48 per pair of tasks): draw
  // another.
  for (int i = 0; i < 3 && task.id.empty() && IsTakenId(created, row.id); ++i) {
    row.id = NewTaskId();
    created = insert();
  }
  return created;
}

Result<ReviewTask> SqliteStore::GetTask(std::string_view id) {
  std::lock_guard lock(impl_->mu);
  Result<ReviewTask> task = sqlite::LoadTask(*impl_->db, id);
  if (!task)
    return task.error();
  return AsSeenAt(std::move(*task), impl_->Now());
}

Result<std::optional<ReviewTask>> SqliteStore::FindTask(std::string_view run_id,
                                                        std::string_view step_path) {
  std::lock_guard lock(impl_->mu);
  static const std::string kSql = "SELECT " + std::string(sqlite::kTaskColumns) +
                                  " FROM review_tasks WHERE run_id = ?1 AND step_path = ?2";
  Result<Query> q = impl_->db->Prepare(kSql);
  if (!q)
    return q.error();
  q->Bind(1, run_id);
  q->Bind(2, step_path);
  Result<std::vector<ReviewTask>> tasks = sqlite::ReadTasks(*q, impl_->db->path());
  if (!tasks)
    return tasks.error();
  if (tasks->empty())
    return std::optional<ReviewTask>();
  return std::optional<ReviewTask>(AsSeenAt(std::move(tasks->front()), impl_->Now()));
}

Result<std::vector<ReviewTask>> SqliteStore::ListTasks(const TaskFilter& filter) {
  std::lock_guard lock(impl_->mu);
  std::string now = impl_->Now();
  Result<Query> q = impl_->db->Prepare(ListTasksSql(filter));
  if (!q)
    return q.error();
  BindFilter(*q, filter, now);
  Result<std::vector<ReviewTask>> tasks = sqlite::ReadTasks(*q, impl_->db->path());
  if (!tasks)
    return tasks.error();
  for (ReviewTask& task : *tasks)
    task = AsSeenAt(std::move(task), now);
  return tasks;
}

Result<std::vector<AuditEntry>> SqliteStore::TaskHistory(std::string_view id) {
  std::lock_guard lock(impl_->mu);
  return sqlite::LoadAudit(*impl_->db, id);
}

}  // namespace travet::store
