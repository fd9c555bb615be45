// SqliteStore: API tokens, kept as their hashes (store.h, "Users, API tokens
// and sessions").
#include <sqlite3.h>

#include <chrono>
#include <mutex>
#include <utility>

#include "runtime/core/line_escape.h"
#include "runtime/store/sqlite/connection.h"
#include "runtime/store/sqlite/sqlite_store.h"
#include "runtime/store/sqlite/sqlite_store_impl.h"
#include "runtime/store/sqlite/user_rows.h"

namespace travet::store {
namespace {

using sqlite::Connection;
using sqlite::Query;

// A token's last use is written at most this often.
constexpr auto kTokenUseGranularity = std::chrono::minutes(1);

Status InsertToken(Connection& db, const ApiToken& token) {
  Result<Query> q = db.Prepare(
      "INSERT INTO api_tokens (id, user_name, hash, created_at) VALUES (?1, ?2, ?3, ?4)");
  if (!q)
    return q.error();
  q->Bind(1, token.id);
  q->Bind(2, token.user);
  q->Bind(3, token.hash);
  q->Bind(4, token.created_at);
  Status inserted = q->Run();
  switch (q->error_code()) {
    case SQLITE_CONSTRAINT_PRIMARYKEY:
    case SQLITE_CONSTRAINT_UNIQUE:
      return AlreadyExists("token '" + token.id + "' already exists");
    case SQLITE_CONSTRAINT_FOREIGNKEY:
      return sqlite::NoUser(token.user);
    default:
      return inserted;
  }
}

Result<std::optional<ApiToken>> SelectToken(Connection& db, std::string_view hash) {
  Result<Query> q = db.Prepare(
      "SELECT id, user_name, hash, created_at, last_used_at FROM api_tokens WHERE hash = ?1");
  if (!q)
    return q.error();
  q->Bind(1, hash);
  Result<bool> row = q->Step();
  if (!row)
    return row.error();
  if (!*row)
    return std::optional<ApiToken>();
  return std::optional<ApiToken>(ApiToken{.id = q->Text(0),
                                          .user = q->Text(1),
                                          .hash = q->Text(2),
                                          .created_at = q->Text(3),
                                          .last_used_at = q->Text(4)});
}

Status RecordTokenUse(Connection& db, const ApiToken& token, const std::string& now) {
  Result<Query> q = db.Prepare("UPDATE api_tokens SET last_used_at = ?2 WHERE id = ?1");
  if (!q)
    return q.error();
  q->Bind(1, token.id);
  q->Bind(2, now);
  return q->Run();
}

}  // namespace

Status SqliteStore::AddToken(const ApiToken& token) {
  if (token.id.empty())
    return InvalidArgument("API token of user " + token.user + " has no id");
  if (token.hash.empty())
    return InvalidArgument("API token " + token.id + " has no hash");
  std::lock_guard lock(impl_->mu);
  ApiToken row = token;
  if (row.created_at.empty())
    row.created_at = impl_->Now();
  sqlite::DurableScope durable(*impl_->db);
  TRAVET_RETURN_IF_ERROR(durable.Enter());
  return sqlite::RetryWhileBusy([&] { return InsertToken(*impl_->db, row); });
}

Result<std::optional<ApiToken>> SqliteStore::FindTokenByHash(std::string_view hash, TimePoint now) {
  std::lock_guard lock(impl_->mu);
  Result<std::optional<ApiToken>> token = SelectToken(*impl_->db, hash);
  if (!token || !token->has_value())
    return token;
  ApiToken& found = **token;
  if (found.last_used_at.empty() ||
      found.last_used_at <= FormatRfc3339(now - kTokenUseGranularity)) {
    std::string used = FormatRfc3339(now);
    TRAVET_RETURN_IF_ERROR(
        sqlite::RetryWhileBusy([&] { return RecordTokenUse(*impl_->db, found, used); }));
    found.last_used_at = used;
  }
  return token;
}

Result<int> SqliteStore::DeleteTokens(std::string_view user) {
  std::lock_guard lock(impl_->mu);
  Connection& db = *impl_->db;
  sqlite::DurableScope durable(db);
  TRAVET_RETURN_IF_ERROR(durable.Enter());
  return sqlite::RetryWhileBusy([&]() -> Result<int> {
    Result<Query> q = db.Prepare("DELETE FROM api_tokens WHERE user_name = ?1");
    if (!q)
      return q.error();
    q->Bind(1, user);
    TRAVET_RETURN_IF_ERROR(q->Run());
    return sqlite::ChangedRows(db);
  });
}

Result<std::vector<ApiToken>> SqliteStore::ListTokens(std::string_view user) {
  std::lock_guard lock(impl_->mu);
  Connection& db = *impl_->db;
  Result<Query> exists =
      sqlite::RowById(db, "SELECT 1 FROM users WHERE name = ?1", user, sqlite::NoUser(user));
  if (!exists)
    return exists.error();
  Result<Query> q = db.Prepare(
      "SELECT id, user_name, created_at, last_used_at FROM api_tokens WHERE user_name = ?1 "
      "ORDER BY created_at, id");
  if (!q)
    return q.error();
  q->Bind(1, user);
  return sqlite::ReadAll<ApiToken>(*q, [](const Query& row) {
    return ApiToken{.id = row.Text(0),
                    .user = row.Text(1),
                    .created_at = row.Text(2),
                    .last_used_at = row.Text(3)};
  });
}

Status SqliteStore::DeleteToken(std::string_view user, std::string_view id) {
  std::lock_guard lock(impl_->mu);
  Connection& db = *impl_->db;
  sqlite::DurableScope durable(db);
  TRAVET_RETURN_IF_ERROR(durable.Enter());
  return sqlite::RetryWhileBusy([&]() -> Status {
    Result<Query> q = db.Prepare("DELETE FROM api_tokens WHERE user_name = ?1 AND id = ?2");
    if (!q)
      return q.error();
    q->Bind(1, user);
    q->Bind(2, id);
    TRAVET_RETURN_IF_ERROR(q->Run());
    if (sqlite::ChangedRows(db) == 0) {
      return NotFound("user " + EscapeControls(user) + " has no API token '" + EscapeControls(id) +
                      "'");
    }
    return Status::Ok();
  });
}

}  // namespace travet::store
