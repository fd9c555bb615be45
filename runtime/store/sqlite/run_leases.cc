// Claims, lease renewals and fenced transitions of runs (store.h, "Leases
// and fencing").
#include <mutex>

#include "runtime/store/sqlite/connection.h"
#include "runtime/store/sqlite/run_rows.h"
#include "runtime/store/sqlite/sqlite_store.h"
#include "runtime/store/sqlite/sqlite_store_impl.h"

namespace travet::store {
namespace {

using sqlite::Connection;
using sqlite::Query;

std::string LeaseEnd(const LeaseTerms& lease) {
  return FormatRfc3339(lease.now + lease.length);
}

// Ok when `run` may be claimed now: not final, and not running under a live
// lease of anyone but `dead_owner`.
Status CheckClaimable(const RunRecord& run, const LeaseTerms& lease, std::string_view dead_owner) {
  if (IsFinal(run.state)) {
    return FailedPrecondition("run " + run.id + " is " + std::string(RunStateName(run.state)) +
                              " and can no longer change");
  }
  if (run.state != RunState::kRunning || run.lease_until.empty())
    return Status::Ok();
  bool lapsed = run.lease_until <= FormatRfc3339(lease.now);
  bool gone = !dead_owner.empty() && run.lease_owner == dead_owner;
  if (lapsed || gone)
    return Status::Ok();
  return FailedPrecondition("run " + run.id + " is being executed by " + run.lease_owner +
                            " until " + run.lease_until);
}

// The oldest claimable run's id, or "" when none; inside the transaction.
Result<std::string> OldestClaimable(Connection& db, const LeaseTerms& lease) {
  Result<Query> q = db.Prepare(
      "SELECT id FROM runs WHERE state = 'queued' OR (state = 'running' AND "
      "(lease_until IS NULL OR lease_until <= ?1)) ORDER BY created_at, rowid LIMIT 1");
  if (!q)
    return q.error();
  q->Bind(1, FormatRfc3339(lease.now));
  Result<bool> row = q->Step();
  if (!row)
    return row.error();
  return *row ? q->Text(0) : std::string();
}

}  // namespace

Status SqliteStore::Impl::CheckAttempt(std::string_view id, int attempt) {
  Result<Query> q =
      sqlite::RowById(*db, "SELECT state, attempt FROM runs WHERE id = ?1", id, sqlite::NoRun(id));
  if (!q)
    return q.error();
  std::string run = "run " + std::string(id);
  long long current = q->Int(1);
  if (current != attempt) {
    return FailedPrecondition(run + " was taken over: attempt " + std::to_string(current) +
                              " is current, this worker holds attempt " + std::to_string(attempt));
  }
  std::string state = q->Text(0);
  if (state != RunStateName(RunState::kRunning))
    return FailedPrecondition(run + " is " + state + ", not running");
  return Status::Ok();
}

Result<RunRecord> SqliteStore::Impl::ClaimAndCommit(sqlite::Transaction& transaction,
                                                    std::string_view id, const LeaseTerms& lease) {
  Result<Query> q = db->Prepare(
      "UPDATE runs SET state = 'running', attempt = attempt + 1, "
      "started_at = COALESCE(started_at, ?2), lease_owner = ?3, lease_until = ?4 WHERE id = ?1");
  if (!q)
    return q.error();
  q->Bind(1, id);
  q->Bind(2, Now());
  q->Bind(3, lease.owner);
  q->Bind(4, LeaseEnd(lease));
  TRAVET_RETURN_IF_ERROR(q->Run());
  Result<RunRecord> claimed = sqlite::SelectRun(*db, id);
  if (!claimed)
    return claimed.error();
  TRAVET_RETURN_IF_ERROR(transaction.Commit());
  return claimed;
}

Result<RunRecord> SqliteStore::ClaimRun(std::string_view id, const LeaseTerms& lease,
                                        std::string_view dead_owner) {
  if (lease.owner.empty())
    return InvalidArgument("claim of run " + std::string(id) + " names no owner");
  std::lock_guard lock(impl_->mu);
  Connection& db = *impl_->db;
  sqlite::DurableScope durable(db);
  TRAVET_RETURN_IF_ERROR(durable.Enter());
  sqlite::Transaction transaction(db);
  TRAVET_RETURN_IF_ERROR(transaction.Begin());
  Result<RunRecord> run = sqlite::SelectRun(db, id);
  if (!run)
    return run.error();
  TRAVET_RETURN_IF_ERROR(CheckClaimable(*run, lease, dead_owner));
  return impl_->ClaimAndCommit(transaction, id, lease);
}

Result<std::optional<RunRecord>> SqliteStore::ClaimNextRun(const LeaseTerms& lease) {
  if (lease.owner.empty())
    return InvalidArgument("claim of a run names no owner");
  std::lock_guard lock(impl_->mu);
  Connection& db = *impl_->db;
  sqlite::DurableScope durable(db);
  TRAVET_RETURN_IF_ERROR(durable.Enter());
  // BEGIN IMMEDIATE: of two processes looking for work, the second sees the
  // first one's claim and picks another run.
  sqlite::Transaction transaction(db);
  TRAVET_RETURN_IF_ERROR(transaction.Begin());
  Result<std::string> id = OldestClaimable(db, lease);
  if (!id)
    return id.error();
  if (id->empty())
    return std::optional<RunRecord>();
  Result<RunRecord> claimed = impl_->ClaimAndCommit(transaction, *id, lease);
  if (!claimed)
    return claimed.error();
  return std::optional<RunRecord>(std::move(*claimed));
}

Status SqliteStore::RenewLease(std::string_view id, int attempt, const LeaseTerms& lease) {
  std::lock_guard lock(impl_->mu);
  Connection& db = *impl_->db;
  sqlite::Transaction transaction(db);
  TRAVET_RETURN_IF_ERROR(transaction.Begin());
  TRAVET_RETURN_IF_ERROR(impl_->CheckAttempt(id, attempt));
  Result<Query> q = db.Prepare("UPDATE runs SET lease_owner = ?2, lease_until = ?3 WHERE id = ?1");
  if (!q)
    return q.error();
  q->Bind(1, id);
  q->Bind(2, lease.owner);
  q->Bind(3, LeaseEnd(lease));
  TRAVET_RETURN_IF_ERROR(q->Run());
  return transaction.Commit();
}

Status SqliteStore::FinishAttempt(std::string_view id, int attempt, RunState to,
                                  std::string_view error) {
  std::lock_guard lock(impl_->mu);
  Connection& db = *impl_->db;
  sqlite::DurableScope durable(db);
  TRAVET_RETURN_IF_ERROR(durable.Enter());
  sqlite::Transaction transaction(db);
  TRAVET_RETURN_IF_ERROR(transaction.Begin());
  TRAVET_RETURN_IF_ERROR(impl_->CheckAttempt(id, attempt));
  TRAVET_RETURN_IF_ERROR(impl_->CheckMove(id, RunState::kRunning, to));
  TRAVET_RETURN_IF_ERROR(impl_->ApplyMove(id, to, error));
  return transaction.Commit();
}

Status SqliteStore::ReleaseRun(std::string_view id, int attempt) {
  std::lock_guard lock(impl_->mu);
  Connection& db = *impl_->db;
  sqlite::DurableScope durable(db);
  TRAVET_RETURN_IF_ERROR(durable.Enter());
  sqlite::Transaction transaction(db);
  TRAVET_RETURN_IF_ERROR(transaction.Begin());
  TRAVET_RETURN_IF_ERROR(impl_->CheckAttempt(id, attempt));
  TRAVET_RETURN_IF_ERROR(impl_->ApplyMove(id, RunState::kQueued, {}));
  // Items under a worker's own claim (lease_until set) are that worker's to
  // give back; those of the run's executor have no lease of their own.
  Result<Query> q = db.Prepare(
      "UPDATE work_items SET state = 'pending', owner = NULL WHERE run_id = ?1 AND "
      "state = 'running' AND lease_until IS NULL");
  if (!q)
    return q.error();
  q->Bind(1, id);
  TRAVET_RETURN_IF_ERROR(q->Run());
  return transaction.Commit();
}

}  // namespace travet::store
