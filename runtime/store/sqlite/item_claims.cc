// Work items claimed one at a time (store.h, "Work items"): by the executor
// that holds their run, and by any worker with nothing else to do.
#include <algorithm>
#include <iterator>
#include <mutex>
#include <string>

#include "runtime/store/sqlite/item_rows.h"
#include "runtime/store/sqlite/run_rows.h"
#include "runtime/store/sqlite/sqlite_store.h"
#include "runtime/store/sqlite/sqlite_store_impl.h"

namespace travet::store {
namespace {

using sqlite::Connection;
using sqlite::Query;

// What may be claimed, in the order it is tried: a pending item (the common
// case: one seek in the work_items_claimable index), then one whose holder
// is gone (a worker whose claim lapsed, an earlier attempt of the run's
// executor) or one waiting for review and not tried in this attempt.
constexpr const char* kClaimable[] = {
    "w.state = 'pending'",
    "w.state IN ('running', 'waiting_review') AND ("
    "(w.state = 'running' AND w.lease_until IS NOT NULL AND w.lease_until <= ?2) "
    "OR (w.state = 'running' AND w.lease_until IS NULL AND w.claimed_in < r.attempt) "
    "OR (w.state = 'waiting_review' AND w.claimed_in < r.attempt))"};

// The first items (up to `limit`) in `states` that `terms` may claim, of
// one run (`run_id`, set), as (loop path, index); inside the caller's
// transaction. Items of loops inside
// other steps are left to the run's executor: a worker can reach only a loop
// at the top of the bot by replaying the run's checkpoints. The filters are
// written into the statement only when given, so that SQLite seeks the index
// on them; the index is named, as without statistics SQLite prefers the
// primary key and walks every item of the loop (10,000 items took 54 s).
Result<std::vector<WorkItem>> FirstIn(Connection& db, const ItemClaimTerms& terms,
                                      const char* states, int limit, std::string& run_id) {
  std::string sql =
      "SELECT w.run_id, w.loop_path, w.idx "
      "FROM work_items w INDEXED BY work_items_claimable JOIN runs r ON r.id = w.run_id "
      "WHERE r.state = 'running' AND instr(w.loop_path, '.') = 0 "
      "AND instr(w.loop_path, '[') = 0 AND " +
      std::string(states);
  if (!terms.run_id.empty())
    sql += " AND w.run_id = ?1";
  if (!terms.loop_path.empty())
    sql += " AND w.loop_path = ?3";
  sql += terms.run_id.empty() ? " ORDER BY r.created_at, w.run_id, w.loop_path, w.idx LIMIT ?4"
                              : " ORDER BY w.loop_path, w.idx LIMIT ?4";
  Result<Query> q = db.Prepare(sql);
  if (!q)
    return q.error();
  q->Bind(1, terms.run_id);  // a number the statement does not use is left unbound
  q->Bind(2, FormatRfc3339(terms.now));
  q->Bind(3, terms.loop_path);
  q->Bind(4, static_cast<long long>(limit));
  std::vector<WorkItem> found;
  for (;;) {
    Result<bool> row = q->Step();
    if (!row)
      return row.error();
    if (!*row)
      return found;
    if (!found.empty() && q->Text(0) != run_id)
      return found;  // of one run only
    run_id = q->Text(0);
    found.push_back(WorkItem{.loop_path = q->Text(1), .index = static_cast<int>(q->Int(2))});
  }
}

Result<std::vector<WorkItem>> FirstClaimable(Connection& db, const ItemClaimTerms& terms,
                                             std::string& run_id) {
  auto pending = FirstIn(db, terms, kClaimable[0], std::max(terms.count, 1), run_id);
  if (!pending || !pending->empty())
    return pending;
  return FirstIn(db, terms, kClaimable[1], 1, run_id);
}

// The stored `item` while the claim the caller holds (`item` as ClaimItem
// returned it) is current and the item runs; the refusal of a worker that
// lost it otherwise. Inside the caller's transaction.
Result<WorkItem> HeldItem(Connection& db, std::string_view run_id, const WorkItem& item) {
  Result<WorkItem> stored = sqlite::SelectItem(db, run_id, item);
  if (!stored)
    return stored.error();
  TRAVET_RETURN_IF_ERROR(sqlite::CheckItemClaim(db, run_id, item));
  if (stored->state != ItemState::kRunning) {
    return FailedPrecondition("work item " + item.Path() + " of run " + std::string(run_id) +
                              " is " + std::string(ItemStateName(stored->state)) +
                              ", no longer running");
  }
  return stored;
}

}  // namespace

Result<std::optional<ItemClaim>> SqliteStore::ClaimItem(const ItemClaimTerms& terms) {
  std::lock_guard lock(impl_->mu);
  Connection& db = *impl_->db;
  sqlite::Transaction transaction(db);
  TRAVET_RETURN_IF_ERROR(transaction.Begin());
  std::string run_id;
  Result<std::vector<WorkItem>> first = FirstClaimable(db, terms, run_id);
  if (!first || first->empty())
    return first ? Result<std::optional<ItemClaim>>(std::nullopt) : first.error();
  Result<RunRecord> run = sqlite::SelectRun(db, run_id);
  if (!run)
    return run.error();
  std::vector<WorkItem> claimed;
  for (const WorkItem& which : *first) {
    Result<WorkItem> item = sqlite::SelectItem(db, run_id, which);
    if (!item)
      return item.error();
    item->state = ItemState::kRunning;
    item->owner = terms.owner;
    item->lease_until = terms.length ? FormatRfc3339(terms.now + *terms.length) : "";
    ++item->claims;
    item->claimed_in = run->attempt;
    TRAVET_RETURN_IF_ERROR(sqlite::UpsertItem(db, run_id, *item));
    claimed.push_back(std::move(*item));
  }
  TRAVET_RETURN_IF_ERROR(transaction.Commit());
  ItemClaim claim{std::move(*run), std::move(claimed.front())};
  claim.more.assign(std::make_move_iterator(claimed.begin() + 1),
                    std::make_move_iterator(claimed.end()));
  return std::optional<ItemClaim>(std::move(claim));
}

Status SqliteStore::RenewItemLease(std::string_view run_id, const WorkItem& item, TimePoint until) {
  std::lock_guard lock(impl_->mu);
  Connection& db = *impl_->db;
  sqlite::Transaction transaction(db);
  TRAVET_RETURN_IF_ERROR(transaction.Begin());
  Result<WorkItem> stored = HeldItem(db, run_id, item);
  if (!stored)
    return stored.error();
  stored->lease_until = FormatRfc3339(until);
  TRAVET_RETURN_IF_ERROR(sqlite::UpsertItem(db, run_id, *stored));
  return transaction.Commit();
}

Status SqliteStore::ReleaseItem(std::string_view run_id, const WorkItem& item) {
  std::lock_guard lock(impl_->mu);
  Connection& db = *impl_->db;
  sqlite::Transaction transaction(db);
  TRAVET_RETURN_IF_ERROR(transaction.Begin());
  Result<WorkItem> stored = HeldItem(db, run_id, item);
  if (!stored)
    return stored.error();
  stored->state = ItemState::kPending;
  stored->owner.clear();
  stored->lease_until.clear();
  TRAVET_RETURN_IF_ERROR(sqlite::UpsertItem(db, run_id, *stored));
  return transaction.Commit();
}

}  // namespace travet::store
