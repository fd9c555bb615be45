// SqliteStore: failed logins, counted for throttling across every process
// on the store (store.h, "Login throttling").
#include <mutex>
#include <utility>

#include "runtime/store/sqlite/connection.h"
#include "runtime/store/sqlite/sqlite_store.h"
#include "runtime/store/sqlite/sqlite_store_impl.h"
#include "runtime/store/sqlite/user_rows.h"

namespace travet::store {
namespace {

using sqlite::Connection;
using sqlite::Query;

}  // namespace

Status SqliteStore::RecordLoginFailure(std::string_view user, std::string_view address,
                                       TimePoint now) {
  std::lock_guard lock(impl_->mu);
  Connection& db = *impl_->db;
  std::string time = FormatRfc3339(now);
  return sqlite::RetryWhileBusy([&]() -> Status {
    Result<Query> q =
        db.Prepare("INSERT INTO login_failures (user_name, address, time) VALUES (?1, ?2, ?3)");
    if (!q)
      return q.error();
    q->Bind(1, user);
    q->Bind(2, address);
    q->Bind(3, time);
    return q->Run();
  });
}

Result<LoginFailures> SqliteStore::CountRecentFailures(std::string_view user,
                                                       std::string_view address, TimePoint since) {
  std::lock_guard lock(impl_->mu);
  // One pass over the user's failures in the window counts both.
  Result<Query> q = impl_->db->Prepare(
      "SELECT count(*), min(time), coalesce(sum(address = ?3), 0), "
      "min(CASE WHEN address = ?3 THEN time END) "
      "FROM login_failures WHERE user_name = ?1 AND time >= ?2");
  if (!q)
    return q.error();
  q->Bind(1, user);
  q->Bind(2, FormatRfc3339(since));
  q->Bind(3, address);
  Result<bool> row = q->Step();
  if (!row)
    return row.error();
  if (!*row)
    return LoginFailures{};
  return LoginFailures{.from_address = static_cast<int>(q->Int(2)),
                       .from_anywhere = static_cast<int>(q->Int(0)),
                       .oldest_from_address = q->Text(3),
                       .oldest_from_anywhere = q->Text(1)};
}

Status SqliteStore::ClearLoginFailures(std::string_view user, std::string_view address) {
  std::lock_guard lock(impl_->mu);
  Connection& db = *impl_->db;
  return sqlite::RetryWhileBusy([&]() -> Status {
    Result<Query> q =
        db.Prepare("DELETE FROM login_failures WHERE user_name = ?1 AND address = ?2");
    if (!q)
      return q.error();
    q->Bind(1, user);
    q->Bind(2, address);
    return q->Run();
  });
}

Result<int> SqliteStore::PruneLoginFailures(TimePoint before) {
  std::lock_guard lock(impl_->mu);
  Connection& db = *impl_->db;
  std::string time = FormatRfc3339(before);
  return sqlite::RetryWhileBusy([&]() -> Result<int> {
    Result<Query> q = db.Prepare("DELETE FROM login_failures WHERE time < ?1");
    if (!q)
      return q.error();
    q->Bind(1, time);
    TRAVET_RETURN_IF_ERROR(q->Run());
    return sqlite::ChangedRows(db);
  });
}

}  // namespace travet::store
