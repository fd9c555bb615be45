// Work items claimed one at a time (store.h, "Work items"): by the executor
// that holds their run, and by any worker with nothing else to do.
#include <mutex>

#include "runtime/store/sqlite/item_rows.h"
#include "runtime/store/sqlite/run_rows.h"
#include "runtime/store/sqlite/sqlite_store.h"
#include "runtime/store/sqlite/sqlite_store_impl.h"

namespace travet::store {
namespace {

using sqlite::Connection;
using sqlite::Query;

// The claimable item first in line, as (run id, loop path, index), or
// nullopt; inside the caller's transaction. Items of loops inside other
// steps are left to the run's executor: a worker can reach only a loop at
// the top of the bot by replaying the run's checkpoints.
Result<std::optional<WorkItem>> FirstClaimable(Connection& db, const ItemClaimTerms& terms,
                                               std::string& run_id) {
  Result<Query> q = db.Prepare(
      "SELECT w.run_id, w.loop_path, w.idx FROM work_items w JOIN runs r ON r.id = w.run_id "
      "WHERE r.state = 'running' AND (?1 = '' OR w.run_id = ?1) AND (?3 = '' OR w.loop_path = ?3) "
      "AND instr(w.loop_path, '.') = 0 AND instr(w.loop_path, '[') = 0 AND ("
      "w.state = 'pending' "
      "OR (w.state = 'running' AND w.lease_until IS NOT NULL AND w.lease_until <= ?2) "
      "OR (w.state = 'running' AND w.lease_until IS NULL AND w.claimed_in < r.attempt) "
      "OR (w.state = 'waiting_review' AND w.claimed_in < r.attempt)) "
      "ORDER BY r.created_at, w.run_id, w.loop_path, w.idx LIMIT 1");
  if (!q)
    return q.error();
  q->Bind(1, terms.run_id);
  q->Bind(2, FormatRfc3339(terms.now));
  q->Bind(3, terms.loop_path);
  Result<bool> row = q->Step();
  if (!row)
    return row.error();
  if (!*row)
    return std::optional<WorkItem>();
  run_id = q->Text(0);
  return std::optional<WorkItem>(
      WorkItem{.loop_path = q->Text(1), .index = static_cast<int>(q->Int(2))});
}

}  // namespace

Result<std::optional<ItemClaim>> SqliteStore::ClaimItem(const ItemClaimTerms& terms) {
  std::lock_guard lock(impl_->mu);
  Connection& db = *impl_->db;
  sqlite::Transaction transaction(db);
  TRAVET_RETURN_IF_ERROR(transaction.Begin());
  std::string run_id;
  Result<std::optional<WorkItem>> first = FirstClaimable(db, terms, run_id);
  if (!first || !*first)
    return first ? Result<std::optional<ItemClaim>>(std::nullopt) : first.error();
  Result<RunRecord> run = sqlite::SelectRun(db, run_id);
  if (!run)
    return run.error();
  Result<WorkItem> item = sqlite::SelectItem(db, run_id, **first);
  if (!item)
    return item.error();
  item->state = ItemState::kRunning;
  item->owner = terms.owner;
  item->lease_until = terms.length ? FormatRfc3339(terms.now + *terms.length) : "";
  ++item->claims;
  item->claimed_in = run->attempt;
  TRAVET_RETURN_IF_ERROR(sqlite::UpsertItem(db, run_id, *item));
  TRAVET_RETURN_IF_ERROR(transaction.Commit());
  return std::optional<ItemClaim>(ItemClaim{std::move(*run), std::move(*item)});
}

Status SqliteStore::RenewItemLease(std::string_view run_id, const WorkItem& item, TimePoint until) {
  std::lock_guard lock(impl_->mu);
  Connection& db = *impl_->db;
  sqlite::Transaction transaction(db);
  TRAVET_RETURN_IF_ERROR(transaction.Begin());
  Result<WorkItem> stored = sqlite::SelectItem(db, run_id, item);
  if (!stored)
    return stored.error();
  TRAVET_RETURN_IF_ERROR(sqlite::CheckItemClaim(db, run_id, item));
  if (stored->state != ItemState::kRunning) {
    return FailedPrecondition("work item " + item.Path() + " of run " + std::string(run_id) +
                              " is " + std::string(ItemStateName(stored->state)) +
                              ", no longer running");
  }
  stored->lease_until = FormatRfc3339(until);
  TRAVET_RETURN_IF_ERROR(sqlite::UpsertItem(db, run_id, *stored));
  return transaction.Commit();
}

}  // namespace travet::store
