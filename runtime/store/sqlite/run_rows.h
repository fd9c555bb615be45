#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "runtime/core/result.h"
#include "runtime/store/sqlite/connection.h"
#include "runtime/store/store.h"

namespace travet::store::sqlite {

// The columns of `runs` that ReadRun reads, in its order.
inline constexpr std::string_view kRunColumns =
    "id, bot, bot_file, inputs, state, created_at, started_at, finished_at, error, attempt, "
    "lease_owner, lease_until, work_dir";

// kNotFound "no run 'ID'".
Status NoRun(std::string_view id);

// The run in the current row of a query over kRunColumns; kInternal for an
// unreadable row of the store at `path`.
Result<RunRecord> ReadRun(const Query& q, const std::string& path);
// Every run a query over kRunColumns returns.
Result<std::vector<RunRecord>> ReadRuns(Query& q, const std::string& path);
// The run `id` read on `db` (inside the caller's transaction); NoRun when
// there is none.
Result<RunRecord> SelectRun(Connection& db, std::string_view id);

// Inserts `run` as queued (Store::CreateRun), created at `now` when it has
// no created_at. kAlreadyExists "run 'ID' already exists".
Status InsertRun(Connection& db, const RunRecord& run, const std::string& now);

}  // namespace travet::store::sqlite
