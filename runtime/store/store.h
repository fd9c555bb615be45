#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/core/clock.h"
#include "runtime/core/result.h"
#include "runtime/core/value.h"
#include "runtime/store/review_types.h"
#include "runtime/store/user_types.h"
#include "runtime/store/work_item.h"

namespace travet::store {

// queued → running → (waiting_review → running)* → succeeded | failed | cancelled
enum class RunState { kQueued, kRunning, kWaitingReview, kSucceeded, kFailed, kCancelled };

// The name used in the store, the CLI and the API: "queued", "running",
// "waiting_review", "succeeded", "failed", "cancelled".
std::string_view RunStateName(RunState state);
// The state named `name` (as RunStateName spells it); nullopt when unknown.
std::optional<RunState> ParseRunState(std::string_view name);
// Whether `state` is succeeded, failed or cancelled: a run there never moves.
bool IsFinal(RunState state);

// One execution of a bot with its inputs. Every member has a default, so
// designated initializers may name only some ({.id = "r-1", .bot = "demo"}).
struct RunRecord {
  std::string id{};        // e.g. "r-20261127-081500-3f9a"
  std::string bot{};       // the bot's name
  std::string bot_file{};  // path of the YAML file it was loaded from
  Value inputs{};          // the resolved inputs (secrets never stored)
  RunState state = RunState::kQueued;
  std::string created_at{};   // RFC 3339 UTC
  std::string started_at{};   // empty until running
  std::string finished_at{};  // empty until final
  std::string error{};        // message of the failure, masked
  int attempt = 0;            // incremented each time a worker takes the run
  // While running: who executes the run ("host:pid:random") and until when
  // (RFC 3339 UTC); both empty in every other state.
  std::string lease_owner{};
  std::string lease_until{};
  std::string work_dir{};  // absolute folder of its file actions; empty when unknown
};

// The terms of a claim or a renewal of a run's lease: `owner` holds the run
// until now + length.
struct LeaseTerms {
  std::string owner{};  // e.g. "host:4711:9f3a0c" (engine::NewLeaseOwner)
  TimePoint now{};      // the caller's clock
  Millis length{30000};
};

enum class StepStatus { kSucceeded, kFailed, kSkipped };
// "succeeded", "failed" or "skipped".
std::string_view StepStatusName(StepStatus status);
// The status named `name` (as StepStatusName spells it); nullopt when unknown.
std::optional<StepStatus> ParseStepStatus(std::string_view name);

// The result of one step, saved after it completes, under its step path
// (e.g. "each[17].post"). A resumed run never repeats a checkpointed step.
struct Checkpoint {
  std::string step_path{};
  Value output{};
  StepStatus status = StepStatus::kSucceeded;
  int attempts = 1;
  long long duration_ms = 0;
  std::string error{};  // masked
  // The output held a secret and is stored masked ("***"); the step has no
  // side effect, so a resume runs it again to get the real value back
  // instead of restoring the mask.
  bool rederive = false;
};

// A log line of a run, in order.
struct Event {
  long long seq = 0;    // set by the store; increases with each appended event
  std::string time{};   // RFC 3339 UTC; the store's clock when empty
  std::string level{};  // debug|info|warning|error
  std::string step_path{};
  std::string message{};  // masked by the caller
};

// What ClaimItem takes a work item for.
struct ItemClaimTerms {
  std::string run_id{};     // only items of this run; empty: of any running run
  std::string loop_path{};  // only items of this loop; empty: of any
  std::string owner{};      // e.g. "host:4711:9f3a0c"
  TimePoint now{};          // the caller's clock
  // How long the claim holds unless renewed (RenewItemLease); none: as long
  // as the run's own lease, for the executor that holds the run.
  std::optional<Millis> length{};
  // Up to this many pending items of one run, in one transaction: an
  // executor whose items take little time claims ahead rather than pay a
  // transaction for each (the others are claimed one at a time).
  int count = 1;
};

// A work item claimed to run now, and the run it belongs to.
struct ItemClaim {
  RunRecord run{};
  WorkItem item{};  // as stored after the claim: running, owner, claims
  // The items claimed with it when ItemClaimTerms::count > 1, in order.
  std::vector<WorkItem> more{};
};

// Which runs ListRuns returns: all filters given must match.
struct RunFilter {
  std::optional<std::string> bot{};
  std::optional<RunState> state{};
  std::optional<std::string> since{};   // created at or after this RFC 3339 time
  std::optional<std::string> until{};   // created before this RFC 3339 time
  std::optional<std::string> before{};  // a page: only runs listed after run `before`
  int limit = 50;                       // at most this many; <= 0 means no limit
};

// One fire of a schedule: trigger `trigger` ("cron#1") of bot `bot` due at
// `fire_time` (RFC 3339 UTC), started as run `run_id`.
struct Fire {
  std::string bot{};
  std::string trigger{};
  std::string fire_time{};
  std::string run_id{};
};

// The latest pause of a trigger of a schedule (Store::PauseTrigger): while
// `resumed_at` is empty the trigger is paused and no scheduler on the store
// fires it.
struct TriggerPause {
  std::string bot{};
  std::string trigger{};     // its key, "cron#1" (schedule/trigger_key.h)
  std::string paused_by{};   // who paused it
  std::string paused_at{};   // RFC 3339 UTC
  std::string resumed_by{};  // empty while paused
  std::string resumed_at{};  // RFC 3339 UTC; empty while paused
};

// Who pauses or resumes trigger `trigger` of bot `bot`, and when (the
// caller's clock, as the schedulers' fire times).
struct TriggerChange {
  std::string bot{};
  std::string trigger{};
  std::string by{};
  TimePoint at{};
};

// How many runs of bot `bot` are in state `state` (Store::CountRuns).
struct RunCount {
  std::string bot{};
  RunState state = RunState::kQueued;
  long long count = 0;
};

// How many work items, of every run, are in state `state` (Store::CountItems).
struct ItemCount {
  ItemState state = ItemState::kPending;
  long long count = 0;
};

// The review tasks of one queue that wait for a decision (pending or
// claimed): how many, and when the oldest of them was created (RFC 3339 UTC;
// empty when none waits).
struct QueueBacklog {
  std::string queue{};
  long long open = 0;
  std::string oldest_created_at{};
};

// What the KPI figures are read from (kpi_facts.h, which includes this file).
struct KpiFilter;
struct KpiFacts;

// Where runs, checkpoints and events live. Implementations: SQLite (embedded)
// and, later, PostgreSQL. Every method is one transaction. Callers pass text
// that is already masked: a store never sees a secret.
// Thread-safe: one Store may be shared by the threads of a process.
class Store {
 public:
  virtual ~Store() = default;

