// SqliteStore: pauses of schedules' triggers (store.h, "Pauses of
// schedules' triggers").
#include <mutex>

#include "runtime/store/sqlite/connection.h"
#include "runtime/store/sqlite/sqlite_store.h"
#include "runtime/store/sqlite/sqlite_store_impl.h"

namespace travet::store {
namespace {

using sqlite::Connection;
using sqlite::Query;

Status CheckChange(const TriggerChange& change, std::string_view verb) {
  if (change.bot.empty() || change.trigger.empty() || change.by.empty()) {
    return InvalidArgument("to " + std::string(verb) +
                           " a trigger, name its bot, its key and who does it");
  }
  return Status::Ok();
}

// A new pause replaces a resumed one; a live pause stays as it was.
constexpr std::string_view kPauseSql =
    "INSERT INTO trigger_pauses (bot, trigger_key, paused_by, paused_at) VALUES (?1, ?2, ?3, ?4) "
    "ON CONFLICT (bot, trigger_key) DO UPDATE SET paused_by = excluded.paused_by, "
    "paused_at = excluded.paused_at, resumed_by = NULL, resumed_at = NULL "
    "WHERE resumed_at IS NOT NULL";

constexpr std::string_view kResumeSql =
    "UPDATE trigger_pauses SET resumed_by = ?3, resumed_at = ?4 "
    "WHERE bot = ?1 AND trigger_key = ?2 AND resumed_at IS NULL";

// Runs `sql` with the change bound as ?1 bot, ?2 trigger, ?3 by, ?4 at;
// whether it changed a row.
Result<bool> WriteChange(Connection& db, std::string_view sql, const TriggerChange& change) {
  Result<Query> q = db.Prepare(sql);
  if (!q)
    return q.error();
  q->Bind(1, change.bot);
  q->Bind(2, change.trigger);
  q->Bind(3, change.by);
  q->Bind(4, FormatRfc3339(change.at));
  TRAVET_RETURN_IF_ERROR(q->Run());
  return db.changes() > 0;
}

TriggerPause ReadPause(const Query& q) {
  return {.bot = q.Text(0),
          .trigger = q.Text(1),
          .paused_by = q.Text(2),
          .paused_at = q.Text(3),
          .resumed_by = q.Text(4),
          .resumed_at = q.Text(5)};
}

}  // namespace

Result<bool> SqliteStore::PauseTrigger(const TriggerChange& change) {
  TRAVET_RETURN_IF_ERROR(CheckChange(change, "pause"));
  std::lock_guard lock(impl_->mu);
  sqlite::DurableScope durable(*impl_->db);
  TRAVET_RETURN_IF_ERROR(durable.Enter());
  return sqlite::RetryWhileBusy([&] { return WriteChange(*impl_->db, kPauseSql, change); });
}

Result<bool> SqliteStore::ResumeTrigger(const TriggerChange& change) {
  TRAVET_RETURN_IF_ERROR(CheckChange(change, "resume"));
  std::lock_guard lock(impl_->mu);
  sqlite::DurableScope durable(*impl_->db);
  TRAVET_RETURN_IF_ERROR(durable.Enter());
  return sqlite::RetryWhileBusy([&] { return WriteChange(*impl_->db, kResumeSql, change); });
}

Result<std::vector<TriggerPause>> SqliteStore::ListTriggerPauses(std::string_view bot) {
  std::lock_guard lock(impl_->mu);
  Result<Query> q = impl_->db->Prepare(
      "SELECT bot, trigger_key, paused_by, paused_at, resumed_by, resumed_at FROM trigger_pauses "
      "WHERE ?1 = '' OR bot = ?1 ORDER BY bot, trigger_key");
  if (!q)
    return q.error();
  // As a std::string: an empty string_view may have no data, which binds NULL.
  q->Bind(1, std::string(bot));
  return sqlite::ReadAll<TriggerPause>(*q, ReadPause);
}

}  // namespace travet::store
