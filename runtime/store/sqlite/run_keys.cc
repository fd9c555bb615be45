// SqliteStore: runs created once per idempotency key (a webhook's
// Idempotency-Key).
#include <mutex>

#include "runtime/store/sqlite/connection.h"
#include "runtime/store/sqlite/run_rows.h"
#include "runtime/store/sqlite/sqlite_store.h"
#include "runtime/store/sqlite/sqlite_store_impl.h"

namespace travet::store {
namespace {

// The run that key `key` of `run.bot` names, when the key was given at or
// after `since` and its run still exists; "" otherwise. Inside the caller's
// transaction.
Result<std::string> RunOfKey(sqlite::Connection& db, const RunRecord& run, std::string_view key,
                             std::string_view since) {
  Result<sqlite::Query> q = db.Prepare(
      "SELECT k.run_id FROM run_keys k JOIN runs r ON r.id = k.run_id "
      "WHERE k.bot = ?1 AND k.key = ?2 AND k.created_at >= ?3");
  if (!q)
    return q.error();
  q->Bind(1, run.bot);
  q->Bind(2, key);
  q->Bind(3, since);
  Result<bool> row = q->Step();
  if (!row)
    return row.error();
  return *row ? q->Text(0) : std::string();
}

// Forgets the keys given before `since`, then gives `key` to `run`.
Status RecordKey(sqlite::Connection& db, const RunRecord& run, std::string_view key,
                 std::string_view since) {
  Result<sqlite::Query> forget = db.Prepare("DELETE FROM run_keys WHERE created_at < ?1");
  if (!forget)
    return forget.error();
  forget->Bind(1, since);
  TRAVET_RETURN_IF_ERROR(forget->Run());
  Result<sqlite::Query> q = db.Prepare(
      "INSERT OR REPLACE INTO run_keys (bot, key, run_id, created_at) VALUES (?1, ?2, ?3, ?4)");
  if (!q)
    return q.error();
  q->Bind(1, run.bot);
  q->Bind(2, key);
  q->Bind(3, run.id);
  q->Bind(4, run.created_at);
  return q->Run();
}

}  // namespace

Result<RunRecord> SqliteStore::CreateRunOnce(const RunRecord& run, std::string_view key,
                                             std::string_view since) {
  if (key.empty())
    return InvalidArgument("idempotency key is empty");
  if (run.id.empty())
    return InvalidArgument("run id is empty");
  if (run.bot.empty())
    return InvalidArgument("run " + run.id + " has no bot");
  std::lock_guard lock(impl_->mu);
  sqlite::Connection& db = *impl_->db;
  sqlite::DurableScope durable(db);
  TRAVET_RETURN_IF_ERROR(durable.Enter());
  // BEGIN IMMEDIATE: a second caller with the same key waits, then finds
  // the first one's run.
  sqlite::Transaction transaction(db);
  TRAVET_RETURN_IF_ERROR(transaction.Begin());
  Result<std::string> holder = RunOfKey(db, run, key, since);
  if (!holder)
    return holder.error();
  if (!holder->empty())
    return sqlite::SelectRun(db, *holder);
  RunRecord stored = run;
  if (stored.created_at.empty())
    stored.created_at = impl_->Now();
  TRAVET_RETURN_IF_ERROR(sqlite::InsertRun(db, stored, stored.created_at));
  TRAVET_RETURN_IF_ERROR(RecordKey(db, stored, key, since));
  TRAVET_RETURN_IF_ERROR(transaction.Commit());
  return sqlite::SelectRun(db, stored.id);
}

}  // namespace travet::store