  // Inserts a new run in state kQueued, durably (a user is told it is
  // queued); `run.id` must be unique (kAlreadyExists otherwise). `run.state`,
  // started_at, finished_at, attempt and the lease are ignored; an empty
  // created_at is set from the store's clock.
  virtual Status CreateRun(const RunRecord& run) = 0;
  // The run `id`; kNotFound "no run 'ID'" when there is none.
  virtual Result<RunRecord> GetRun(std::string_view id) = 0;
  // Newest first (by created_at, then by order of creation). kNotFound when
  // `filter.before` names no run.
  virtual Result<std::vector<RunRecord>> ListRuns(const RunFilter& filter) = 0;
  // Inserts `run` as CreateRun does, unless a run of the same bot was
  // inserted with idempotency key `key` at or after `since` (RFC 3339 UTC)
  // and still exists: then nothing is inserted and that run is returned. The
  // look-up and the insert are one durable transaction, so of concurrent
  // calls with one key exactly one inserts its run. Returns the run as
  // stored: `run`, or the earlier one (the caller compares the ids). A key is
  // held from its run's created_at; keys of any bot given before `since` are
  // forgotten. kInvalidArgument for an empty key; errors as CreateRun.
  virtual Result<RunRecord> CreateRunOnce(const RunRecord& run, std::string_view key,
                                          std::string_view since) = 0;

