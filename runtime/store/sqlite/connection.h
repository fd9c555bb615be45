#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "runtime/core/result.h"

// Plain C handles; only connection.cc includes <sqlite3.h>.
struct sqlite3;
struct sqlite3_stmt;

namespace travet::store::sqlite {

// One execution of a cached prepared statement. Binds parameters (1-based),
// steps, reads columns (0-based); resets the statement and clears its
// bindings when it goes away, so the statement holds no lock afterwards.
// Not thread-safe: used under the owning connection's lock.
class Query {
 public:
  Query(sqlite3_stmt* stmt, const std::string* path) : stmt_(stmt), path_(path) {}
  Query(Query&& other) noexcept;
  Query& operator=(Query&&) = delete;
  ~Query();

  void Bind(int index, std::string_view text);
  // Binds NULL when `text` is empty.
  void BindOrNull(int index, std::string_view text);
  void Bind(int index, long long number);
  void BindNull(int index);

  // Runs to the next row: true when there is one, false when done.
  Result<bool> Step();
  // Runs to the end, ignoring rows.
  Status Run();
  // The extended SQLite result code of the last failed Step (e.g.
  // SQLITE_CONSTRAINT_PRIMARYKEY), so callers can word known failures.
  int error_code() const { return error_code_; }

  // The column as text; empty for NULL.
  std::string Text(int column) const;
  long long Int(int column) const;

 private:
  sqlite3_stmt* stmt_;
  const std::string* path_;
  int error_code_ = 0;
};

// An open SQLite database file with its prepared statements. Not
// thread-safe: the owner serialises calls.
// Reads every row of `q` with `read_row`, a callable taking the Query and
// returning Result<T> (or T) for the current row; the first error ends it.
template <typename T, typename ReadRow>
Result<std::vector<T>> ReadAll(Query& q, ReadRow read_row) {
  std::vector<T> rows;
  while (true) {
    Result<bool> row = q.Step();
    if (!row)
      return row.error();
    if (!*row)
      return rows;
    Result<T> value = read_row(q);
    if (!value)
      return value.error();
    rows.push_back(std::move(*value));
  }
}

// How a connection opens its file. kReadOnly reads a store this process
// cannot write (the file or its folder is read-only); kSnapshot also when the
// folder is read-only, where SQLite cannot make the -shm file readers of a
// WAL database share: the file is read as it is (SQLite's immutable=1), and
// what is only in a -wal file is not seen.
enum class OpenMode { kReadWrite, kReadOnly, kSnapshot };

class Connection {
 public:
  // Opens (creating when missing) the database at `path` in WAL mode with a
  // busy timeout, foreign keys on and synchronous=NORMAL; read-only modes
  // neither create the file nor change its journal mode. Errors read
  // "cannot open store PATH: <sqlite message>".
  static Result<std::unique_ptr<Connection>> Open(const std::string& path,
                                                  OpenMode mode = OpenMode::kReadWrite);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Runs one or more SQL statements that return no rows the caller needs.
  Status Exec(const char* sql);
  // A query on the statement for `sql`, prepared once per connection.
  Result<Query> Prepare(std::string_view sql);

  const std::string& path() const { return path_; }
  // How many rows the last INSERT, UPDATE or DELETE that finished changed.
  long long changes() const;

 private:
  Connection(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  Status Configure(OpenMode mode);

  sqlite3* db_;
  std::string path_;
  // Transparent, so a lookup by string_view allocates nothing.
  struct SqlHash {
    using is_transparent = void;
    size_t operator()(std::string_view sql) const { return std::hash<std::string_view>()(sql); }
  };
  std::unordered_map<std::string, sqlite3_stmt*, SqlHash, std::equal_to<>> statements_;
};

// Begins a BEGIN IMMEDIATE transaction (taking the write lock at once, waiting
// up to the busy timeout) and rolls it back unless Commit() succeeded.
class Transaction {
 public:
  explicit Transaction(Connection& db) : db_(db) {}
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  Status Begin();
  Status Commit();

 private:
  Connection& db_;
  bool open_ = false;
};

// Switches the connection to synchronous=FULL for the writes made while it
// lives, so once they commit they survive a power loss; back to NORMAL when
// it goes away.
class DurableScope {
 public:
  explicit DurableScope(Connection& db) : db_(db) {}
  ~DurableScope();
  DurableScope(const DurableScope&) = delete;
  DurableScope& operator=(const DurableScope&) = delete;

  Status Enter();

 private:
  Connection& db_;
  bool on_ = false;
};

// Whether `result` failed because another connection held the write lock
// past the busy timeout.
inline bool IsBusy(const Status& result) {
  return result.code() == StatusCode::kUnavailable;
}
template <typename T>
bool IsBusy(const Result<T>& result) {
  return IsBusy(result.status());
}

// Runs `write` (one whole transaction, so a failed try left nothing behind)
// until it is not refused as busy, at most `tries` times: with a 5 s busy
// timeout per try, a caller sees "database is locked" only after 20 s of
// contention.
template <typename Write>
auto RetryWhileBusy(Write&& write, int tries = 4) {
  auto result = write();
  for (int i = 1; i < tries && IsBusy(result); ++i)
    result = write();
  return result;
}

// Runs `sql`, whose ?1 is bound to `id`, and steps to its first row, which the
// returned query then holds; `missing` when there is no row.
Result<Query> RowById(Connection& db, const std::string& sql, std::string_view id,
                      const Status& missing);

// The Status for a failed SQLite call with result code `rc`:
// "sqlite PATH: <message>"; busy/locked is kUnavailable (retryable).
Status SqliteError(int rc, std::string_view message, const std::string& path);

}  // namespace travet::store::sqlite
