// SqliteStore: browser sessions, kept under the hash of their id (store.h,
// "Users, API tokens and sessions").
#include <sqlite3.h>

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

Status NoSession() {
  return NotFound("no such session");
}

Status CheckNewSession(const Session& session) {
  if (session.id_hash.empty())
    return InvalidArgument("session of user " + session.user + " has no id hash");
  if (session.csrf_token.empty())
    return InvalidArgument("session of user " + session.user + " has no CSRF token");
  if (session.expires_at.empty())
    return InvalidArgument("session of user " + session.user + " has no end");
  return Status::Ok();
}

Status InsertSession(Connection& db, const Session& session) {
  Result<Query> q = db.Prepare(
      "INSERT INTO sessions (id_hash, user_name, csrf_token, created_at, last_seen_at, "
      "expires_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  if (!q)
    return q.error();
  q->Bind(1, session.id_hash);
  q->Bind(2, session.user);
  q->Bind(3, session.csrf_token);
  q->Bind(4, session.created_at);
  q->Bind(5, session.last_seen_at);
  q->Bind(6, session.expires_at);
  Status inserted = q->Run();
  switch (q->error_code()) {
    case SQLITE_CONSTRAINT_PRIMARYKEY:
      return AlreadyExists("a session with this id already exists");
    case SQLITE_CONSTRAINT_FOREIGNKEY:
      return sqlite::NoUser(session.user);
    default:
      return inserted;
  }
}

// Runs the DELETE `sql` with ?1 bound to `key`, durably; how many rows went.
Result<int> DeleteDurably(Connection& db, std::string_view sql, std::string_view key) {
  sqlite::DurableScope durable(db);
  TRAVET_RETURN_IF_ERROR(durable.Enter());
  return sqlite::RetryWhileBusy([&]() -> Result<int> {
    Result<Query> q = db.Prepare(sql);
    if (!q)
      return q.error();
    q->Bind(1, key);
    TRAVET_RETURN_IF_ERROR(q->Run());
    return sqlite::ChangedRows(db);
  });
}

}  // namespace

Status SqliteStore::CreateSession(const Session& session) {
  TRAVET_RETURN_IF_ERROR(CheckNewSession(session));
  std::lock_guard lock(impl_->mu);
  Session row = session;
  std::string now = impl_->Now();
  if (row.created_at.empty())
    row.created_at = now;
  if (row.last_seen_at.empty())
    row.last_seen_at = row.created_at;
  return sqlite::RetryWhileBusy([&] { return InsertSession(*impl_->db, row); });
}

Result<Session> SqliteStore::GetSession(std::string_view id_hash) {
  std::lock_guard lock(impl_->mu);
  Result<Query> q = sqlite::RowById(*impl_->db,
                                    "SELECT id_hash, user_name, csrf_token, created_at, "
                                    "last_seen_at, expires_at FROM sessions WHERE id_hash = ?1",
                                    id_hash, NoSession());
  if (!q)
    return q.error();
  return Session{.id_hash = q->Text(0),
                 .user = q->Text(1),
                 .csrf_token = q->Text(2),
                 .created_at = q->Text(3),
                 .last_seen_at = q->Text(4),
                 .expires_at = q->Text(5)};
}

Status SqliteStore::TouchSession(std::string_view id_hash, TimePoint now, TimePoint expires_at) {
  std::lock_guard lock(impl_->mu);
  Connection& db = *impl_->db;
  std::string seen = FormatRfc3339(now), until = FormatRfc3339(expires_at);
  return sqlite::RetryWhileBusy([&]() -> Status {
    Result<Query> q =
        db.Prepare("UPDATE sessions SET last_seen_at = ?2, expires_at = ?3 WHERE id_hash = ?1");
    if (!q)
      return q.error();
    q->Bind(1, id_hash);
    q->Bind(2, seen);
    q->Bind(3, until);
    TRAVET_RETURN_IF_ERROR(q->Run());
    return sqlite::ChangedRows(db) == 0 ? NoSession() : Status::Ok();
  });
}

Status SqliteStore::DeleteSession(std::string_view id_hash) {
  std::lock_guard lock(impl_->mu);
  Result<int> deleted =
      DeleteDurably(*impl_->db, "DELETE FROM sessions WHERE id_hash = ?1", id_hash);
  return deleted.status();
}

Result<int> SqliteStore::DeleteSessionsOf(std::string_view user) {
  std::lock_guard lock(impl_->mu);
  return DeleteDurably(*impl_->db, "DELETE FROM sessions WHERE user_name = ?1", user);
}

Result<int> SqliteStore::SweepSessions(TimePoint now) {
  std::lock_guard lock(impl_->mu);
  return DeleteDurably(*impl_->db, "DELETE FROM sessions WHERE expires_at <= ?1",
                       FormatRfc3339(now));
}

}  // namespace travet::store
