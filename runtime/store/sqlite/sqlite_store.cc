#include "runtime/store/sqlite/sqlite_store.h"

#include <sqlite3.h>

#include <filesystem>
#include <mutex>
#include <utility>

#include "runtime/store/sqlite/connection.h"
#include "runtime/store/sqlite/json_text.h"
#include "runtime/store/sqlite/migrations.h"
#include "runtime/store/sqlite/run_rows.h"
#include "runtime/store/sqlite/sqlite_store_impl.h"
#include "runtime/store/sqlite/store_file.h"

namespace travet::store {
namespace {

using sqlite::Connection;
using sqlite::DurableScope;
using sqlite::FromJson;
using sqlite::kRunColumns;
using sqlite::NoRun;
using sqlite::Query;
using sqlite::RowById;
using sqlite::ToJson;

// The allowed moves, as store.h lists them; a final state has no case, so it
// never moves.
bool Allowed(RunState from, RunState to) {
  switch (from) {
    case RunState::kQueued:
      return to == RunState::kRunning || to == RunState::kCancelled || to == RunState::kFailed;
    case RunState::kRunning:
      return to != RunState::kRunning;
    case RunState::kWaitingReview:
      return to != RunState::kWaitingReview && to != RunState::kSucceeded;
    default:
      return false;
  }
}

// Only the conditions of the filters given, so that each combination can use
// its index; each parameter keeps its number whichever are used.
std::string ListRunsSql(const RunFilter& filter) {
  std::vector<std::string> where;
  if (filter.bot)
    where.push_back("bot = ?1");
  if (filter.state)
    where.push_back("state = ?2");
  if (filter.since)
    where.push_back("created_at >= ?4");
  if (filter.until)
    where.push_back("created_at < ?5");
  if (filter.before)
    where.push_back("(created_at, rowid) < (SELECT created_at, rowid FROM runs WHERE id = ?6)");
  std::string sql = "SELECT " + std::string(kRunColumns) + " FROM runs";
  for (size_t i = 0; i < where.size(); ++i)
    sql += (i == 0 ? " WHERE " : " AND ") + where[i];
  return sql + " ORDER BY created_at DESC, rowid DESC LIMIT ?3";
}

Result<Checkpoint> ReadCheckpoint(const Query& q, const std::string& path,
                                  std::string_view run_id) {
  Checkpoint cp;
  cp.step_path = q.Text(0);
  std::string what = "output of step " + cp.step_path + " of run " + std::string(run_id);
  Result<Value> output = FromJson(q.Text(1), path, what);
  if (!output)
    return output.error();
  cp.output = std::move(*output);
  std::optional<StepStatus> status = ParseStepStatus(q.Text(2));
  if (!status)
    return Internal("sqlite " + path + ": " + what + " has an unknown status");
  cp.status = *status;
  cp.attempts = static_cast<int>(q.Int(3));
  cp.duration_ms = q.Int(4);
  cp.error = q.Text(5);
  cp.rederive = q.Int(6) != 0;
  return cp;
}

}  // namespace

SqliteStore::SqliteStore(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
SqliteStore::~SqliteStore() = default;

Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path, Clock& clock,
                                               StoreAccess access) {
  TRAVET_RETURN_IF_ERROR(sqlite::CreateStoreFile(path));
  TRAVET_RETURN_IF_ERROR(sqlite::RefuseEmptyFile(path));
  sqlite::OpenMode mode = sqlite::OpenMode::kReadWrite;
  if (access == StoreAccess::kRead)
    mode = sqlite::ReadMode(path);
  Result<std::unique_ptr<Connection>> db = Connection::Open(path, mode);
  if (!db)
    return db.error();
  if (access == StoreAccess::kWrite)
    TRAVET_RETURN_IF_ERROR(sqlite::CheckIntegrity(**db));
  Status migrated =
      mode == sqlite::OpenMode::kReadWrite ? sqlite::Migrate(**db) : sqlite::CheckCurrent(**db);
  if (!migrated.ok())
    return migrated;
  auto impl = std::make_unique<SqliteStore::Impl>(std::move(*db), clock);
  return std::unique_ptr<Store>(new SqliteStore(std::move(impl)));
}

Status SqliteStore::CreateRun(const RunRecord& run) {
  if (run.id.empty())
    return InvalidArgument("run id is empty");
  if (run.bot.empty())
    return InvalidArgument("run " + run.id + " has no bot");
  std::lock_guard lock(impl_->mu);
  Connection& db = *impl_->db;
  DurableScope durable(db);
  TRAVET_RETURN_IF_ERROR(durable.Enter());
  return sqlite::InsertRun(db, run, impl_->Now());
}

Result<RunRecord> SqliteStore::GetRun(std::string_view id) {
  std::lock_guard lock(impl_->mu);
  return sqlite::SelectRun(*impl_->db, id);
}

Result<std::vector<RunRecord>> SqliteStore::ListRuns(const RunFilter& filter) {
  std::lock_guard lock(impl_->mu);
  if (filter.before) {
    Result<RunRecord> cursor = sqlite::SelectRun(*impl_->db, *filter.before);
    if (!cursor)
      return cursor.error();
  }
  Result<Query> q = impl_->db->Prepare(ListRunsSql(filter));
  if (!q)
    return q.error();
  if (filter.bot)
    q->Bind(1, *filter.bot);
  if (filter.state)
    q->Bind(2, RunStateName(*filter.state));
  q->Bind(3, static_cast<long long>(filter.limit > 0 ? filter.limit : -1));
  if (filter.since)
    q->Bind(4, *filter.since);
  if (filter.until)
    q->Bind(5, *filter.until);
  if (filter.before)
    q->Bind(6, *filter.before);
  return sqlite::ReadRuns(*q, impl_->db->path());
}

Status SqliteStore::Transition(std::string_view id, RunState from, RunState to,
                               std::string_view error) {
  std::lock_guard lock(impl_->mu);
  Connection& db = *impl_->db;
  DurableScope durable(db);
  TRAVET_RETURN_IF_ERROR(durable.Enter());
  // BEGIN IMMEDIATE takes the write lock before the state is read, so two
  // processes racing on the same move cannot both see `from`.
  sqlite::Transaction transaction(db);
  TRAVET_RETURN_IF_ERROR(transaction.Begin());
  TRAVET_RETURN_IF_ERROR(impl_->CheckMove(id, from, to));
  TRAVET_RETURN_IF_ERROR(impl_->ApplyMove(id, to, error));
  return transaction.Commit();
}

Status SqliteStore::Impl::CheckMove(std::string_view id, RunState from, RunState to) {
  Result<Query> q = RowById(*db, "SELECT state FROM runs WHERE id = ?1", id, NoRun(id));
  if (!q)
    return q.error();
  std::string current = q->Text(0);
  std::string run = "run " + std::string(id);
  if (current != RunStateName(from)) {
    return FailedPrecondition(run + " is " + current + ", not " + std::string(RunStateName(from)));
  }
  if (IsFinal(from))
    return FailedPrecondition(run + " is " + current + " and can no longer change");
  if (!Allowed(from, to)) {
    return FailedPrecondition(run + " cannot go from " + current + " to " +
                              std::string(RunStateName(to)));
  }
  return Status::Ok();
}

Status SqliteStore::Impl::ApplyMove(std::string_view id, RunState to, std::string_view error) {
  Result<Query> q = db->Prepare(
      "UPDATE runs SET state = ?2, "
      "started_at = CASE WHEN ?3 THEN COALESCE(started_at, ?4) ELSE started_at END, "
      "finished_at = CASE WHEN ?5 THEN ?4 ELSE finished_at END, "
      "error = COALESCE(?6, error), attempt = attempt + ?3, lease_owner = NULL, "
      "lease_until = NULL WHERE id = ?1");
  if (!q)
    return q.error();
  const bool running = to == RunState::kRunning;
  q->Bind(1, id);
  q->Bind(2, RunStateName(to));
  q->Bind(3, static_cast<long long>(running));
  q->Bind(4, Now());
  q->Bind(5, static_cast<long long>(IsFinal(to)));
  if (error.empty()) {
    q->BindNull(6);
  } else {
    q->Bind(6, error);
  }
  return q->Run();
}

namespace {

// Inserts one checkpoint; the caller holds the lock.
Status InsertCheckpoint(sqlite::Connection& db, std::string_view run_id, const Checkpoint& cp,
                        const std::string& now) {
  if (cp.step_path.empty()) {
    return InvalidArgument("checkpoint of run " + std::string(run_id) + " has no step path");
  }
  // OR REPLACE deletes the old row and inserts a new one, with a new rowid:
  // a replaced checkpoint moves to the end of the order of saving.
  Result<Query> q = db.Prepare(
      "INSERT OR REPLACE INTO checkpoints (run_id, step_path, output, status, attempts, "
      "duration_ms, error, saved_at, rederive) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
  if (!q)
    return q.error();
  q->Bind(1, run_id);
  q->Bind(2, cp.step_path);
  q->Bind(3, ToJson(cp.output));
  q->Bind(4, StepStatusName(cp.status));
  q->Bind(5, static_cast<long long>(cp.attempts));
  q->Bind(6, cp.duration_ms);
  q->BindOrNull(7, cp.error);
  q->Bind(8, now);
  q->Bind(9, static_cast<long long>(cp.rederive ? 1 : 0));
  Status saved = q->Run();
  if (q->error_code() == SQLITE_CONSTRAINT_FOREIGNKEY)
    return NoRun(run_id);
  return saved;
}

}  // namespace

Status SqliteStore::SaveCheckpoint(std::string_view run_id, const Checkpoint& cp, int attempt) {
  if (attempt > 0)
    return SaveCheckpoints(run_id, {cp}, attempt);
  std::lock_guard lock(impl_->mu);
  return InsertCheckpoint(*impl_->db, run_id, cp, impl_->Now());
}

Status SqliteStore::SaveCheckpoints(std::string_view run_id, const std::vector<Checkpoint>& cps,
                                    int attempt) {
  const std::string now = impl_->Now();
  return impl_->WriteFenced(run_id, cps, attempt, [&](const Checkpoint& cp) {
    return InsertCheckpoint(*impl_->db, run_id, cp, now);
  });
}

Result<std::vector<Checkpoint>> SqliteStore::LoadCheckpoints(std::string_view run_id) {
  std::lock_guard lock(impl_->mu);
  Result<Query> q = impl_->db->Prepare(
      "SELECT step_path, output, status, attempts, duration_ms, error, rederive FROM checkpoints "
      "WHERE run_id = ?1 ORDER BY rowid");
  if (!q)
    return q.error();
  q->Bind(1, run_id);
  const std::string& path = impl_->db->path();
  return sqlite::ReadAll<Checkpoint>(*q,
                                     [&](Query& row) { return ReadCheckpoint(row, path, run_id); });
}

Status SqliteStore::AppendEvent(std::string_view run_id, const Event& event) {
  std::lock_guard lock(impl_->mu);
  Result<Query> q = impl_->db->Prepare(
      "INSERT INTO events (run_id, time, level, step_path, message) "
      "VALUES (?1, ?2, ?3, ?4, ?5)");
  if (!q)
    return q.error();
  q->Bind(1, run_id);
  q->Bind(2, event.time.empty() ? impl_->Now() : event.time);
  q->Bind(3, event.level);
  q->Bind(4, event.step_path);
  q->Bind(5, event.message);
  Status appended = q->Run();
  if (q->error_code() == SQLITE_CONSTRAINT_FOREIGNKEY)
    return NoRun(run_id);
  return appended;
}

Result<std::vector<Event>> SqliteStore::LoadEvents(std::string_view run_id) {
  std::lock_guard lock(impl_->mu);
  Result<Query> q = impl_->db->Prepare(
      "SELECT seq, time, level, step_path, message FROM events WHERE run_id = ?1 ORDER BY seq");
  if (!q)
    return q.error();
  q->Bind(1, run_id);
  return sqlite::ReadAll<Event>(*q, [](Query& row) {
    return Event{row.Int(0), row.Text(1), row.Text(2), row.Text(3), row.Text(4)};
  });
}

}  // namespace travet::store
