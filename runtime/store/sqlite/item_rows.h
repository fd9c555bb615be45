#pragma once

#include <string>
#include <string_view>

#include "runtime/core/result.h"
#include "runtime/store/sqlite/connection.h"
#include "runtime/store/work_item.h"

namespace travet::store::sqlite {

// The columns of `work_items` that ReadItem reads, in its order.
extern const char* const kItemColumns;

// Inserts or replaces one item of `run_id`; the caller holds the lock and a
// transaction. kNotFound when the run does not exist.
Status UpsertItem(Connection& db, std::string_view run_id, const WorkItem& item);

// The item in the current row of a query over kItemColumns, starting at
// column `first`; kInternal for an unreadable row of the store at `path`.
Result<WorkItem> ReadItemFrom(const Query& q, int first, const std::string& path,
                              std::string_view run_id);
Result<WorkItem> ReadItem(const Query& q, const std::string& path, std::string_view run_id);

// The stored item of `run_id` at (which.loop_path, which.index); kNotFound
// "no work item each[3] of run r-1" when there is none.
Result<WorkItem> SelectItem(Connection& db, std::string_view run_id, const WorkItem& which);

// Ok unless `item` came of a claim (claims > 0) that is no longer the
// current one: another executor took the item since (its lease lapsed).
Status CheckItemClaim(Connection& db, std::string_view run_id, const WorkItem& item);

}  // namespace travet::store::sqlite
