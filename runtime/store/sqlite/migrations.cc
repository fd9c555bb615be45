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

// Version 2: review tasks and their audit log. The audit log is append-only:
// triggers refuse every UPDATE, DELETE and REPLACE of its rows, so not even a
// bug in this code can rewrite who decided what. It has no foreign key to its task,
// so the history outlives the task.
constexpr std::string_view kV2 = R"sql(
CREATE TABLE review_tasks (
  id                 TEXT PRIMARY KEY NOT NULL,
  run_id             TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  step_path          TEXT NOT NULL,
  queue              TEXT NOT NULL,
  document           TEXT NOT NULL DEFAULT '',
  page               INTEGER NOT NULL DEFAULT 0,
  fields             TEXT NOT NULL DEFAULT '{}',
  instructions       TEXT NOT NULL DEFAULT '',
  priority           INTEGER NOT NULL DEFAULT 0,
  due_at             TEXT,
  state              TEXT NOT NULL CHECK (state IN ('pending', 'claimed', 'approved',
                                                    'rejected', 'expired')),
  claimed_by         TEXT,
  lease_until        TEXT,
  decision_fields    TEXT NOT NULL DEFAULT '{}',
  decided_by         TEXT,
  decided_at         TEXT,
  reason             TEXT,
  sampled            INTEGER NOT NULL DEFAULT 0,
  approvals_required INTEGER NOT NULL DEFAULT 1 CHECK (approvals_required IN (1, 2)),
  first_approver     TEXT,
  created_at         TEXT NOT NULL,
  UNIQUE (run_id, step_path)
);
CREATE INDEX review_tasks_by_queue ON review_tasks (queue, state, priority DESC, created_at);
CREATE INDEX review_tasks_by_state ON review_tasks (state, priority DESC, created_at);

CREATE TABLE audit_log (
  seq       INTEGER PRIMARY KEY,
  task_id   TEXT NOT NULL,
  time      TEXT NOT NULL,
  actor     TEXT NOT NULL,
  action    TEXT NOT NULL,
  field     TEXT,
  old_value TEXT,
  new_value TEXT,
  note      TEXT
);
CREATE INDEX audit_log_by_task ON audit_log (task_id, seq);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
-- INSERT OR REPLACE deletes without firing delete triggers.
CREATE TRIGGER audit_log_no_replace BEFORE INSERT ON audit_log
WHEN EXISTS (SELECT 1 FROM audit_log WHERE seq = NEW.seq)
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
)sql";

// Version 3: runs carry a lease (who executes them, until when) and the
// folder their file actions are beneath, so any worker can take a run over;
// review tasks can expire and be escalated.
constexpr std::string_view kV3 = R"sql(
ALTER TABLE runs ADD COLUMN lease_owner TEXT;
ALTER TABLE runs ADD COLUMN lease_until TEXT;
ALTER TABLE runs ADD COLUMN work_dir TEXT NOT NULL DEFAULT '';
CREATE INDEX runs_by_lease ON runs (state, lease_until);
ALTER TABLE review_tasks ADD COLUMN expires_at TEXT;
ALTER TABLE review_tasks ADD COLUMN escalated_at TEXT;
ALTER TABLE review_tasks ADD COLUMN escalate_to TEXT;
)sql";

// Version 4: a checkpoint whose output was stored with a secret masked, of a
// step without side effects, is run again on resume to get the value back.
constexpr std::string_view kV4 = R"sql(
ALTER TABLE checkpoints ADD COLUMN rederive INTEGER NOT NULL DEFAULT 0;
)sql";

// Version 5: the work items of loops with `items: true`, each with its own
// state, so that a batch reports per document and one review holds up no
// other item.
constexpr std::string_view kV5 = R"sql(
CREATE TABLE work_items (
  run_id      TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  loop_path   TEXT NOT NULL,
  idx         INTEGER NOT NULL,
  key         TEXT NOT NULL,
  state       TEXT NOT NULL CHECK (state IN ('pending', 'running', 'waiting_review',
                                             'succeeded', 'failed')),
  attempts    INTEGER NOT NULL DEFAULT 0,
  retries     INTEGER NOT NULL DEFAULT 0,
  error       TEXT,
  outcome     TEXT,
  output      TEXT NOT NULL DEFAULT 'null',
  started_at  TEXT,
  finished_at TEXT,
  PRIMARY KEY (run_id, loop_path, idx)
);
CREATE INDEX work_items_by_state ON work_items (run_id, state);
)sql";

// Version 6: a loop with `unique: true` looks up who holds a key over all
// runs of a bot (Store::TakeItemKey).
constexpr std::string_view kV6 = R"sql(
CREATE INDEX work_items_by_key ON work_items (key, loop_path);
)sql";

