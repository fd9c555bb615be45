#include "runtime/store/sqlite/migrations.h"

#include <array>
#include <string>

namespace travet::store::sqlite {
namespace {

// Version 1. Timestamps are RFC 3339 UTC text with milliseconds, so text order
// is time order; JSON is stored as text. Events use the rowid as `seq`.
constexpr std::string_view kV1 = R"sql(
CREATE TABLE runs (
  id          TEXT PRIMARY KEY NOT NULL,
  bot         TEXT NOT NULL,
  bot_file    TEXT NOT NULL DEFAULT '',
  inputs      TEXT NOT NULL DEFAULT 'null',
  state       TEXT NOT NULL CHECK (state IN ('queued', 'running', 'waiting_review',
                                             'succeeded', 'failed', 'cancelled')),
  created_at  TEXT NOT NULL,
  started_at  TEXT,
  finished_at TEXT,
  error       TEXT,
  attempt     INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX runs_by_created ON runs (created_at);
CREATE INDEX runs_by_bot ON runs (bot, created_at);
CREATE INDEX runs_by_state ON runs (state, created_at);

CREATE TABLE checkpoints (
  run_id      TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  step_path   TEXT NOT NULL,
  output      TEXT NOT NULL DEFAULT 'null',
  status      TEXT NOT NULL CHECK (status IN ('succeeded', 'failed', 'skipped')),
  attempts    INTEGER NOT NULL DEFAULT 1,
  duration_ms INTEGER NOT NULL DEFAULT 0,
  error       TEXT,
  saved_at    TEXT NOT NULL,
  PRIMARY KEY (run_id, step_path)
);

CREATE TABLE events (
  seq       INTEGER PRIMARY KEY,
  run_id    TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  time      TEXT NOT NULL,
  level     TEXT NOT NULL,
  step_path TEXT NOT NULL DEFAULT '',
  message   TEXT NOT NULL
);
CREATE INDEX events_by_run ON events (run_id, seq);
)sql";

constexpr std::array<std::string_view, 1> kMigrations = {kV1};

Result<long long> UserVersion(Connection& db) {
  Result<Query> query = db.Prepare("PRAGMA user_version");
  if (!query)
    return query.error();
  Result<bool> row = query->Step();
  if (!row)
    return row.error();
  return *row ? query->Int(0) : 0;
}

}  // namespace

std::span<const std::string_view> Migrations() { return kMigrations; }

Status Migrate(Connection& db) {
  const long long newest = static_cast<long long>(kMigrations.size());
  // A plain read first: opening an up-to-date store never waits for the
  // write lock another process may hold.
  Result<long long> version = UserVersion(db);
  if (!version)
    return version.error();
  if (*version == newest)
    return Status::Ok();
  Transaction transaction(db);
  TRAVET_RETURN_IF_ERROR(transaction.Begin());
  version = UserVersion(db);  // another process may have migrated meanwhile
  if (!version)
    return version.error();
  if (*version > newest) {
    return FailedPrecondition("store " + db.path() + " has schema version " +
                              std::to_string(*version) + "; this build knows up to " +
                              std::to_string(newest));
  }
  for (long long i = *version; i < newest; ++i) {
    TRAVET_RETURN_IF_ERROR(db.Exec(std::string(kMigrations[i]).c_str()));
  }
  // PRAGMA takes no bound parameters; the number is ours, not user input.
  TRAVET_RETURN_IF_ERROR(db.Exec(("PRAGMA user_version = " + std::to_string(newest)).c_str()));
  return transaction.Commit();
}

}  // namespace travet::store::sqlite