  // Moves a run from `from` to `to` (compare-and-set), durably
  // (synchronous=FULL): the caller tells a user about it. Sets started_at on
  // the first kRunning, finished_at on a final state, and `error` when given;
  // entering kRunning increments `attempt`. Allowed moves:
  //   queued         -> running | cancelled | failed
  //   running        -> waiting_review | succeeded | failed | cancelled | queued
  //   waiting_review -> running | queued | cancelled | failed
  // kNotFound for an unknown run; kFailedPrecondition when `from` is not the
  // current state ("run r-1 is succeeded, not running"), when the run is in a
  // final state, or when the move is not allowed.
  // Leaving kRunning clears the lease; entering it this way sets none (a
  // running run without a lease may be claimed by anyone).
  virtual Status Transition(std::string_view id, RunState from, RunState to,
                            std::string_view error = {}) = 0;

  // --- Leases and fencing. A run being executed is `running` with a lease;
  // every claim increments `attempt`, and the writes of an executor carry the
  // attempt it claimed, so once another executor took the run over (or an
  // operator cancelled it) the old one can no longer checkpoint or finish it.

  // Takes run `id` for `lease.owner` until lease.now + lease.length, durably:
  // a queued or waiting_review run, or a running one whose lease lapsed (or
  // has none, or is held by `dead_owner`, a holder the caller knows is
  // gone). Moves it to running, increments attempt, sets started_at the
  // first time, and returns the run as it now is. kNotFound "no run 'r-1'";
  // kFailedPrecondition "run r-1 is being executed by H:P:X until T" for a
  // live lease, "run r-1 is succeeded and can no longer change" for a final
  // run.
  virtual Result<RunRecord> ClaimRun(std::string_view id, const LeaseTerms& lease,
                                     std::string_view dead_owner = {}) = 0;
  // Claims, as ClaimRun, the oldest (by created_at) run that is queued or
  // running with a lapsed (or no) lease; nullopt when there is none. Of many
  // concurrent callers each gets a different run.
  virtual Result<std::optional<RunRecord>> ClaimNextRun(const LeaseTerms& lease) = 0;
  // Extends the lease of the running run `id` held by `attempt` to
  // lease.now + lease.length (a lapsed lease nobody took yet is renewed too).
  // kFailedPrecondition "run r-1 was taken over: attempt 3 is current, this
  // worker holds attempt 2", or "run r-1 is cancelled, not running".
  virtual Status RenewLease(std::string_view id, int attempt, const LeaseTerms& lease) = 0;
  // Moves the running run `id` held by `attempt` to `to` (waiting_review,
  // succeeded, failed, cancelled or queued), clears its lease and records
  // `error`, durably. Refused as RenewLease when the attempt is stale.
  virtual Status FinishAttempt(std::string_view id, int attempt, RunState to,
                               std::string_view error = {}) = 0;
  // Gives the running run `id` held by `attempt` back, durably, for an
  // executor that stops (SIGTERM) before the run ended: the run becomes
  // queued with no lease (any worker claims it at once and resumes it from
  // its checkpoints, which are kept), and the work items its executor ran
  // under the run's own lease (running, with no worker's claim) pending.
  // Refused as RenewLease when the attempt is stale.
  virtual Status ReleaseRun(std::string_view id, int attempt) = 0;

  // Saves (or replaces) the checkpoint of one step. May commit with
  // synchronous=NORMAL: a lost checkpoint only means the step runs again.
  // kNotFound when the run does not exist. With `attempt` > 0 (fencing) the
  // run must be running with that attempt, else kFailedPrecondition as in
  // RenewLease; 0 saves whatever the run's state.
  virtual Status SaveCheckpoint(std::string_view run_id, const Checkpoint& cp, int attempt = 0) = 0;
  // Saves several checkpoints in one transaction, in order: the engine
  // batches the checkpoints of steps without side effects this way. Fenced
  // by `attempt` as SaveCheckpoint.
  virtual Status SaveCheckpoints(std::string_view run_id, const std::vector<Checkpoint>& cps,
                                 int attempt = 0) = 0;
  // The checkpoints of a run in the order they were saved (a replaced one
  // counts as saved when it was replaced); empty for an unknown run.
  virtual Result<std::vector<Checkpoint>> LoadCheckpoints(std::string_view run_id) = 0;

  // --- Review tasks (human in the loop). Every change is one transaction
  // that also appends to the task's audit log; decisions are durable
  // (synchronous=FULL). Times are RFC 3339 UTC; `now` is the caller's time of
  // the operator's action (the CLI and server pass the clock's).

