#include "runtime/store/sqlite/connection.h"

#include <sqlite3.h>

#include <utility>

namespace travet::store::sqlite {
namespace {

constexpr int kBusyTimeoutMs = 5000;

// Each WAL checkpoint syncs the database file; at the default of 1000 pages
// those syncs halve the rate of checkpoint saves. 10000 pages (about 40 MB
// of WAL at most) keeps them rare; the WAL is reused, not grown, afterwards.
constexpr const char* kSettings =
    "PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL; PRAGMA wal_autocheckpoint=10000";

StatusCode CodeFor(int rc) {
  switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return StatusCode::kUnavailable;
    case SQLITE_CANTOPEN:
    case SQLITE_IOERR:
    case SQLITE_FULL:
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
    case SQLITE_READONLY:
    case SQLITE_PERM:
      return StatusCode::kIoError;
    case SQLITE_CONSTRAINT:
      return StatusCode::kFailedPrecondition;
    default:
      return StatusCode::kInternal;
  }
}

// A "file:" URI for `path` (its %, ? and # escaped) that opens it read-only,
// as an immutable file in kSnapshot mode.
std::string FileUri(const std::string& path, OpenMode mode) {
  std::string uri = "file:";
  for (char c : path) {
    if (c == '%' || c == '?' || c == '#') {
      static constexpr char kHex[] = "0123456789ABCDEF";
      uri += '%';
      uri += kHex[static_cast<unsigned char>(c) >> 4];
      uri += kHex[static_cast<unsigned char>(c) & 0xf];
    } else {
      uri += c;
    }
  }
  return uri + (mode == OpenMode::kSnapshot ? "?mode=ro&immutable=1" : "?mode=ro");
}

}  // namespace

Status SqliteError(int rc, std::string_view message, const std::string& path) {
  return Status(CodeFor(rc), "sqlite " + path + ": " + std::string(message));
}

Query::Query(Query&& other) noexcept
    : stmt_(std::exchange(other.stmt_, nullptr)),
      path_(other.path_),
      error_code_(other.error_code_) {}

Query::~Query() {
  if (stmt_ == nullptr)
    return;
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

void Query::Bind(int index, std::string_view text) {
  sqlite3_bind_text64(stmt_, index, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
}

void Query::BindOrNull(int index, std::string_view text) {
  if (text.empty()) {
    BindNull(index);
  } else {
    Bind(index, text);
  }
}

void Query::Bind(int index, long long number) {
  sqlite3_bind_int64(stmt_, index, number);
}

void Query::BindNull(int index) {
  sqlite3_bind_null(stmt_, index);
}

Result<bool> Query::Step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW)
    return true;
  if (rc == SQLITE_DONE)
    return false;
  // The extended code (e.g. SQLITE_CONSTRAINT_PRIMARYKEY) lets callers tell
  // a duplicate id from a missing parent row.
  error_code_ = sqlite3_extended_errcode(sqlite3_db_handle(stmt_));
  return SqliteError(error_code_, sqlite3_errmsg(sqlite3_db_handle(stmt_)), *path_);
}

Status Query::Run() {
  while (true) {
    Result<bool> row = Step();
    if (!row)
      return row.error();
    if (!*row)
      return Status::Ok();
  }
}

std::string Query::Text(int column) const {
  const unsigned char* text = sqlite3_column_text(stmt_, column);
  if (text == nullptr)
    return {};
  return std::string(reinterpret_cast<const char*>(text),
                     static_cast<size_t>(sqlite3_column_bytes(stmt_, column)));
}

long long Query::Int(int column) const {
  return sqlite3_column_int64(stmt_, column);
}

Result<std::unique_ptr<Connection>> Connection::Open(const std::string& path, OpenMode mode) {
  sqlite3* db = nullptr;
  // NOMUTEX: the owning store serialises every call with its own mutex.
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
  std::string name = path;
  if (mode != OpenMode::kReadWrite) {
    flags = SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX;
    name = FileUri(path, mode);
  }
  int rc = sqlite3_open_v2(name.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string message = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    sqlite3_close(db);
    return Status(CodeFor(rc), "cannot open store " + path + ": " + message);
  }
  std::unique_ptr<Connection> connection(new Connection(db, path));
  Status configured = connection->Configure(mode);
  if (!configured.ok())
    return configured;
  return connection;
}

