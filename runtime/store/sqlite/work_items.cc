// The work items of a run (store.h, "Work items").
#include <sqlite3.h>

#include "runtime/store/sqlite/item_rows.h"
#include "runtime/store/sqlite/json_text.h"
#include "runtime/store/sqlite/run_rows.h"
#include "runtime/store/sqlite/sqlite_store_impl.h"

namespace travet::store {
namespace {

using sqlite::kItemColumns;
using sqlite::Query;
using sqlite::ReadItem;
using sqlite::ReadItemFrom;
using sqlite::UpsertItem;

// Deletes the checkpoints of the step at `path` and of every step beneath it.
Status DeleteCheckpointsUnder(sqlite::Connection& db, std::string_view run_id,
                              const std::string& path) {
  // substr, not LIKE: paths hold '_' and '[', which LIKE and GLOB read as patterns.
  Result<Query> q = db.Prepare(
      "DELETE FROM checkpoints WHERE run_id = ?1 AND (step_path = ?2 OR "
      "substr(step_path, 1, length(?2) + 1) IN (?2 || '.', ?2 || '['))");
  if (!q)
    return q.error();
  q->Bind(1, run_id);
  q->Bind(2, path);
  return q->Run();
}

// The stored item of `run_id` at (loop_path, index), ready to run again.
Result<WorkItem> Reopened(sqlite::Connection& db, std::string_view run_id, const WorkItem& which) {
  Result<WorkItem> item = sqlite::SelectItem(db, run_id, which);
  if (!item)
    return item.error();
  const std::string name = "work item " + which.Path() + " of run " + std::string(run_id);
  if (!IsFinal(item->state)) {
    return FailedPrecondition(name + " (" + item->key + ") is " +
                              std::string(ItemStateName(item->state)) + ", not finished");
  }
  item->state = ItemState::kPending;
  item->error.clear();
  item->outcome.clear();
  item->finished_at.clear();
  ++item->retries;
  return item;
}

// The item other than `item` of `run_id` that holds `item.key` (store.h,
// TakeItemKey); an item never started holds nothing yet. The caller holds the
// lock and a transaction.
Result<std::optional<KeyHolder>> KeyHolderOf(sqlite::Connection& db, std::string_view run_id,
                                             const WorkItem& item) {
  Result<Query> q = db.Prepare(
      "SELECT w.run_id, w.loop_path, w.idx, w.key, w.state, w.attempts, w.error, w.outcome, "
      "w.output, w.started_at, w.finished_at, w.retries, w.owner, w.lease_until, w.claims, "
      "w.claimed_in FROM work_items w "
      "JOIN runs r ON r.id = w.run_id "
      "WHERE w.key = ?1 AND w.loop_path = ?2 AND r.bot = (SELECT bot FROM runs WHERE id = ?3) "
      "AND NOT (w.run_id = ?3 AND w.idx = ?4) AND NOT (w.state = 'pending' AND w.attempts = 0) "
      "AND substr(COALESCE(w.outcome, ''), 1, 10) != "
      "'duplicate:' AND (w.state = 'succeeded' OR (w.state != 'failed' AND r.state IN "
      "('queued', 'running', 'waiting_review'))) ORDER BY w.started_at, w.run_id, w.idx LIMIT 1");
  if (!q)
    return q.error();
  q->Bind(1, item.key);
  q->Bind(2, item.loop_path);
  q->Bind(3, run_id);
  q->Bind(4, static_cast<long long>(item.index));
  Result<bool> row = q->Step();
  if (!row)
    return row.error();
  if (!*row)
    return std::optional<KeyHolder>();
  KeyHolder holder{q->Text(0), {}};
  Result<WorkItem> held = ReadItemFrom(*q, 1, db.path(), holder.run_id);  // after the run id
  if (!held)
    return held.error();
  holder.item = std::move(*held);
  return std::optional<KeyHolder>(std::move(holder));
}

}  // namespace

Result<std::optional<KeyHolder>> SqliteStore::TakeItemKey(std::string_view run_id,
                                                          const WorkItem& item, int attempt) {
  std::lock_guard lock(impl_->mu);
  sqlite::Transaction transaction(*impl_->db);
  TRAVET_RETURN_IF_ERROR(transaction.Begin());
  if (attempt > 0)
    TRAVET_RETURN_IF_ERROR(impl_->CheckAttempt(run_id, attempt));
  Result<std::optional<KeyHolder>> holder = KeyHolderOf(*impl_->db, run_id, item);
  if (!holder || *holder)
    return holder;
  TRAVET_RETURN_IF_ERROR(UpsertItem(*impl_->db, run_id, item));
  TRAVET_RETURN_IF_ERROR(transaction.Commit());
  return holder;
}

Result<std::vector<WorkItem>> SqliteStore::RetryWorkItems(
    std::string_view run_id, const std::vector<WorkItem>& items,
    const std::vector<std::string>& also_redo) {
  std::lock_guard lock(impl_->mu);
  sqlite::Connection& db = *impl_->db;
  sqlite::DurableScope durable(db);
  TRAVET_RETURN_IF_ERROR(durable.Enter());
  sqlite::Transaction transaction(db);
  TRAVET_RETURN_IF_ERROR(transaction.Begin());
  Result<RunRecord> run = sqlite::SelectRun(db, run_id);
  if (!run)
    return run.error();
  if (run->state == RunState::kRunning || run->state == RunState::kCancelled) {
    return FailedPrecondition(
        "run " + run->id + " is " + std::string(RunStateName(run->state)) +
        (run->state == RunState::kRunning ? "; retry its items once it ends" : " and stays so"));
  }
  std::vector<WorkItem> reopened;
  for (const auto& which : items) {
    Result<WorkItem> item = Reopened(db, run_id, which);
    if (!item)
      return item.error();
    TRAVET_RETURN_IF_ERROR(UpsertItem(db, run_id, *item));
    TRAVET_RETURN_IF_ERROR(DeleteCheckpointsUnder(db, run_id, item->Path()));
    reopened.push_back(std::move(*item));
  }
  for (const auto& path : also_redo)
    TRAVET_RETURN_IF_ERROR(DeleteCheckpointsUnder(db, run_id, path));
  Result<Query> q = db.Prepare(
      "UPDATE runs SET state = 'queued', finished_at = NULL, error = NULL, lease_owner = NULL, "
      "lease_until = NULL WHERE id = ?1");
  if (!q)
    return q.error();
  q->Bind(1, run_id);
  TRAVET_RETURN_IF_ERROR(q->Run());
  TRAVET_RETURN_IF_ERROR(transaction.Commit());
  return reopened;
}

Status SqliteStore::SaveWorkItems(std::string_view run_id, const std::vector<WorkItem>& items,
                                  int attempt) {
  return impl_->WriteFenced(run_id, items, attempt, [&](const WorkItem& item) {
    TRAVET_RETURN_IF_ERROR(sqlite::CheckItemClaim(*impl_->db, run_id, item));
    return UpsertItem(*impl_->db, run_id, item);
  });
}

Result<std::vector<WorkItem>> SqliteStore::ListWorkItems(std::string_view run_id,
                                                         const ItemFilter& filter) {
  std::lock_guard lock(impl_->mu);
  Result<Query> q =
      impl_->db->Prepare(std::string("SELECT ") + kItemColumns +
                         " FROM work_items WHERE run_id = ?1 AND (?2 IS NULL OR state = ?2) "
                         "AND (?3 IS NULL OR loop_path = ?3) ORDER BY loop_path, idx");
  if (!q)
    return q.error();
  q->Bind(1, run_id);
  if (filter.state)
    q->Bind(2, ItemStateName(*filter.state));
  else
    q->BindNull(2);
  if (filter.loop_path)
    q->Bind(3, *filter.loop_path);
  else
    q->BindNull(3);
  const std::string& path = impl_->db->path();
  return sqlite::ReadAll<WorkItem>(*q, [&](Query& row) { return ReadItem(row, path, run_id); });
}

}  // namespace travet::store