  // Inserts a task in state pending and audits "create" (actor "bot:RUN").
  // An empty `task.id` gets "t-" + 12 random hex digits (read it back with
  // FindTask); an empty created_at is set from the store's clock. State,
  // claim, decision, first_approver and escalated_at are ignored.
  // kAlreadyExists "run r-1 already has a review task for step
  // each[0].check" or "task 't-1' already exists"; kNotFound "no run 'r-1'";
  // kInvalidArgument for an empty run id, step path or queue, fields that are
  // not an object, or approvals_required other than 1 or 2.
  virtual Status CreateTask(const ReviewTask& task) = 0;
  // The task `id`; kNotFound "no task 't-9'". A claim whose lease lapsed
  // reads as pending with no holder (as in GetTask, FindTask and ListTasks).
  virtual Result<ReviewTask> GetTask(std::string_view id) = 0;
  // The task of a run's step, or nullopt.
  virtual Result<std::optional<ReviewTask>> FindTask(std::string_view run_id,
                                                     std::string_view step_path) = 0;
  // Tasks matching the filter at the store clock's now, highest priority
  // first, then oldest. kPending includes lapsed claims; kClaimed only live
  // ones. filter.limit <= 0 means no limit.
  virtual Result<std::vector<ReviewTask>> ListTasks(const TaskFilter& filter) = 0;
  // Claims (or renews the claim on) a task for `actor` until now + lease, and
  // audits "claim" (note "renewed", or "lease of anna lapsed" when it takes
  // over a lapsed claim). kFailedPrecondition when someone else holds a live
  // claim ("task t-1 is claimed by anna until 2026-...Z"), when it is decided
  // ("task t-1 was already approved by anna at 2026-...Z") or expired ("task
  // t-1 has expired"), and when `actor` gave the first of two approvals
  // ("task t-1 needs a second approver other than anna"); kNotFound for an
  // unknown task.
  virtual Result<ReviewTask> ClaimTask(std::string_view id, std::string_view actor, TimePoint now,
                                       Millis lease) = 0;
  // Gives a claim back (audit "release"); the task is pending again. Only its
  // holder can: kFailedPrecondition "task t-1 is not claimed by bob" or "task
  // t-1 is claimed by anna until T".
  virtual Status ReleaseTask(std::string_view id, std::string_view actor, TimePoint now) = 0;
  // Decides a task exactly once: of many concurrent callers (threads or
  // processes) one succeeds and the others get kAlreadyExists "task t-1 was
  // already approved by X at T"; a busy database is waited out, not
  // reported. An unclaimed task may be decided directly; a live claim by
  // someone else refuses the decision (kFailedPrecondition "task t-1 is
  // claimed by anna until T"). Approval: decision_fields = each field's
  // `value` overlaid with the corrections, one "correct" audit entry per
  // changed field (old -> new), then "approve". Rejection: needs a reason,
  // ignores corrections, audits "reject" with the reason as note. With
  // approvals_required 2, the first approval records first_approver and the
  // values (note "first of two approvals") and leaves the task pending and
  // unclaimed; the same actor again gets kFailedPrecondition "task t-1 needs
  // a second approver other than anna". kInvalidArgument for an empty actor
  // or a correction of an unknown field ("task t-1 has no field 'iban'").
  virtual Result<ReviewTask> DecideTask(std::string_view id, const Decision& decision,
                                        TimePoint now) = 0;
  // The audit log of task `id` in the order it was appended; empty for an
  // unknown task.
  virtual Result<std::vector<AuditEntry>> TaskHistory(std::string_view id) = 0;
  // Escalates and expires the open (pending or claimed) tasks at `now`, one
  // transaction per task, durably: first every task past its expires_at
  // becomes expired (audit "expire", actor "system") and its run, when
  // waiting_review, is moved to queued so that its resume fails the step;
  // then every task past its due_at that was not escalated yet is escalated
  // once (audit "escalate": priority + 10, moved to escalate_to when given).
  // A task decided meanwhile is skipped. Returns what it changed.
  virtual Result<SweepReport> SweepTasks(TimePoint now) = 0;
  // Per queue and field of the approved tasks matching `filter`: how many
  // were decided and how many had the value changed by an operator (from the
  // audit log's "correct" entries), overall and for sampled tasks; ordered by
  // queue, then field.
  virtual Result<std::vector<FieldStats>> ReviewStats(const StatsFilter& filter) = 0;

