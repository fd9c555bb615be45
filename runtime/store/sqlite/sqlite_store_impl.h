#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "runtime/core/clock.h"
#include "runtime/store/sqlite/connection.h"
#include "runtime/store/sqlite/sqlite_store.h"

namespace travet::store {

// The state behind a SqliteStore, shared by the files that implement its
// methods (sqlite_store.cc and run_*.cc for runs, review_*.cc for review tasks,
// users.cc, api_tokens.cc, sessions.cc and login_failures.cc for logins). Every
// method takes `mu` for its whole duration: the connection is not
// thread-safe.
struct SqliteStore::Impl {
  Impl(std::unique_ptr<sqlite::Connection> connection, Clock& clock)
      : db(std::move(connection)), clock(clock) {}

  std::string Now() const { return FormatRfc3339(clock.Now()); }
  Status CheckMove(std::string_view id, RunState from, RunState to);
  Status ApplyMove(std::string_view id, RunState to, std::string_view error);
  // Ok when run `id` is running with `attempt`; the refusal of a stale
  // executor otherwise (store.h, RenewLease). Inside the caller's transaction.
  Status CheckAttempt(std::string_view id, int attempt);
  // Moves run `id` to running for `lease` (attempt + 1) and commits the
  // caller's `transaction`: the claimed run as stored; run_leases.cc.
  Result<RunRecord> ClaimAndCommit(sqlite::Transaction& transaction, std::string_view id,
                                   const LeaseTerms& lease);

  // Writes each of `rows` with `write(row)` in one transaction, fenced by
  // `attempt` as CheckAttempt (0: unfenced), checked inside the transaction
  // so that no claim slips in between. Takes `mu`.
  template <typename Row, typename Write>
  Status WriteFenced(std::string_view run_id, const std::vector<Row>& rows, int attempt,
                     const Write& write) {
    if (rows.empty())
      return Status::Ok();
    std::lock_guard lock(mu);
    sqlite::Transaction transaction(*db);
    TRAVET_RETURN_IF_ERROR(transaction.Begin());
    if (attempt > 0)
      TRAVET_RETURN_IF_ERROR(CheckAttempt(run_id, attempt));
    for (const Row& row : rows)
      TRAVET_RETURN_IF_ERROR(write(row));
    return transaction.Commit();
  }

  std::mutex mu;
  std::unique_ptr<sqlite::Connection> db;
  Clock& clock;
};

}  // namespace travet::store
