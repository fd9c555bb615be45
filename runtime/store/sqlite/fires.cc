// SqliteStore: the fires of schedules, each recorded once.
#include <mutex>

#include "runtime/store/sqlite/connection.h"
#include "runtime/store/sqlite/sqlite_store.h"
#include "runtime/store/sqlite/sqlite_store_impl.h"

namespace travet::store {

Result<bool> SqliteStore::RecordFire(const Fire& fire) {
  std::lock_guard lock(impl_->mu);
  sqlite::Connection& db = *impl_->db;
  const std::string now = FormatRfc3339(DefaultClock().Now());
  bool recorded = false;
  Status s = sqlite::RetryWhileBusy([&]() -> Status {
    // INSERT OR IGNORE: a fire recorded already is not an error, only not ours.
    Result<sqlite::Query> q = db.Prepare(
        "INSERT OR IGNORE INTO fires (bot, trigger_key, fire_time, run_id, recorded_at) "
        "VALUES (?1, ?2, ?3, ?4, ?5)");
    if (!q)
      return q.error();
    q->Bind(1, fire.bot);
    q->Bind(2, fire.trigger);
    q->Bind(3, fire.fire_time);
    q->Bind(4, fire.run_id);
    q->Bind(5, now);
    TRAVET_RETURN_IF_ERROR(q->Run());
    recorded = db.changes() > 0;
    return Status::Ok();
  });
  if (!s.ok())
    return s;
  return recorded;
}

Result<std::string> SqliteStore::LastFire(std::string_view bot, std::string_view trigger) {
  std::lock_guard lock(impl_->mu);
  Result<sqlite::Query> q =
      impl_->db->Prepare("SELECT max(fire_time) FROM fires WHERE bot = ?1 AND trigger_key = ?2");
  if (!q)
    return q.error();
  q->Bind(1, bot);
  q->Bind(2, trigger);
  Result<bool> row = q->Step();
  if (!row)
    return row.error();
  return *row ? q->Text(0) : std::string();
}

}  // namespace travet::store
