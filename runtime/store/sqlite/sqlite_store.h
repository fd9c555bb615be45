#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/core/clock.h"
#include "runtime/core/result.h"
#include "runtime/store/store.h"

namespace travet::store {

// The embedded store: one SQLite file in WAL mode, shared by the threads of a
// process (one connection behind a mutex) and by other processes that open
// the same file (they wait up to 5 s for each other's write lock). Run
// creation, claims of runs, transitions and review decisions commit with
// synchronous=FULL; lease renewals, checkpoints, events, new review tasks,
// claims and releases of tasks with synchronous=NORMAL (made durable by the
// next FULL commit, e.g. the run's move to waiting_review). Writes to review
// tasks retry a busy database instead of failing. Changes to users, API
// tokens and deletions of sessions commit with synchronous=FULL; new
// sessions, their uses and failed logins with NORMAL. Made by OpenSqliteStore.
class SqliteStore final : public Store {
 public:
  ~SqliteStore() override;

  Status CreateRun(const RunRecord& run) override;
  Result<RunRecord> GetRun(std::string_view id) override;
  Result<std::vector<RunRecord>> ListRuns(const RunFilter& filter) override;
  // Idempotency keys: run_keys.cc.
  Result<RunRecord> CreateRunOnce(const RunRecord& run, std::string_view key,
                                  std::string_view since) override;
  Status Transition(std::string_view id, RunState from, RunState to,
                    std::string_view error = {}) override;
  Result<RunRecord> ClaimRun(std::string_view id, const LeaseTerms& lease,
                             std::string_view dead_owner = {}) override;
  Result<std::optional<RunRecord>> ClaimNextRun(const LeaseTerms& lease) override;
  Status RenewLease(std::string_view id, int attempt, const LeaseTerms& lease) override;
  Status FinishAttempt(std::string_view id, int attempt, RunState to,
                       std::string_view error = {}) override;
  Status ReleaseRun(std::string_view id, int attempt) override;
  Status SaveCheckpoint(std::string_view run_id, const Checkpoint& cp, int attempt = 0) override;
  Status SaveCheckpoints(std::string_view run_id, const std::vector<Checkpoint>& cps,
                         int attempt = 0) override;
  Result<std::vector<Checkpoint>> LoadCheckpoints(std::string_view run_id) override;
  Status AppendEvent(std::string_view run_id, const Event& event) override;
  Result<std::vector<Event>> LoadEvents(std::string_view run_id) override;
  // Work items: work_items.cc.
  Status SaveWorkItems(std::string_view run_id, const std::vector<WorkItem>& items,
                       int attempt = 0) override;
  Result<std::vector<WorkItem>> ListWorkItems(std::string_view run_id,
                                              const ItemFilter& filter = {}) override;
  Result<std::optional<KeyHolder>> TakeItemKey(std::string_view run_id, const WorkItem& item,
                                               int attempt = 0) override;
  // Claims of work items: item_claims.cc.
  Result<std::optional<ItemClaim>> ClaimItem(const ItemClaimTerms& terms) override;
  Status RenewItemLease(std::string_view run_id, const WorkItem& item, TimePoint until) override;
  Status ReleaseItem(std::string_view run_id, const WorkItem& item) override;
  Result<std::vector<WorkItem>> RetryWorkItems(std::string_view run_id,
                                               const std::vector<WorkItem>& items,
                                               const std::vector<std::string>& also_redo) override;

  // Review tasks: review_tasks.cc and review_decisions.cc.
  Status CreateTask(const ReviewTask& task) override;
  Result<ReviewTask> GetTask(std::string_view id) override;
  Result<std::optional<ReviewTask>> FindTask(std::string_view run_id,
                                             std::string_view step_path) override;
  Result<std::vector<ReviewTask>> ListTasks(const TaskFilter& filter) override;
  Result<ReviewTask> ClaimTask(std::string_view id, std::string_view actor, TimePoint now,
                               Millis lease) override;
  Status ReleaseTask(std::string_view id, std::string_view actor, TimePoint now) override;
  Result<ReviewTask> DecideTask(std::string_view id, const Decision& decision,
                                TimePoint now) override;
  Result<std::vector<AuditEntry>> TaskHistory(std::string_view id) override;
  // Review sweep and statistics: review_sweep.cc and review_stats.cc.
  Result<SweepReport> SweepTasks(TimePoint now) override;
  Result<std::vector<FieldStats>> ReviewStats(const StatsFilter& filter) override;

