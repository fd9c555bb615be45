// The work items of a run (store.h, "Work items").
#include <sqlite3.h>

#include "runtime/store/sqlite/json_text.h"
#include "runtime/store/sqlite/run_rows.h"
#include "runtime/store/sqlite/sqlite_store_impl.h"

namespace travet::store {
namespace {

using sqlite::Query;

// Inserts or replaces one item; the caller holds the lock and a transaction.
Status UpsertItem(sqlite::Connection& db, std::string_view run_id, const WorkItem& item) {
  if (item.loop_path.empty())
    return InvalidArgument("work item of run " + std::string(run_id) + " has no loop path");
  Result<Query> q = db.Prepare(
      "INSERT OR REPLACE INTO work_items (run_id, loop_path, idx, key, state, attempts, error, "
      "outcome, output, started_at, finished_at) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
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
  q->Bind(9, sqlite::ToJson(item.output));
  q->BindOrNull(10, item.started_at);
  q->BindOrNull(11, item.finished_at);
  Status saved = q->Run();
  if (q->error_code() == SQLITE_CONSTRAINT_FOREIGNKEY)
    return sqlite::NoRun(run_id);
  return saved;
}

Result<WorkItem> ReadItem(const Query& q, const std::string& path, std::string_view run_id) {
  WorkItem item;
  item.loop_path = q.Text(0);
  item.index = static_cast<int>(q.Int(1));
  item.key = q.Text(2);
  std::string what = "work item " + item.Path() + " of run " + std::string(run_id);
  std::optional<ItemState> state = ParseItemState(q.Text(3));
  if (!state)
    return Internal("sqlite " + path + ": " + what + " has an unknown state");
  item.state = *state;
  item.attempts = static_cast<int>(q.Int(4));
  item.error = q.Text(5);
  item.outcome = q.Text(6);
  Result<Value> output = sqlite::FromJson(q.Text(7), path, "output of " + what);
  if (!output)
    return output.error();
  item.output = std::move(*output);
  item.started_at = q.Text(8);
  item.finished_at = q.Text(9);
  return item;
}

}  // namespace

Status SqliteStore::SaveWorkItems(std::string_view run_id, const std::vector<WorkItem>& items,
                                  int attempt) {
  if (items.empty())
    return Status::Ok();
  std::lock_guard lock(impl_->mu);
  sqlite::Transaction transaction(*impl_->db);
  TRAVET_RETURN_IF_ERROR(transaction.Begin());
  if (attempt > 0)
    TRAVET_RETURN_IF_ERROR(impl_->CheckAttempt(run_id, attempt));
  for (const auto& item : items)
    TRAVET_RETURN_IF_ERROR(UpsertItem(*impl_->db, run_id, item));
  return transaction.Commit();
}

Result<std::vector<WorkItem>> SqliteStore::ListWorkItems(std::string_view run_id,
                                                         const ItemFilter& filter) {
  std::lock_guard lock(impl_->mu);
  Result<Query> q = impl_->db->Prepare(
      "SELECT loop_path, idx, key, state, attempts, error, outcome, output, started_at, "
      "finished_at FROM work_items WHERE run_id = ?1 AND (?2 IS NULL OR state = ?2) "
      "ORDER BY loop_path, idx");
  if (!q)
    return q.error();
  q->Bind(1, run_id);
  if (filter.state)
    q->Bind(2, ItemStateName(*filter.state));
  else
    q->BindNull(2);
  const std::string& path = impl_->db->path();
  return sqlite::ReadAll<WorkItem>(*q, [&](Query& row) { return ReadItem(row, path, run_id); });
}

}  // namespace travet::store