// Version 7: work items are claimed one at a time, by the run's holder or by
// any worker (Store::ClaimItem), with a lease and a fencing count.
constexpr std::string_view kV7 = R"sql(
ALTER TABLE work_items ADD COLUMN owner TEXT;
ALTER TABLE work_items ADD COLUMN lease_until TEXT;
ALTER TABLE work_items ADD COLUMN claims INTEGER NOT NULL DEFAULT 0;
ALTER TABLE work_items ADD COLUMN claimed_in INTEGER NOT NULL DEFAULT 0;
CREATE INDEX work_items_claimable ON work_items (run_id, state, loop_path, idx);
)sql";

// Version 8: users of the server, their API tokens and browser sessions,
// and failed logins for throttling. Tokens and session ids are stored only as
// their SHA-256 (hex); passwords as Argon2id strings. Failed logins name the
// user that was tried, which need not exist, so they have no foreign key.
constexpr std::string_view kV8 = R"sql(
CREATE TABLE users (
  name                TEXT PRIMARY KEY NOT NULL,
  role                TEXT NOT NULL CHECK (role IN ('operator', 'developer', 'admin')),
  queues              TEXT NOT NULL DEFAULT '[]',
  disabled            INTEGER NOT NULL DEFAULT 0,
  password_hash       TEXT NOT NULL,
  created_at          TEXT NOT NULL,
  password_changed_at TEXT NOT NULL
);

CREATE TABLE api_tokens (
  id           TEXT PRIMARY KEY NOT NULL,
  user_name    TEXT NOT NULL REFERENCES users (name) ON DELETE CASCADE,
  hash         TEXT NOT NULL UNIQUE,
  created_at   TEXT NOT NULL,
  last_used_at TEXT
);
CREATE INDEX api_tokens_by_user ON api_tokens (user_name);

CREATE TABLE sessions (
  id_hash      TEXT PRIMARY KEY NOT NULL,
  user_name    TEXT NOT NULL REFERENCES users (name) ON DELETE CASCADE,
  csrf_token   TEXT NOT NULL,
  created_at   TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  expires_at   TEXT NOT NULL
);
CREATE INDEX sessions_by_user ON sessions (user_name);
CREATE INDEX sessions_by_expiry ON sessions (expires_at);

CREATE TABLE login_failures (
  seq       INTEGER PRIMARY KEY,
  user_name TEXT NOT NULL,
  address   TEXT NOT NULL,
  time      TEXT NOT NULL
);
CREATE INDEX login_failures_by_user ON login_failures (user_name, time);
CREATE INDEX login_failures_by_time ON login_failures (time);
)sql";

// Version 9: the fires of schedules. The primary key is the promise that of
// several servers on one store only one starts a fire.
constexpr std::string_view kV9 = R"sql(
CREATE TABLE fires (
  bot         TEXT NOT NULL,
  trigger_key TEXT NOT NULL,
  fire_time   TEXT NOT NULL,
  run_id      TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  PRIMARY KEY (bot, trigger_key, fire_time)
);
)sql";

// Version 10: pauses of schedules' triggers, kept in the store so that every
// server on it honours them and they outlive a restart. One row per trigger,
// its latest pause: paused while resumed_at is NULL. resumed_at also tells
// the catch-up after a restart that the fires before it are not missed.
constexpr std::string_view kV10 = R"sql(
CREATE TABLE trigger_pauses (
  bot         TEXT NOT NULL,
  trigger_key TEXT NOT NULL,
  paused_by   TEXT NOT NULL,
  paused_at   TEXT NOT NULL,
  resumed_by  TEXT,
  resumed_at  TEXT,
  PRIMARY KEY (bot, trigger_key)
);
)sql";

// Version 11: idempotency keys of run requests (a webhook's
// Idempotency-Key, Store::CreateRunOnce): a key names the run it started
// for a while (24 hours for the API); older keys are deleted by time.
constexpr std::string_view kV11 = R"sql(
CREATE TABLE run_keys (
  bot        TEXT NOT NULL,
  key        TEXT NOT NULL,
  run_id     TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (bot, key)
);
CREATE INDEX run_keys_by_time ON run_keys (created_at);
)sql";

constexpr std::array<std::string_view, 11> kMigrations = {kV1, kV2, kV3, kV4,  kV5, kV6,
                                                          kV7, kV8, kV9, kV10, kV11};

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

std::span<const std::string_view> Migrations() {
  return kMigrations;
}

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

Status CheckCurrent(Connection& db) {
  const long long newest = static_cast<long long>(kMigrations.size());
  Result<long long> version = UserVersion(db);
  if (!version)
    return version.error();
  if (*version == newest)
    return Status::Ok();
  return FailedPrecondition("store " + db.path() + " has schema version " +
                            std::to_string(*version) + " and is read-only here; this build reads " +
                            std::to_string(newest) +
                            " (a command that writes, run where the store can be written, "
                            "brings it up to date)");
}

}  // namespace travet::store::sqlite