  // Appends a log line to a run (synchronous=NORMAL); `event.seq` is ignored.
  // kNotFound when the run does not exist.
  virtual Status AppendEvent(std::string_view run_id, const Event& event) = 0;
  // The events of a run in the order they were appended; empty for an
  // unknown run.
  virtual Result<std::vector<Event>> LoadEvents(std::string_view run_id) = 0;

  // --- Work items (a `foreach` with `items: true`).

  // Saves (or replaces) work items of a run by (loop_path, index), in one
  // transaction; fenced by `attempt` as SaveCheckpoints. kNotFound when the
  // run does not exist; kInvalidArgument for an item without a loop path.
  virtual Status SaveWorkItems(std::string_view run_id, const std::vector<WorkItem>& items,
                               int attempt = 0) = 0;
  // Sends finished work items of a run back to work, in one durable
  // transaction: each of `items` (by loop_path and index) becomes pending
  // with its error, outcome and finish time cleared and `retries` + 1, the
  // checkpoints of its steps are deleted, and so are those of `also_redo`
  // (paths of steps that build on the items: for each path p, "p", "p.x" and
  // "p[0]..." go); the run becomes queued again, whatever final state it had.
  // Returns the items as they now are. kNotFound for an unknown run or item;
  // kFailedPrecondition for a run that is running or cancelled, or an item
  // that is not finished.
  virtual Result<std::vector<WorkItem>> RetryWorkItems(
      std::string_view run_id, const std::vector<WorkItem>& items,
      const std::vector<std::string>& also_redo) = 0;
  // For a loop with `unique: true`: the item that already holds `item.key`
  // in the loop at `item.loop_path` over every run of the same bot — one that
  // succeeded, or one not finished in a run that is not over; a failed item
  // holds nothing, and neither does a duplicate (an outcome "duplicate: …").
  // When none does, `item` is saved as it is and holds the key from then on:
  // the check and the save are one transaction, fenced by `attempt` as
  // SaveCheckpoints, so two runs starting the same key at once cannot both
  // take it. Returns nullopt when `item` holds the key, else the holder.
  virtual Result<std::optional<KeyHolder>> TakeItemKey(std::string_view run_id,
                                                       const WorkItem& item, int attempt = 0) = 0;
  // Takes one work item to run, in one transaction, so that of many callers
  // each gets another: of a running run (`terms.run_id`, or the oldest run
  // with one), of a loop at the top of its bot, an item that is pending,
  // held by a worker whose claim lapsed, held by an earlier attempt of the
  // run's own executor (it died), or waiting for review and not tried yet in
  // the run's current attempt. The item becomes running under `terms.owner`
  // with `claims` + 1 (SaveWorkItems refuses an older claim from then on)
  // and `claimed_in` the run's attempt. nullopt when none is claimable. With
  // `terms.count` > 1, further pending items of the same run come in `more`.
  virtual Result<std::optional<ItemClaim>> ClaimItem(const ItemClaimTerms& terms) = 0;
  // Extends a worker's claim of `item` (as ClaimItem returned it) to
  // `until`. kFailedPrecondition when the item was claimed again or is no
  // longer running: the caller lost it and must stop.
  virtual Status RenewItemLease(std::string_view run_id, const WorkItem& item, TimePoint until) = 0;
  // Gives back a work item that a worker claimed (`item` as ClaimItem
  // returned it) and stops running: pending, with no owner or lease, its
  // checkpoints kept, so that the run's executor or another worker takes it
  // at once. Refused as RenewItemLease when it was claimed again or is no
  // longer running.
  virtual Status ReleaseItem(std::string_view run_id, const WorkItem& item) = 0;
  // The work items of a run matching `filter`, by loop path then index;
  // empty for an unknown run.
  virtual Result<std::vector<WorkItem>> ListWorkItems(std::string_view run_id,
                                                      const ItemFilter& filter = {}) = 0;

