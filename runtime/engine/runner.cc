#include "runtime/engine/runner.h"

#include <filesystem>
#include <random>

#include "runtime/actions/http_client.h"
#include "runtime/engine/inputs.h"
#include "runtime/engine/step_runner.h"
#include "runtime/review/desk.h"

namespace travet::engine {
namespace {

// Everything a run needs that is not in the bot: resolved before the run is
// recorded, so a run that cannot start leaves no record.
struct Prepared {
  Value inputs;
  Value env = Value::object();
  Value secrets = Value::object();
  std::shared_ptr<SecretMask> mask = std::make_shared<SecretMask>();
  std::filesystem::path work_dir;  // absolute
  std::vector<store::Checkpoint> done;
  std::vector<store::WorkItem> items;
};

// `stored_inputs`: those of a run that resumes, used as they are.
Result<Prepared> Prepare(const lang::Bot& bot, const RunOptions& options,
                         const Value* stored_inputs = nullptr) {
  Prepared p;
  if (stored_inputs) {
    p.inputs = *stored_inputs;
  } else {
    auto inputs = ResolveInputs(bot, options.inputs);
    if (!inputs)
      return inputs.error();
    p.inputs = std::move(*inputs);
  }
  SecretSource source = options.secrets;
  auto getenv = options.getenv ? options.getenv : GetEnv;
  if (!source.getenv)
    source.getenv = getenv;
  auto secrets = LoadSecrets(bot.secrets, source);
  if (!secrets)
    return secrets.error();
  for (const auto& [name, value] : *secrets) {
    p.mask->Add(value);
    p.secrets[name] = value;
  }
  for (const auto& name : bot.env) {
    auto value = getenv(name);
    p.env[name] = value ? Value(*value) : Value();
  }
  return p;
}

Status EvaluateVars(const lang::Bot& bot, expr::Evaluator& evaluator, RunData& data) {
  expr::Scope scope;
  scope.Bind("inputs", &data.inputs);
  scope.Bind("vars", &data.vars);
  scope.Bind("env", &data.env);
  scope.Bind("secrets", &data.secrets);
  scope.Bind("steps", &data.steps);
  scope.Bind("run", &data.run);
  for (const auto& [name, templ] : bot.vars) {
    auto value = evaluator.Render(templ, scope);
    if (!value)
      return value.error().WithContext("vars." + name);
    data.vars[name] = std::move(*value);
  }
  return Status::Ok();
}

}  // namespace

std::string NewRunId(Clock& clock) {
  std::string stamp = FormatRfc3339(clock.Now());  // 2026-11-27T08:15:00.123Z
  std::string compact;
  for (char c : stamp.substr(0, 19)) {
    if (c != '-' && c != ':')
      compact += c == 'T' ? '-' : c;
  }
  static thread_local std::mt19937_64 rng{std::random_device{}()};
  char suffix[8];
  std::snprintf(suffix, sizeof suffix, "%06llx", static_cast<unsigned long long>(rng() & 0xFFFFFF));
  return "r-" + compact + "-" + suffix;
}

namespace {

Clock& ClockOf(const RunOptions& options) {
  return options.clock ? *options.clock : DefaultClock();
}

store::LeaseTerms Terms(const RunOptions& options) {
  return {options.lease_owner.empty() ? ProcessLeaseOwner() : options.lease_owner,
          ClockOf(options).Now(), options.lease.length};
}

std::filesystem::path AbsoluteDir(const std::filesystem::path& dir) {
  std::error_code ec;
  auto absolute = std::filesystem::absolute(dir, ec);
  if (ec)
    return dir;
  auto normal = absolute.lexically_normal();  // "/srv/in/." is "/srv/in/"
  if (!normal.has_filename() && normal != normal.root_path())
    normal = normal.parent_path();
  return normal;
}

RunData MakeRunData(const lang::Bot& bot, const store::RunRecord& record, const Prepared& p) {
  RunData data;
  data.inputs = p.inputs;
  data.env = p.env;
  data.secrets = p.secrets;
  data.run = {{"id", record.id},
              {"bot", bot.name},
              {"started_at", record.started_at.empty() ? record.created_at : record.started_at},
              {"attempt", record.attempt}};
  return data;
}

// Asked before each step: the lease must still be ours and no stop asked.
std::function<Status()> Interrupter(const LeaseKeeper& keeper, const RunOptions& options,
                                    const std::string& run_id) {
  return [&keeper, stop = options.stop, run_id]() -> Status {
    TRAVET_RETURN_IF_ERROR(keeper.Check());
    if (stop != nullptr && stop->load())
      return Cancelled("run " + run_id + " stopped before its next step");
    return Status::Ok();
  };
}

// How a run interrupted between steps ends here. Stopped (the only
// interruption that is kCancelled) with its lease still held, it is given
// back at once, so that no other worker has to wait for the lease to lapse;
// one that lost its lease writes nothing more.
Status GiveBack(const store::RunRecord& record, const Status& why, const LeaseKeeper& keeper,
                RunLog& log, store::Store& store) {
  if (why.code() != StatusCode::kCancelled || !keeper.Check().ok()) {
    log.Write(LogLevel::kWarning, "", why.message());
    return why;
  }
  const std::string stopped = why.message() + "; queued again for any worker";
  log.Write(LogLevel::kInfo, "", stopped);
  const Status released = store.ReleaseRun(record.id, record.attempt);
  if (released.ok())
    return Cancelled(stopped);
  const std::string held =
      why.message() + "; it stays running until its lease lapses (" + released.message() + ")";
  log.Write(LogLevel::kWarning, "", held);
  return Cancelled(held);
}

// How the steps ended, logged; `status` is what RunBlock (and on_error) left.
RunOutcome Conclude(const store::RunRecord& record, const Status& status, const StepRunner& runner,
                    const SecretMask& mask, RunLog& log) {
  RunOutcome outcome;
  outcome.run_id = record.id;
  outcome.steps_run = runner.steps_run();
  if (status.code() == StatusCode::kSuspended) {
    outcome.state = store::RunState::kWaitingReview;
    outcome.waiting_for = status.message();
    log.Write(LogLevel::kInfo, "", "run is " + status.message());
    return outcome;
  }
  if (status.code() == StatusCode::kStopped) {
    outcome.state = store::RunState::kSucceeded;
    outcome.outcome = status.message();
    log.Write(LogLevel::kInfo, "", "run succeeded, stopped early: " + status.message());
    return outcome;
  }
  outcome.state = status.ok() ? store::RunState::kSucceeded : store::RunState::kFailed;
  outcome.error = status.ok() ? "" : mask.Mask(status.message());
  log.Write(status.ok() ? LogLevel::kInfo : LogLevel::kError, "",
            status.ok() ? "run succeeded" : "run failed: " + outcome.error);
  return outcome;
}

// What one executor of a run works with besides the store: the run's log, a
// Lua state, an HTTP handle and the review desk.
struct Executor {
  Executor(const std::string& run_id, const Prepared& prepared, const RunOptions& options)
      : clock(ClockOf(options)),
        log(*options.store, run_id, prepared.mask, clock, options.log_sink),
        evaluator(options.expr_limits),
        desk(*options.store, clock) {}
  Clock& clock;
  RunLog log;
  expr::Evaluator evaluator;
  actions::HttpClient http;
  review::StoreReviewDesk desk;
};

// A StepRunner's dependencies for `record`, with the checkpoints and work
// items of its earlier steps from `prepared`.
StepRunnerDeps MakeDeps(const store::RunRecord& record, Prepared& prepared, Executor& executor,
                        const RunOptions& options, std::function<Status()> interrupt) {
  StepRunnerDeps deps{record.id,
                      prepared.work_dir,
                      options.store,
                      &executor.clock,
                      &executor.log,
                      &executor.evaluator,
                      &executor.http,
                      &executor.desk,
                      options.ocr,
                      {},
                      {},
                      options.expr_limits,
                      record.attempt,
                      std::move(interrupt)};
  deps.observe = options.observe;
  for (auto& cp : prepared.done)
    deps.done.emplace(cp.step_path, std::move(cp));
  int retries = 0;
  for (auto& item : prepared.items) {
    retries += item.retries;
    deps.items.emplace(item.Path(), std::move(item));
  }
  if (retries > 0)
    deps.key_suffix = "#retry" + std::to_string(retries);
  return deps;
}

// Runs the steps of a run this process claimed (`record` as the claim
// returned it), holding its lease meanwhile, and stores how it ended.
Result<RunOutcome> Execute(const lang::Bot& bot, const store::RunRecord& record, Prepared& prepared,
                           const RunOptions& options) {
  store::Store& store = *options.store;
  LeaseKeeper keeper(store, ClockOf(options), record, options.lease);
  Executor executor(record.id, prepared, options);
  RunLog& log = executor.log;
  log.set_store_gate([&keeper] { return keeper.Check().ok(); });
  RunData data = MakeRunData(bot, record, prepared);
  StepRunnerDeps deps =
      MakeDeps(record, prepared, executor, options, Interrupter(keeper, options, record.id));
  deps.item_owner = record.lease_owner;
  StepRunner runner(std::move(deps), data);

  log.Write(LogLevel::kInfo, "",
            "run of " + bot.name + (record.attempt > 1 ? " resumed" : " started") + " (attempt " +
                std::to_string(record.attempt) + ")");
  Status status = EvaluateVars(bot, executor.evaluator, data);
  if (status.ok())
    status = runner.RunBlock(bot.steps, "");
  if (!runner.interrupted().ok() && runner.unsaved().ok()) {
    (void)runner.Flush();  // refused by the store when the lease was lost
    return GiveBack(record, runner.interrupted(), keeper, log, store);
  }
  if (!runner.unsaved().ok()) {
    // Failed, not left running: a takeover would run the step again and
    // meet the same refusal. No handler: its steps could not be saved either.
    status = runner.unsaved();
  } else if (!status.ok() && !IsWaitOrStop(status) && !bot.on_error.empty()) {
    Status handler = runner.RunHandler(bot.on_error, "on_error", status);
    if (!handler.ok())
      log.Write(LogLevel::kError, "on_error", "handler failed: " + handler.message());
  }
  (void)runner.Flush();
  RunOutcome outcome = Conclude(record, status, runner, *prepared.mask, log);
  TRAVET_RETURN_IF_ERROR(
      store.FinishAttempt(record.id, record.attempt, outcome.state, outcome.error));
  return outcome;
}

// Loads the checkpoints of a claimed run (after the claim: an earlier
// executor may have saved more until then) and executes it.
Result<RunOutcome> Continue(const lang::Bot& bot, const store::RunRecord& claimed,
                            Prepared& prepared, const RunOptions& options) {
  auto checkpoints = options.store->LoadCheckpoints(claimed.id);
  if (!checkpoints)
    return checkpoints.error();
  prepared.done = std::move(*checkpoints);
  auto items = options.store->ListWorkItems(claimed.id);
  if (!items)
    return items.error();
  prepared.items = std::move(*items);
  std::filesystem::path dir = options.work_dir;
  if (dir.empty())
    dir = claimed.work_dir.empty() ? std::filesystem::path(".")
                                   : std::filesystem::path(claimed.work_dir);
  prepared.work_dir = AbsoluteDir(dir);
  return Execute(bot, claimed, prepared, options);
}

}  // namespace

Result<RunOutcome> RunBot(const lang::Bot& bot, const RunOptions& options) {
  if (!options.store)
    return InvalidArgument("no store");
  Clock& clock = ClockOf(options);
  auto prepared = Prepare(bot, options);
  if (!prepared)
    return prepared.error();
  prepared->work_dir = AbsoluteDir(options.work_dir.empty() ? "." : options.work_dir);
  store::Store& store = *options.store;

  store::RunRecord record;
  record.id = options.run_id.empty() ? NewRunId(clock) : options.run_id;
  record.bot = bot.name;
  // Absolute, so `travet runs resume` finds the bot from any folder.
  record.bot_file = AbsoluteDir(bot.file).string();
  record.inputs = prepared->inputs;
  record.created_at = FormatRfc3339(clock.Now());
  record.work_dir = prepared->work_dir.string();
  TRAVET_RETURN_IF_ERROR(store.CreateRun(record));
  auto claimed = store.ClaimRun(record.id, Terms(options));
  if (!claimed)
    return claimed.error();
  return Execute(bot, *claimed, *prepared, options);
}

Result<RunOutcome> ResumeRun(const lang::Bot& bot, const std::string& run_id,
                             const RunOptions& options) {
  if (!options.store)
    return InvalidArgument("no store");
  store::Store& store = *options.store;
  auto record = store.GetRun(run_id);
  if (!record)
    return record.error();
  if (record->bot != bot.name) {
    return InvalidArgument("run " + run_id + " is a run of " + record->bot + ", not of " +
                           bot.name);
  }
  if (store::IsFinal(record->state)) {
    return FailedPrecondition("run " + run_id + " is " +
                              std::string(store::RunStateName(record->state)) +
                              "; only a queued or waiting run can be resumed");
  }
  auto prepared = Prepare(bot, options, &record->inputs);
  if (!prepared)
    return prepared.error();
  // A holder that is a dead process here is gone for good: no need to wait
  // for its lease to lapse.
  bool dead = record->state == store::RunState::kRunning && IsDeadLocalOwner(record->lease_owner);
  auto claimed = store.ClaimRun(run_id, Terms(options), dead ? record->lease_owner : "");
  if (!claimed)
    return claimed.error();
  return Continue(bot, *claimed, *prepared, options);
}

Result<RunOutcome> ExecuteClaimedRun(const lang::Bot& bot, const store::RunRecord& claimed,
                                     const RunOptions& options) {
  if (!options.store)
    return InvalidArgument("no store");
  Result<Prepared> prepared =
      claimed.bot == bot.name
          ? Prepare(bot, options, &claimed.inputs)
          : Result<Prepared>(InvalidArgument("run " + claimed.id + " is a run of " + claimed.bot +
                                             ", not of " + bot.name));
  if (!prepared) {
    // Left running, the run would be claimed again and fail again forever.
    (void)options.store->FinishAttempt(claimed.id, claimed.attempt, store::RunState::kFailed,
                                       prepared.error().message());
    return prepared.error();
  }
  return Continue(bot, claimed, *prepared, options);
}

void ReleaseItem(store::Store& store, const store::ItemClaim& claim) {
  // Refused when it was claimed again since: then it is not ours to give.
  (void)store.ReleaseItem(claim.run.id, claim.item);
}

Result<store::WorkItem> RunClaimedItem(const lang::Bot& bot, const store::ItemClaim& claim,
                                       const RunOptions& options) {
  if (!options.store)
    return InvalidArgument("no store");
  store::Store& store = *options.store;
  const store::RunRecord& run = claim.run;
  Result<Prepared> prepared =
      run.bot == bot.name ? Prepare(bot, options, &run.inputs)
                          : Result<Prepared>(InvalidArgument("run " + run.id + " is a run of " +
                                                             run.bot + ", not of " + bot.name));
  auto checkpoints = prepared ? store.LoadCheckpoints(run.id) : prepared.error();
  auto items = checkpoints ? store.ListWorkItems(run.id) : checkpoints.error();
  if (!items) {
    ReleaseItem(store, claim);
    return items.error();
  }
  prepared->done = std::move(*checkpoints);
  prepared->items = std::move(*items);
  prepared->work_dir = AbsoluteDir(run.work_dir.empty() ? "." : run.work_dir);
  Clock& clock = ClockOf(options);
  store::WorkItem item = claim.item;
  LeaseKeeper keeper(
      [&store, &clock, &run, item, length = options.lease.length] {
        return store.RenewItemLease(run.id, item, clock.Now() + length);
      },
      options.lease.heartbeat);
  Executor executor(run.id, *prepared, options);
  RunLog& log = executor.log;
  log.set_store_gate([&keeper] { return keeper.Check().ok(); });
  RunData data = MakeRunData(bot, run, *prepared);
  StepRunner runner(
      MakeDeps(run, *prepared, executor, options, Interrupter(keeper, options, run.id)), data);
  Status status = EvaluateVars(bot, executor.evaluator, data);
  if (status.ok())
    status = runner.RunOnlyItem(bot.steps, item);
  if (!runner.interrupted().ok()) {
    // Stopped with the claim held: given back at once, its finished steps
    // checkpointed. A lost claim is not ours to give back.
    if (runner.interrupted().code() == StatusCode::kCancelled && keeper.Check().ok())
      ReleaseItem(store, claim);
    return runner.interrupted();
  }
  if (!status.ok()) {
    ReleaseItem(store, claim);
    return status;
  }
  return item;
}

}  // namespace travet::engine
