// SqliteStore: how often operators changed what the bot read, per queue and
// field, from the approved tasks and the "correct" entries of their audit log.
#include <mutex>
#include <string>
#include <vector>

#include "runtime/store/sqlite/sqlite_store.h"
#include "runtime/store/sqlite/sqlite_store_impl.h"

namespace travet::store {
namespace {

using sqlite::Query;

// One row per (task, field) of the approved tasks, with whether an operator
// corrected that field (once or more: a four-eyes task counts once), then
// grouped. ?1 queue or NULL, ?2 the earliest decision time or NULL.
constexpr std::string_view kStatsSql = R"sql(
WITH judged AS (
  SELECT t.queue AS queue, f.key AS field, t.sampled AS sampled,
         EXISTS (SELECT 1 FROM audit_log a
                 WHERE a.task_id = t.id AND a.action = 'correct' AND a.field = f.key) AS changed
  FROM review_tasks t, json_each(t.fields) f
  WHERE t.state = 'approved'
    AND (?1 IS NULL OR t.queue = ?1)
    AND (?2 IS NULL OR t.decided_at >= ?2)
)
SELECT queue, field, COUNT(*), SUM(changed), SUM(sampled), SUM(sampled AND changed)
FROM judged GROUP BY queue, field ORDER BY queue, field
)sql";

FieldStats ReadStats(const Query& q) {
  return {q.Text(0), q.Text(1), q.Int(2), q.Int(3), q.Int(4), q.Int(5)};
}

}  // namespace

Result<std::vector<FieldStats>> SqliteStore::ReviewStats(const StatsFilter& filter) {
  std::lock_guard lock(impl_->mu);
  Result<Query> q = impl_->db->Prepare(kStatsSql);
  if (!q)
    return q.error();
  if (filter.queue)
    q->Bind(1, *filter.queue);
  else
    q->BindNull(1);
  q->BindOrNull(2, filter.since);
  return sqlite::ReadAll<FieldStats>(*q, [](Query& row) { return ReadStats(row); });
}

}  // namespace travet::store
