// Counts for monitoring (store.h, "Counts for monitoring"): one GROUP BY
// each, read by the server at every scrape of /metrics.
#include <mutex>

#include "runtime/store/sqlite/connection.h"
#include "runtime/store/sqlite/sqlite_store.h"
#include "runtime/store/sqlite/sqlite_store_impl.h"

namespace travet::store {
namespace {

// A state the table's CHECK admits but this build does not know would be a
// newer build's store: said as the other reads of rows say it.
Status UnknownState(const std::string& path, std::string_view table, const std::string& state) {
  return Internal("sqlite " + path + ": " + std::string(table) + " has an unknown state '" + state +
                  "'");
}

}  // namespace

// A scan of the runs table (no index holds both bot and state): a scrape
// every 15 s reads it as a list of runs does.
Result<std::vector<RunCount>> SqliteStore::CountRuns() {
  std::lock_guard lock(impl_->mu);
  sqlite::Connection& db = *impl_->db;
  Result<sqlite::Query> q =
      db.Prepare("SELECT bot, state, count(*) FROM runs GROUP BY bot, state ORDER BY bot, state");
  if (!q)
    return q.error();
  return sqlite::ReadAll<RunCount>(*q, [&db](sqlite::Query& row) -> Result<RunCount> {
    std::optional<RunState> state = ParseRunState(row.Text(1));
    if (!state)
      return UnknownState(db.path(), "runs", row.Text(1));
    return RunCount{row.Text(0), *state, row.Int(2)};
  });
}

// Read from the work_items_by_state index (run_id, state), which covers it.
Result<std::vector<ItemCount>> SqliteStore::CountItems() {
  std::lock_guard lock(impl_->mu);
  sqlite::Connection& db = *impl_->db;
  Result<sqlite::Query> q =
      db.Prepare("SELECT state, count(*) FROM work_items GROUP BY state ORDER BY state");
  if (!q)
    return q.error();
  return sqlite::ReadAll<ItemCount>(*q, [&db](sqlite::Query& row) -> Result<ItemCount> {
    std::optional<ItemState> state = ParseItemState(row.Text(0));
    if (!state)
      return UnknownState(db.path(), "work_items", row.Text(0));
    return ItemCount{*state, row.Int(1)};
  });
}

// Read from the review_tasks_by_queue index (queue, state, priority,
// created_at), which covers it. A claim whose lease lapsed is still open.
Result<std::vector<QueueBacklog>> SqliteStore::CountOpenTasks() {
  std::lock_guard lock(impl_->mu);
  Result<sqlite::Query> q = impl_->db->Prepare(
      "SELECT queue, sum(state IN ('pending', 'claimed')), "
      "min(CASE WHEN state IN ('pending', 'claimed') THEN created_at END) "
      "FROM review_tasks GROUP BY queue ORDER BY queue");
  if (!q)
    return q.error();
  return sqlite::ReadAll<QueueBacklog>(*q, [](sqlite::Query& row) {
    return QueueBacklog{row.Text(0), row.Int(1), row.Text(2)};
  });
}

}  // namespace travet::store
