// SqliteStore: users of the server and their passwords (store.h, "Users, API
// tokens and sessions").
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
using sqlite::DurableScope;
using sqlite::NoUser;
using sqlite::Query;

Status InsertUser(Connection& db, const User& user, const std::string& queues,
                  std::string_view password_hash) {
  Result<Query> q = db.Prepare(
      "INSERT INTO users (name, role, queues, disabled, password_hash, created_at, "
      "password_changed_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)");
  if (!q)
    return q.error();
  q->Bind(1, user.name);
  q->Bind(2, RoleName(user.role));
  q->Bind(3, queues);
  q->Bind(4, static_cast<long long>(user.disabled));
  q->Bind(5, password_hash);
  q->Bind(6, user.created_at);
  Status inserted = q->Run();
  if (q->error_code() == SQLITE_CONSTRAINT_PRIMARYKEY)
    return AlreadyExists("user '" + user.name + "' already exists");
  return inserted;
}

// Runs `q`, an UPDATE of user `name` whose parameters are bound; NoUser when
// it changed no row.
Status UpdateUser(Connection& db, Query& q, std::string_view name) {
  TRAVET_RETURN_IF_ERROR(q.Run());
  return sqlite::ChangedRows(db) == 0 ? NoUser(name) : Status::Ok();
}

// Sets the password hash of `name` and ends its sessions, in one transaction.
Status ReplacePassword(Connection& db, std::string_view name, std::string_view password_hash,
                       const std::string& now) {
  sqlite::Transaction transaction(db);
  TRAVET_RETURN_IF_ERROR(transaction.Begin());
  {
    Result<Query> q =
        db.Prepare("UPDATE users SET password_hash = ?2, password_changed_at = ?3 WHERE name = ?1");
    if (!q)
      return q.error();
    q->Bind(1, name);
    q->Bind(2, password_hash);
    q->Bind(3, now);
    TRAVET_RETURN_IF_ERROR(UpdateUser(db, *q, name));
  }
  Result<int> ended = sqlite::DeleteUserSessions(db, name);
  if (!ended)
    return ended.error();
  return transaction.Commit();
}

// kFailedPrecondition when `name` is the only enabled admin: disabling or
// demoting them would leave nobody who may manage users over the API.
// Inside the caller's transaction, which holds the write lock, so two such
// changes cannot both pass the check.
Status KeepAnAdmin(Connection& db, std::string_view name) {
  Result<Query> q = db.Prepare(
      "SELECT (SELECT count(*) FROM users WHERE name = ?1 AND role = 'admin' AND disabled = 0), "
      "(SELECT count(*) FROM users WHERE role = 'admin' AND disabled = 0)");
  if (!q)
    return q.error();
  q->Bind(1, name);
  Result<bool> row = q->Step();
  if (!row)
    return row.error();
  if (*row && q->Int(0) == 1 && q->Int(1) == 1) {
    return FailedPrecondition("user " + std::string(name) +
                              " is the last enabled admin; make another user admin first");
  }
  return Status::Ok();
}

Status ChangeDisabled(Connection& db, std::string_view name, bool disabled) {
  sqlite::Transaction transaction(db);
  TRAVET_RETURN_IF_ERROR(transaction.Begin());
  if (disabled)
    TRAVET_RETURN_IF_ERROR(KeepAnAdmin(db, name));
  {
    Result<Query> q = db.Prepare("UPDATE users SET disabled = ?2 WHERE name = ?1");
    if (!q)
      return q.error();
    q->Bind(1, name);
    q->Bind(2, static_cast<long long>(disabled));
    TRAVET_RETURN_IF_ERROR(UpdateUser(db, *q, name));
  }
  if (disabled) {
    Result<int> ended = sqlite::DeleteUserSessions(db, name);
    if (!ended)
      return ended.error();
  }
  return transaction.Commit();
}

}  // namespace

