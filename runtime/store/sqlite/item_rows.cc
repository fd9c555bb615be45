// Rows of the work_items table (store.h, "Work items").
#include "runtime/store/sqlite/item_rows.h"

#include <sqlite3.h>

#include "runtime/store/sqlite/json_text.h"
#include "runtime/store/sqlite/run_rows.h"

namespace travet::store::sqlite {

const char* const kItemColumns =
    "loop_path, idx, key, state, attempts, error, outcome, output, started_at, finished_at, "
    "retries, owner, lease_until, claims, claimed_in";

Status UpsertItem(Connection& db, std::string_view run_id, const WorkItem& item) {
  if (item.loop_path.empty())
    return InvalidArgument("work item of run " + std::string(run_id) + " has no loop path");
  Result<Query> q = db.Prepare(
      "INSERT OR REPLACE INTO work_items (run_id, loop_path, idx, key, state, attempts, error, "
      "outcome, output, started_at, finished_at, retries, owner, lease_until, claims, "
      "claimed_in) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)");
  if (!q)
    return q.error();
  q->Bind(1, run_id);
  q->Bind(2, item.loop_path);
  q->Bind(3, static_cast<long long>(item.index));
  q->Bind(4, item.key);
  q->Bind(5, ItemStateName(item.state));
  q->Bind(6, static_cast<long long>(item.attempts));
  q->BindOrNull(7, item.error);
  q->BindOrNull(8, item.outcome);
  q->Bind(9, ToJson(item.output));
  q->BindOrNull(10, item.started_at);
  q->BindOrNull(11, item.finished_at);
  q->Bind(12, static_cast<long long>(item.retries));
  q->BindOrNull(13, item.owner);
  q->BindOrNull(14, item.lease_until);
  q->Bind(15, static_cast<long long>(item.claims));
  q->Bind(16, static_cast<long long>(item.claimed_in));
  Status saved = q->Run();
  if (q->error_code() == SQLITE_CONSTRAINT_FOREIGNKEY)
    return NoRun(run_id);
  return saved;
}

Result<WorkItem> ReadItemFrom(const Query& q, int first, const std::string& path,
                              std::string_view run_id) {
  auto column = [first](int k) { return first + k; };
  WorkItem item;
  item.loop_path = q.Text(column(0));
  item.index = static_cast<int>(q.Int(column(1)));
  item.key = q.Text(column(2));
  std::string what = "work item " + item.Path() + " of run " + std::string(run_id);
  std::optional<ItemState> state = ParseItemState(q.Text(column(3)));
  if (!state)
    return Internal("sqlite " + path + ": " + what + " has an unknown state");
  item.state = *state;
  item.attempts = static_cast<int>(q.Int(column(4)));
  item.error = q.Text(column(5));
  item.outcome = q.Text(column(6));
  Result<Value> output = FromJson(q.Text(column(7)), path, "output of " + what);
  if (!output)
    return output.error();
  item.output = std::move(*output);
  item.started_at = q.Text(column(8));
  item.finished_at = q.Text(column(9));
  item.retries = static_cast<int>(q.Int(column(10)));
  item.owner = q.Text(column(11));
  item.lease_until = q.Text(column(12));
  item.claims = static_cast<int>(q.Int(column(13)));
  item.claimed_in = static_cast<int>(q.Int(column(14)));
  return item;
}

Result<WorkItem> ReadItem(const Query& q, const std::string& path, std::string_view run_id) {
  return ReadItemFrom(q, 0, path, run_id);
}

Result<WorkItem> SelectItem(Connection& db, std::string_view run_id, const WorkItem& which) {
  Result<Query> q =
      db.Prepare(std::string("SELECT ") + kItemColumns +
                 " FROM work_items WHERE run_id = ?1 AND loop_path = ?2 AND idx = ?3");
  if (!q)
    return q.error();
  q->Bind(1, run_id);
  q->Bind(2, which.loop_path);
  q->Bind(3, static_cast<long long>(which.index));
  Result<bool> row = q->Step();
  if (!row)
    return row.error();
  if (!*row)
    return NotFound("no work item " + which.Path() + " of run " + std::string(run_id));
  return ReadItem(*q, db.path(), run_id);
}

Status CheckItemClaim(Connection& db, std::string_view run_id, const WorkItem& item) {
  if (item.claims == 0)
    return Status::Ok();  // not taken through ClaimItem: fenced by the run's attempt alone
  Result<Query> q =
      db.Prepare("SELECT claims FROM work_items WHERE run_id = ?1 AND loop_path = ?2 AND idx = ?3");
  if (!q)
    return q.error();
  q->Bind(1, run_id);
  q->Bind(2, item.loop_path);
  q->Bind(3, static_cast<long long>(item.index));
  Result<bool> row = q->Step();
  if (!row)
    return row.error();
  const long long current = *row ? q->Int(0) : 0;
  if (current == item.claims)
    return Status::Ok();
  return FailedPrecondition("work item " + item.Path() + " of run " + std::string(run_id) +
                            " was claimed again: claim " + std::to_string(current) +
                            " is current, this executor holds claim " +
                            std::to_string(item.claims));
}

}  // namespace travet::store::sqlite
