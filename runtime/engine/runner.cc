#include "runtime/engine/runner.h"

#include <filesystem>
#include <random>

#include "runtime/actions/http_client.h"
#include "runtime/engine/inputs.h"
#include "runtime/engine/review_desk.h"
#include "runtime/engine/step_runner.h"

namespace travet::engine {
namespace {

// Everything a run needs that is not in the bot: resolved before the run is
// recorded, so a run that cannot start leaves no record.
struct Prepared {
  Value inputs;
  Value env = Value::object();
  Value secrets = Value::object();
  std::shared_ptr<SecretMask> mask = std::make_shared<SecretMask>();
};

Result<Prepared> Prepare(const lang::Bot& bot, const RunOptions& options) {
  Prepared p;
  auto inputs = ResolveInputs(bot, options.inputs);
  if (!inputs)
    return inputs.error();
  p.inputs = std::move(*inputs);
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

// Runs the steps of a run that is now `running`; `done` holds the
// checkpoints of an earlier attempt.
Result<RunOutcome> Execute(const lang::Bot& bot, const store::RunRecord& record, Prepared& prepared,
                           const RunOptions& options, std::vector<store::Checkpoint> done) {
  Clock& clock = options.clock ? *options.clock : DefaultClock();
  store::Store& store = *options.store;
  RunLog log(store, record.id, prepared.mask, clock, options.log_sink);
  RunData data;
  data.inputs = prepared.inputs;
  data.env = prepared.env;
  data.secrets = prepared.secrets;
  data.run = {{"id", record.id},
              {"bot", bot.name},
              {"started_at", record.started_at.empty() ? record.created_at : record.started_at},
              {"attempt", record.attempt}};
  expr::Evaluator evaluator(options.expr_limits);
  actions::HttpClient http;
  StoreReviewDesk desk(store, clock);
  StepRunnerDeps deps{record.id, options.work_dir, &store, &clock, &log, &evaluator, &http, &desk,
                      {}};
  for (auto& cp : done)
    deps.done.emplace(cp.step_path, std::move(cp));
  bool resumed = !deps.done.empty();
  StepRunner runner(std::move(deps), data);

  log.Write(LogLevel::kInfo, "",
            (resumed ? "run of " + bot.name + " resumed (attempt "
                     : "run of " + bot.name + " started (attempt ") +
                std::to_string(record.attempt) + ")");
  Status status = EvaluateVars(bot, evaluator, data);
  if (status.ok())
    status = runner.RunBlock(bot.steps, "");
  bool waiting = status.code() == StatusCode::kSuspended;
  if (!status.ok() && !waiting && !bot.on_error.empty()) {
    Status handler = runner.RunHandler(bot.on_error, "on_error", status);
    if (!handler.ok())
      log.Write(LogLevel::kError, "on_error", "handler failed: " + handler.message());
  }
  runner.Flush();

  RunOutcome outcome;
  outcome.run_id = record.id;
  outcome.steps_run = runner.steps_run();
  if (waiting) {
    outcome.state = store::RunState::kWaitingReview;
    outcome.waiting_for = status.message();
    log.Write(LogLevel::kInfo, "", "run is " + status.message());
  } else {
    outcome.state = status.ok() ? store::RunState::kSucceeded : store::RunState::kFailed;
    outcome.error = status.ok() ? "" : prepared.mask->Mask(status.message());
    log.Write(status.ok() ? LogLevel::kInfo : LogLevel::kError, "",
              status.ok() ? "run succeeded" : "run failed: " + outcome.error);
  }
  TRAVET_RETURN_IF_ERROR(
      store.Transition(record.id, store::RunState::kRunning, outcome.state, outcome.error));
  return outcome;
}

}  // namespace

Result<RunOutcome> RunBot(const lang::Bot& bot, const RunOptions& options) {
  if (!options.store)
    return InvalidArgument("no store");
  Clock& clock = options.clock ? *options.clock : DefaultClock();
  auto prepared = Prepare(bot, options);
  if (!prepared)
    return prepared.error();
  store::Store& store = *options.store;

  store::RunRecord record;
  record.id = options.run_id.empty() ? NewRunId(clock) : options.run_id;
  record.bot = bot.name;
  // Absolute, so `travet runs resume` finds the bot from any folder.
  std::error_code ec;
  auto absolute = std::filesystem::absolute(bot.file, ec);
  record.bot_file = ec ? bot.file : absolute.string();
  record.inputs = prepared->inputs;
  record.created_at = FormatRfc3339(clock.Now());
  TRAVET_RETURN_IF_ERROR(store.CreateRun(record));
  TRAVET_RETURN_IF_ERROR(
      store.Transition(record.id, store::RunState::kQueued, store::RunState::kRunning));
  auto running = store.GetRun(record.id);
  if (!running)
    return running.error();
  return Execute(bot, *running, *prepared, options, {});
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
  if (record->state != store::RunState::kWaitingReview &&
      record->state != store::RunState::kQueued) {
    return FailedPrecondition("run " + run_id + " is " +
                              std::string(store::RunStateName(record->state)) +
                              "; only a queued or waiting run can be resumed");
  }
  RunOptions resume = options;
  resume.inputs.clear();  // the run keeps the inputs it was started with
  auto prepared = Prepare(bot, resume);
  if (!prepared)
    return prepared.error();
  prepared->inputs = record->inputs;
  auto checkpoints = store.LoadCheckpoints(run_id);
  if (!checkpoints)
    return checkpoints.error();
  TRAVET_RETURN_IF_ERROR(store.Transition(run_id, record->state, store::RunState::kRunning));
  auto running = store.GetRun(run_id);
  if (!running)
    return running.error();
  return Execute(bot, *running, *prepared, options, std::move(*checkpoints));
}

}  // namespace travet::engine
