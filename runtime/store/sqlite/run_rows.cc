#include "runtime/store/sqlite/run_rows.h"

#include <sqlite3.h>

#include <utility>

#include "runtime/store/sqlite/json_text.h"

namespace travet::store::sqlite {

Status NoRun(std::string_view id) {
  return NotFound("no run '" + std::string(id) + "'");
}

Result<RunRecord> ReadRun(const Query& q, const std::string& path) {
  RunRecord run;
  run.id = q.Text(0);
  run.bot = q.Text(1);
  run.bot_file = q.Text(2);
  Result<Value> inputs = FromJson(q.Text(3), path, "inputs of run " + run.id);
  if (!inputs)
    return inputs.error();
  run.inputs = std::move(*inputs);
  std::optional<RunState> state = ParseRunState(q.Text(4));
  if (!state)
    return Internal("sqlite " + path + ": run " + run.id + " has an unknown state");
  run.state = *state;
  run.created_at = q.Text(5);
  run.started_at = q.Text(6);
  run.finished_at = q.Text(7);
  run.error = q.Text(8);
  run.attempt = static_cast<int>(q.Int(9));
  run.lease_owner = q.Text(10);
  run.lease_until = q.Text(11);
  run.work_dir = q.Text(12);
  return run;
}

Result<std::vector<RunRecord>> ReadRuns(Query& q, const std::string& path) {
  return ReadAll<RunRecord>(q, [&](Query& row) { return ReadRun(row, path); });
}

Result<RunRecord> SelectRun(Connection& db, std::string_view id) {
  static const std::string kSql = "SELECT " + std::string(kRunColumns) + " FROM runs WHERE id = ?1";
  Result<Query> q = RowById(db, kSql, id, NoRun(id));
  if (!q)
    return q.error();
  return ReadRun(*q, db.path());
}

Status InsertRun(Connection& db, const RunRecord& run, const std::string& now) {
  Result<Query> q = db.Prepare(
      "INSERT INTO runs (id, bot, bot_file, inputs, state, created_at, attempt, work_dir) "
      "VALUES (?1, ?2, ?3, ?4, 'queued', ?5, 0, ?6)");
  if (!q)
    return q.error();
  q->Bind(1, run.id);
  q->Bind(2, run.bot);
  q->Bind(3, run.bot_file);
  q->Bind(4, ToJson(run.inputs));
  q->Bind(5, run.created_at.empty() ? now : run.created_at);
  q->Bind(6, run.work_dir);
  Status inserted = q->Run();
  if (q->error_code() == SQLITE_CONSTRAINT_PRIMARYKEY) {
    return AlreadyExists("run '" + run.id + "' already exists");
  }
  return inserted;
}

}  // namespace travet::store::sqlite