  // --- Users, API tokens and sessions (the server's logins). The store
  // keeps what runtime/auth decides: password hashes (Argon2id strings), and
  // API tokens and session ids only as their SHA-256, never in clear. Changes
  // to users and every deletion of sessions or tokens are durable
  // (synchronous=FULL): a logout or a password change must not come back
  // after a power loss. Times are the caller's (`now`) or, where none is
  // passed, the store clock's.

  // Inserts user `user.name` with `password_hash`; an empty created_at is
  // set from the store's clock, and so is password_changed_at.
  // kInvalidArgument for a name CheckUserName refuses or an empty hash or
  // queue; kAlreadyExists "user 'anna' already exists".
  virtual Status CreateUser(const User& user, std::string_view password_hash) = 0;
  // The user `name`; kNotFound "no user 'anna'".
  virtual Result<User> GetUser(std::string_view name) = 0;
  // Every user, by name.
  virtual Result<std::vector<User>> ListUsers() = 0;
  // Replaces the password hash of user `name`, sets password_changed_at and
  // deletes every session of the user, in one transaction. kNotFound as
  // GetUser; kInvalidArgument for an empty hash.
  virtual Status SetPassword(std::string_view name, std::string_view password_hash) = 0;
  // Disables (and deletes the sessions of) or enables user `name`, in one
  // transaction. API tokens are kept; runtime/auth refuses them while the
  // user is disabled. kNotFound as GetUser; kFailedPrecondition "user bob is
  // the last enabled admin; make another user admin first" when it would
  // disable the only enabled admin (checked in the same transaction, so two
  // admins disabling each other at once cannot both succeed).
  virtual Status SetDisabled(std::string_view name, bool disabled) = 0;
  // Gives user `name` a role and the review queues they work. kNotFound as
  // GetUser; kInvalidArgument for an empty queue name; kFailedPrecondition
  // as SetDisabled when it would take the role from the only enabled admin.
  virtual Status SetRoleAndQueues(std::string_view name, Role role,
                                  const std::vector<std::string>& queues) = 0;
  // The password hash of user `name`, for a login; kNotFound as GetUser.
  virtual Result<std::string> GetPasswordHash(std::string_view name) = 0;

  // Stores an API token (its hash); an empty created_at is set from the
  // store's clock. kNotFound "no user 'anna'"; kAlreadyExists "token 'tk-1'
  // already exists" for a taken id or hash; kInvalidArgument for an empty id
  // or hash.
  virtual Status AddToken(const ApiToken& token) = 0;
  // The token whose hash is `hash`, or nullopt; records `now` as its last use
  // (at most once a minute, so that a busy client does not write on every
  // request).
  virtual Result<std::optional<ApiToken>> FindTokenByHash(std::string_view hash, TimePoint now) = 0;
  // Deletes every API token of user `user`; returns how many there were.
  virtual Result<int> DeleteTokens(std::string_view user) = 0;
  // The API tokens of user `user`, oldest first, with `hash` left empty:
  // nobody needs it once stored. kNotFound "no user 'anna'".
  virtual Result<std::vector<ApiToken>> ListTokens(std::string_view user) = 0;
  // Deletes API token `id` of user `user`, durably. kNotFound "user anna has
  // no API token 'tk-1'".
  virtual Status DeleteToken(std::string_view user, std::string_view id) = 0;

  // Stores a new session. kNotFound "no user 'anna'"; kAlreadyExists for a
  // taken id hash; kInvalidArgument for an empty id hash, CSRF token or
  // expires_at. Empty created_at and last_seen_at are set from the store's
  // clock.
  virtual Status CreateSession(const Session& session) = 0;
  // The session whose id hashes to `id_hash`, expired or not (the caller
  // decides); kNotFound "no such session".
  virtual Result<Session> GetSession(std::string_view id_hash) = 0;
  // Records a use of session `id_hash` at `now` and moves its end to
  // `expires_at`. kNotFound "no such session" (e.g. logged out meanwhile).
  virtual Status TouchSession(std::string_view id_hash, TimePoint now, TimePoint expires_at) = 0;
  // Deletes session `id_hash`; Ok when there is none.
  virtual Status DeleteSession(std::string_view id_hash) = 0;
  // Deletes every session of user `user`; returns how many there were.
  virtual Result<int> DeleteSessionsOf(std::string_view user) = 0;
  // Deletes the sessions whose expires_at is at or before `now`; returns
  // how many.
  virtual Result<int> SweepSessions(TimePoint now) = 0;