// The first statement that reads the file is a pragma, so a file that is not
// a database fails here, before any migration runs.
Status Connection::Configure(OpenMode open_mode) {
  auto fail = [this](std::string_view message) {
    return Status(CodeFor(sqlite3_errcode(db_)),
                  "cannot open store " + path_ + ": " + std::string(message));
  };
  sqlite3_extended_result_codes(db_, 1);
  sqlite3_busy_timeout(db_, kBusyTimeoutMs);
  // Asking for WAL is a write unless the file is in WAL mode already; a
  // read-only connection reads the schema version instead.
  const bool writes = open_mode == OpenMode::kReadWrite;
  std::string journal;
  {
    Result<Query> mode = Prepare(writes ? "PRAGMA journal_mode=WAL" : "PRAGMA schema_version");
    if (!mode)
      return fail(sqlite3_errmsg(db_));
    Result<bool> row = mode->Step();
    if (!row)
      return fail(sqlite3_errmsg(db_));
    journal = *row ? mode->Text(0) : std::string();
  }
  if (!writes)
    return Status::Ok();
  // SQLite opens a file it may not write read-only without a word; the
  // command would fail only at its first write, perhaps after a side effect.
  if (sqlite3_db_readonly(db_, "main") == 1) {
    return IoError("cannot open store " + path_ +
                   " for writing: the file is read-only here (commands that only read, such as "
                   "`travet runs list`, can still read it)");
  }
  if (journal != "wal") {
    return IoError("cannot open store " + path_ + ": WAL journal mode not available (got '" +
                   journal + "')");
  }
  if (sqlite3_exec(db_, kSettings, nullptr, nullptr, nullptr) != SQLITE_OK) {
    return fail(sqlite3_errmsg(db_));
  }
  return Status::Ok();
}

Connection::~Connection() {
  for (auto& [sql, stmt] : statements_)
    sqlite3_finalize(stmt);
  sqlite3_close(db_);
}

Status Connection::Exec(const char* sql) {
  char* message = nullptr;
  int rc = sqlite3_exec(db_, sql, nullptr, nullptr, &message);
  if (rc == SQLITE_OK)
    return Status::Ok();
  Status status = SqliteError(rc, message != nullptr ? message : sqlite3_errstr(rc), path_);
  sqlite3_free(message);
  return status;
}

long long Connection::changes() const {
  return sqlite3_changes64(db_);
}

Result<Query> Connection::Prepare(std::string_view sql) {
  auto found = statements_.find(sql);
  if (found != statements_.end())
    return Query(found->second, &path_);
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                              SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
  if (rc != SQLITE_OK)
    return SqliteError(rc, sqlite3_errmsg(db_), path_);
  statements_.emplace(std::string(sql), stmt);
  return Query(stmt, &path_);
}

Transaction::~Transaction() {
  if (open_)
    (void)db_.Exec("ROLLBACK");
}

Status Transaction::Begin() {
  TRAVET_RETURN_IF_ERROR(db_.Exec("BEGIN IMMEDIATE"));
  open_ = true;
  return Status::Ok();
}

Status Transaction::Commit() {
  TRAVET_RETURN_IF_ERROR(db_.Exec("COMMIT"));
  open_ = false;
  return Status::Ok();
}

// The pragmas go through cached statements: decisions and transitions run
// them on every write.
DurableScope::~DurableScope() {
  if (!on_)
    return;
  Result<Query> normal = db_.Prepare("PRAGMA synchronous=NORMAL");
  if (normal)
    (void)normal->Run();
}

Status DurableScope::Enter() {
  Result<Query> full = db_.Prepare("PRAGMA synchronous=FULL");
  if (!full)
    return full.error();
  TRAVET_RETURN_IF_ERROR(full->Run());
  on_ = true;
  return Status::Ok();
}

Result<Query> RowById(Connection& db, const std::string& sql, std::string_view id,
                      const Status& missing) {
  Result<Query> q = db.Prepare(sql);
  if (!q)
    return q.error();
  q->Bind(1, id);
  Result<bool> row = q->Step();
  if (!row)
    return row.error();
  if (!*row)
    return missing;
  return q;
}

}  // namespace travet::store::sqlite
