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
using Rule = sqlite::TaskRule;

enum class Sync { kNormal, kFull };

// A busy database is waited out here, never reported: an operator must see
// either the decision or who else made it.
Result<ReviewTask> ChangeTask(Connection& db, std::string_view id, const Rule& rule, Sync sync) {
  return sqlite::RetryWhileBusy(
      [&] { return sqlite::ChangeTaskOnce(db, id, rule, sync == Sync::kFull); });
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