Status SqliteStore::CreateUser(const User& user, std::string_view password_hash) {
  TRAVET_RETURN_IF_ERROR(CheckUserName(user.name));
  if (password_hash.empty())
    return InvalidArgument("user " + user.name + " has no password hash");
  Result<std::string> queues = sqlite::QueuesJson(user.name, user.queues);
  if (!queues)
    return queues.error();
  std::lock_guard lock(impl_->mu);
  User row = user;
  if (row.created_at.empty())
    row.created_at = impl_->Now();
  DurableScope durable(*impl_->db);
  TRAVET_RETURN_IF_ERROR(durable.Enter());
  return sqlite::RetryWhileBusy(
      [&] { return InsertUser(*impl_->db, row, *queues, password_hash); });
}

Result<User> SqliteStore::GetUser(std::string_view name) {
  std::lock_guard lock(impl_->mu);
  static const std::string kSql =
      "SELECT " + std::string(sqlite::kUserColumns) + " FROM users WHERE name = ?1";
  Result<Query> q = sqlite::RowById(*impl_->db, kSql, name, NoUser(name));
  if (!q)
    return q.error();
  return sqlite::ReadUser(*q, impl_->db->path());
}

Result<std::vector<User>> SqliteStore::ListUsers() {
  std::lock_guard lock(impl_->mu);
  static const std::string kSql =
      "SELECT " + std::string(sqlite::kUserColumns) + " FROM users ORDER BY name";
  Result<Query> q = impl_->db->Prepare(kSql);
  if (!q)
    return q.error();
  const std::string& path = impl_->db->path();
  return sqlite::ReadAll<User>(*q, [&](const Query& row) { return sqlite::ReadUser(row, path); });
}

Status SqliteStore::SetPassword(std::string_view name, std::string_view password_hash) {
  if (password_hash.empty())
    return InvalidArgument("user " + std::string(name) + ": the password hash is empty");
  std::lock_guard lock(impl_->mu);
  DurableScope durable(*impl_->db);
  TRAVET_RETURN_IF_ERROR(durable.Enter());
  std::string now = impl_->Now();
  return sqlite::RetryWhileBusy(
      [&] { return ReplacePassword(*impl_->db, name, password_hash, now); });
}

Status SqliteStore::SetDisabled(std::string_view name, bool disabled) {
  std::lock_guard lock(impl_->mu);
  DurableScope durable(*impl_->db);
  TRAVET_RETURN_IF_ERROR(durable.Enter());
  return sqlite::RetryWhileBusy([&] { return ChangeDisabled(*impl_->db, name, disabled); });
}

Status SqliteStore::SetRoleAndQueues(std::string_view name, Role role,
                                     const std::vector<std::string>& queues) {
  Result<std::string> json = sqlite::QueuesJson(name, queues);
  if (!json)
    return json.error();
  std::lock_guard lock(impl_->mu);
  Connection& db = *impl_->db;
  DurableScope durable(db);
  TRAVET_RETURN_IF_ERROR(durable.Enter());
  return sqlite::RetryWhileBusy([&]() -> Status {
    sqlite::Transaction transaction(db);
    TRAVET_RETURN_IF_ERROR(transaction.Begin());
    if (role != Role::kAdmin)
      TRAVET_RETURN_IF_ERROR(KeepAnAdmin(db, name));
    {
      Result<Query> q = db.Prepare("UPDATE users SET role = ?2, queues = ?3 WHERE name = ?1");
      if (!q)
        return q.error();
      q->Bind(1, name);
      q->Bind(2, RoleName(role));
      q->Bind(3, *json);
      TRAVET_RETURN_IF_ERROR(UpdateUser(db, *q, name));
    }
    return transaction.Commit();
  });
}

Result<std::string> SqliteStore::GetPasswordHash(std::string_view name) {
  std::lock_guard lock(impl_->mu);
  Result<Query> q = sqlite::RowById(*impl_->db, "SELECT password_hash FROM users WHERE name = ?1",
                                    name, NoUser(name));
  if (!q)
    return q.error();
  return q->Text(0);
}

}  // namespace travet::store
