// SqliteStore: claiming, releasing and deciding review tasks. Each change is
// one BEGIN IMMEDIATE transaction that reads the task, applies the rules of
// review_rules.h and writes the task with its audit entries, so of several
// connections (threads or processes) racing on one task each sees the
// outcome of the ones before.
#include <functional>
#include <mutex>
#include <vector>

#include "runtime/store/review_rules.h"
#include "runtime/store/sqlite/review_rows.h"
#include "runtime/store/sqlite/sqlite_store.h"
#include "runtime/store/sqlite/sqlite_store_impl.h"

namespace travet::store {
namespace {

using sqlite::Connection;
using Rule = std::function<Result<std::vector<AuditEntry>>(ReviewTask&)>;

enum class Sync { kNormal, kFull };

Result<ReviewTask> ChangeTaskOnce(Connection& db, std::string_view id, const Rule& rule,
                                  Sync sync) {
  // Declared before the transaction, so FULL is still on at COMMIT.
  sqlite::DurableScope durable(db);
  if (sync == Sync::kFull)
    TRAVET_RETURN_IF_ERROR(durable.Enter());
  sqlite::Transaction transaction(db);
  TRAVET_RETURN_IF_ERROR(transaction.Begin());
  Result<ReviewTask> task = sqlite::LoadTask(db, id);
  if (!task)
    return task.error();
  Result<std::vector<AuditEntry>> entries = rule(*task);
  if (!entries)
    return entries.error();
  TRAVET_RETURN_IF_ERROR(sqlite::SaveTaskState(db, *task));
  TRAVET_RETURN_IF_ERROR(sqlite::AppendAudit(db, *entries));
  TRAVET_RETURN_IF_ERROR(transaction.Commit());
  return task;
}

// A busy database is waited out here, never reported: an operator must see
// either the decision or who else made it.
Result<ReviewTask> ChangeTask(Connection& db, std::string_view id, const Rule& rule, Sync sync) {
  return sqlite::RetryWhileBusy([&] { return ChangeTaskOnce(db, id, rule, sync); });
}

}  // namespace

// A lost claim costs an operator a click, so claims commit with NORMAL.
Result<ReviewTask> SqliteStore::ClaimTask(std::string_view id, std::string_view actor,
                                          TimePoint now, Millis lease) {
  std::lock_guard lock(impl_->mu);
  Rule claim = [&](ReviewTask& task) { return ApplyClaim(task, actor, now, lease); };
  return ChangeTask(*impl_->db, id, claim, Sync::kNormal);
}

Status SqliteStore::ReleaseTask(std::string_view id, std::string_view actor, TimePoint now) {
  std::lock_guard lock(impl_->mu);
  Rule release = [&](ReviewTask& task) { return ApplyRelease(task, actor, now); };
  return ChangeTask(*impl_->db, id, release, Sync::kNormal).status();
}

Result<ReviewTask> SqliteStore::DecideTask(std::string_view id, const Decision& decision,
                                           TimePoint now) {
  std::lock_guard lock(impl_->mu);
  Rule decide = [&](ReviewTask& task) { return ApplyDecision(task, decision, now); };
  return ChangeTask(*impl_->db, id, decide, Sync::kFull);
}

}  // namespace travet::store
