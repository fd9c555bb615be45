// SqliteStore::ReadKpiFacts: the rows the KPI figures are computed from,
// four queries over the runs of a period inside one read transaction, so
// that a decision committed meanwhile is in all of them or in none.
#include "runtime/store/kpi_facts.h"

#include <mutex>
#include <string>

#include "runtime/store/sqlite/sqlite_store.h"
#include "runtime/store/sqlite/sqlite_store_impl.h"

namespace travet::store {
namespace {

using sqlite::Query;

// Which runs: ?1 bot or NULL, ?2 created at or after, ?3 created before.
constexpr std::string_view kKpiRunFilter =
    "(?1 IS NULL OR r.bot = ?1) AND (?2 IS NULL OR r.created_at >= ?2) "
    "AND (?3 IS NULL OR r.created_at < ?3)";

std::string KpiSql(std::string_view select, std::string_view order) {
  return std::string(select) + " AND " + std::string(kKpiRunFilter) + " ORDER BY " +
         std::string(order);
}

const std::string& KpiRunsSql() {
  static const std::string kSql =
      KpiSql("SELECT r.id, r.bot, r.bot_file, r.created_at, r.state FROM runs r WHERE 1",
             "r.created_at, r.id");
  return kSql;
}

const std::string& KpiItemsSql() {
  static const std::string kSql = KpiSql(
      "SELECT w.run_id, w.loop_path, w.idx, w.state, w.outcome FROM work_items w "
      "JOIN runs r ON r.id = w.run_id WHERE 1",
      "w.run_id, w.loop_path, w.idx");
  return kSql;
}

const std::string& KpiTasksSql() {
  static const std::string kSql = KpiSql(
      "SELECT t.id, t.run_id, t.step_path, t.state, t.due_at, t.decided_at, t.escalated_at, "
      "(SELECT json_group_array(f.key) FROM json_each(t.fields) f) "
      "FROM review_tasks t JOIN runs r ON r.id = t.run_id WHERE 1",
      "t.run_id, t.step_path");
  return kSql;
}

// Only the entries that measure an operator's work or a correction.
const std::string& KpiAuditSql() {
  static const std::string kSql = KpiSql(
      "SELECT a.task_id, a.time, a.actor, a.action, a.field, a.note FROM audit_log a "
      "JOIN review_tasks t ON t.id = a.task_id JOIN runs r ON r.id = t.run_id "
      "WHERE a.action IN ('claim', 'release', 'approve', 'reject', 'correct')",
      "a.task_id, a.seq");
  return kSql;
}

// Ends the read transaction however the reads went: a read-only one has
// nothing to keep, so ROLLBACK and COMMIT are the same.
class KpiSnapshot {
 public:
  explicit KpiSnapshot(sqlite::Connection& db) : db_(db) {}
  ~KpiSnapshot() {
    if (open_)
      (void)db_.Exec("ROLLBACK");
  }
  KpiSnapshot(const KpiSnapshot&) = delete;
  KpiSnapshot& operator=(const KpiSnapshot&) = delete;

  Status Begin() {
    TRAVET_RETURN_IF_ERROR(db_.Exec("BEGIN"));
    open_ = true;
    return Status::Ok();
  }

 private:
  sqlite::Connection& db_;
  bool open_ = false;
};

Status KpiUnknownState(const std::string& path, std::string_view table, const std::string& state) {
  return Internal("sqlite " + path + ": " + std::string(table) + " has an unknown state '" + state +
                  "'");
}

Result<Query> KpiQuery(sqlite::Connection& db, std::string_view sql, const KpiFilter& filter) {
  Result<Query> q = db.Prepare(sql);
  if (!q)
    return q.error();
  if (filter.bot)
    q->Bind(1, *filter.bot);
  else
    q->BindNull(1);
  q->BindOrNull(2, filter.since);
  q->BindOrNull(3, filter.until);
  return q;
}

Result<std::vector<KpiRun>> ReadKpiRuns(sqlite::Connection& db, const KpiFilter& filter) {
  Result<Query> q = KpiQuery(db, KpiRunsSql(), filter);
  if (!q)
    return q.error();
  return sqlite::ReadAll<KpiRun>(*q, [&db](Query& row) -> Result<KpiRun> {
    std::optional<RunState> state = ParseRunState(row.Text(4));
    if (!state)
      return KpiUnknownState(db.path(), "runs", row.Text(4));
    return KpiRun{row.Text(0), row.Text(1), row.Text(2), row.Text(3), *state};
  });
}

Result<std::vector<KpiItem>> ReadKpiItems(sqlite::Connection& db, const KpiFilter& filter) {
  Result<Query> q = KpiQuery(db, KpiItemsSql(), filter);
  if (!q)
    return q.error();
  return sqlite::ReadAll<KpiItem>(*q, [&db](Query& row) -> Result<KpiItem> {
    std::optional<ItemState> state = ParseItemState(row.Text(3));
    if (!state)
      return KpiUnknownState(db.path(), "work_items", row.Text(3));
    std::string loop = row.Text(1);
    std::string path = loop + "[" + std::to_string(row.Int(2)) + "]";
    return KpiItem{row.Text(0), std::move(path), std::move(loop), *state, row.Text(4)};
  });
}

Result<std::vector<KpiTask>> ReadKpiTasks(sqlite::Connection& db, const KpiFilter& filter) {
  Result<Query> q = KpiQuery(db, KpiTasksSql(), filter);
  if (!q)
    return q.error();
  return sqlite::ReadAll<KpiTask>(*q, [&db](Query& row) -> Result<KpiTask> {
    std::optional<TaskState> state = ParseTaskState(row.Text(3));
    if (!state)
      return KpiUnknownState(db.path(), "review_tasks", row.Text(3));
    Value names = Value::parse(row.Text(7), nullptr, false);
    KpiTask task{row.Text(0), row.Text(1), row.Text(2), *state,
                 row.Text(4), row.Text(5), row.Text(6)};
    if (names.is_array()) {
      for (const Value& name : names)
        task.fields.push_back(name.is_string() ? name.get<std::string>() : name.dump());
    }
    return task;
  });
}

Result<std::vector<KpiAudit>> ReadKpiAudit(sqlite::Connection& db, const KpiFilter& filter) {
  Result<Query> q = KpiQuery(db, KpiAuditSql(), filter);
  if (!q)
    return q.error();
  return sqlite::ReadAll<KpiAudit>(*q, [](Query& row) {
    return KpiAudit{row.Text(0), row.Text(1), row.Text(2), row.Text(3), row.Text(4), row.Text(5)};
  });
}

}  // namespace

Result<KpiFacts> SqliteStore::ReadKpiFacts(const KpiFilter& filter) {
  std::lock_guard lock(impl_->mu);
  sqlite::Connection& db = *impl_->db;
  KpiSnapshot snapshot(db);
  TRAVET_RETURN_IF_ERROR(snapshot.Begin());
  Result<std::vector<KpiRun>> runs = ReadKpiRuns(db, filter);
  if (!runs)
    return runs.error();
  Result<std::vector<KpiItem>> items = ReadKpiItems(db, filter);
  if (!items)
    return items.error();
  Result<std::vector<KpiTask>> tasks = ReadKpiTasks(db, filter);
  if (!tasks)
    return tasks.error();
  Result<std::vector<KpiAudit>> audit = ReadKpiAudit(db, filter);
  if (!audit)
    return audit.error();
  return KpiFacts{std::move(*runs), std::move(*items), std::move(*tasks), std::move(*audit)};
}

}  // namespace travet::store