  // Users and API tokens: users.cc and api_tokens.cc.
  Status CreateUser(const User& user, std::string_view password_hash) override;
  Result<User> GetUser(std::string_view name) override;
  Result<std::vector<User>> ListUsers() override;
  Status SetPassword(std::string_view name, std::string_view password_hash) override;
  Status SetDisabled(std::string_view name, bool disabled) override;
  Status SetRoleAndQueues(std::string_view name, Role role,
                          const std::vector<std::string>& queues) override;
  Result<std::string> GetPasswordHash(std::string_view name) override;
  Status AddToken(const ApiToken& token) override;
  Result<std::optional<ApiToken>> FindTokenByHash(std::string_view hash, TimePoint now) override;
  Result<int> DeleteTokens(std::string_view user) override;
  Result<std::vector<ApiToken>> ListTokens(std::string_view user) override;
  Status DeleteToken(std::string_view user, std::string_view id) override;
  // Sessions and failed logins: sessions.cc and login_failures.cc.
  Status CreateSession(const Session& session) override;
  Result<Session> GetSession(std::string_view id_hash) override;
  Status TouchSession(std::string_view id_hash, TimePoint now, TimePoint expires_at) override;
  Status DeleteSession(std::string_view id_hash) override;
  Result<int> DeleteSessionsOf(std::string_view user) override;
  Result<int> SweepSessions(TimePoint now) override;
  Status RecordLoginFailure(std::string_view user, std::string_view address,
                            TimePoint now) override;
  Result<LoginFailures> CountRecentFailures(std::string_view user, std::string_view address,
                                            TimePoint since) override;
  Status ClearLoginFailures(std::string_view user, std::string_view address) override;
  Result<int> PruneLoginFailures(TimePoint before) override;

  Result<bool> RecordFire(const Fire& fire) override;
  Result<std::string> LastFire(std::string_view bot, std::string_view trigger) override;
  // Pauses of triggers: trigger_pauses.cc.
  Result<bool> PauseTrigger(const TriggerChange& change) override;
  Result<bool> ResumeTrigger(const TriggerChange& change) override;
  Result<std::vector<TriggerPause>> ListTriggerPauses(std::string_view bot = {}) override;

  // Counts for monitoring: store_counts.cc.
  Result<std::vector<RunCount>> CountRuns() override;
  Result<std::vector<ItemCount>> CountItems() override;
  Result<std::vector<QueueBacklog>> CountOpenTasks() override;
  // The KPI figures' facts: kpi_facts.cc.
  Result<KpiFacts> ReadKpiFacts(const KpiFilter& filter) override;

 private:
  struct Impl;
  explicit SqliteStore(std::unique_ptr<Impl> impl);
  friend Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path, Clock& clock,
                                                        StoreAccess access);

  std::unique_ptr<Impl> impl_;
};

// Opens the SQLite store at `path`, creating the file and bringing its schema
// up to date; the folder must exist. Timestamps come from `clock`, which must
// outlive the store. Errors: "cannot open store PATH: unable to open database
// file" (e.g. a missing folder), "cannot open store PATH: file is not a
// database", "store PATH is damaged (quick_check: ...)" (kWrite only).
// Errors of later calls read "sqlite PATH: <sqlite message>";
// "database is locked" after the busy timeout is kUnavailable.
Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path,
                                               Clock& clock = DefaultClock(),
                                               StoreAccess access = StoreAccess::kWrite);

}  // namespace travet::store