  // Login throttling, shared by every process on the store. `user` is the
  // name that was tried, whether or not such a user exists.

  // Records a failed login of `user` from `address` at `now`.
  virtual Status RecordLoginFailure(std::string_view user, std::string_view address,
                                    TimePoint now) = 0;
  // The failed logins of `user` at or after `since`: from `address` and from
  // anywhere.
  virtual Result<LoginFailures> CountRecentFailures(std::string_view user, std::string_view address,
                                                    TimePoint since) = 0;
  // Forgets the failed logins of `user` from `address` (after a successful
  // login from there); those from other addresses still count.
  virtual Status ClearLoginFailures(std::string_view user, std::string_view address) = 0;
  // Forgets every failed login before `before`; returns how many.
  virtual Result<int> PruneLoginFailures(TimePoint before) = 0;

  // --- Schedule fires. Each fire is recorded once: of several servers on
  // one store, the one whose RecordFire says true starts the run.

  // Records `fire`; true when this call recorded it, false when it was
  // recorded already (by this or another server).
  virtual Result<bool> RecordFire(const Fire& fire) = 0;
  // The latest fire time recorded for trigger `trigger` of `bot`; "" when
  // it never fired.
  virtual Result<std::string> LastFire(std::string_view bot, std::string_view trigger) = 0;

  // --- Pauses of schedules' triggers, one row per trigger ever paused.

  // Pauses trigger `change.trigger` of `change.bot` for `change.by` since
  // `change.at`, durably. True when this call paused it; false when it was
  // paused already, and its pause stays as it was (by whom, since when).
  // kInvalidArgument for an empty bot, trigger or `by`.
  virtual Result<bool> PauseTrigger(const TriggerChange& change) = 0;
  // Ends the pause of the trigger, durably, recording who resumed it and
  // when. True when it was paused; false otherwise (nothing changes).
  // kInvalidArgument as PauseTrigger.
  virtual Result<bool> ResumeTrigger(const TriggerChange& change) = 0;
  // The latest pause of each trigger of `bot` (of every bot when empty) that
  // was ever paused, by bot then trigger.
  virtual Result<std::vector<TriggerPause>> ListTriggerPauses(std::string_view bot = {}) = 0;

  // --- Counts for monitoring (the server's /metrics), each one query.

  // How many runs each bot has in each state that it has runs in, by bot
  // then state.
  virtual Result<std::vector<RunCount>> CountRuns() = 0;
  // How many work items are in each state that has any, over every run.
  virtual Result<std::vector<ItemCount>> CountItems() = 0;
  // Every queue that has review tasks, by name, with those waiting for a
  // decision (a queue whose tasks are all decided has open 0).
  virtual Result<std::vector<QueueBacklog>> CountOpenTasks() = 0;

  // --- The KPI figures' facts (kpi_facts.h): the runs matching `filter`,
  // their work items, their review tasks and those tasks' claim, release,
  // approve, reject and correct audit entries, read in one snapshot.
  virtual Result<KpiFacts> ReadKpiFacts(const KpiFilter& filter) = 0;
};

// What a command does with the store it opens. kWrite first checks every
// page of the file and refuses a damaged store (a write that never reads a
// damaged page would go on building on it); kRead skips that check, so that
// listing runs stays quick on a large store.
enum class StoreAccess { kWrite, kRead };

// Opens a store from a URL: "sqlite:///abs/path.db", "sqlite://rel/path.db",
// "sqlite:rel/path.db" or a plain file path. Creates the file and schema when
// missing (not its folder). kInvalidArgument for a PostgreSQL URL (not in this
// build yet) and for an unknown scheme.
Result<std::unique_ptr<Store>> OpenStore(std::string_view url,
                                         StoreAccess access = StoreAccess::kWrite);

// The default store URL: $TRAVET_STORE, else "sqlite://travet.db".
std::string DefaultStoreUrl();

}  // namespace travet::store
