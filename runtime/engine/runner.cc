#include "runtime/engine/runner.h"

#include <random>

#include "runtime/actions/http_client.h"
#include "runtime/engine/inputs.h"
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
  if (!inputs) return inputs.error();
  p.inputs = std::move(*inputs);
  SecretSource source = options.secrets;
  auto getenv = options.getenv ? options.getenv : GetEnv;
  if (!source.getenv) source.getenv = getenv;
  auto secrets = LoadSecrets(bot.secrets, source);
  if (!secrets) return secrets.error();
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
    if (!value) return value.error().WithContext("vars." + name);
    data.vars[name] = std::move(*value);
  }
  return Status::Ok();
}

}  // namespace

std::string NewRunId(Clock& clock) {
  std::string stamp = FormatRfc3339(clock.Now());  // 2026-11-27T08:15:00.123Z
  std::string compact;
  for (char c : stamp.substr(0, 19)) {
    if (c != '-' && c != ':') compact += c == 'T' ? '-' : c;
  }
  static thread_local std::mt19937_64 rng{std::random_device{}()};
  char suffix[8];
  std::snprintf(suffix, sizeof suffix, "%06llx", static_cast<unsigned long long>(rng() & 0xFFFFFF));
  return "r-" + compact + "-" + suffix;
}

Result<RunOutcome> RunBot(const lang::Bot& bot, const RunOptions& options) {
  if (!options.store) return InvalidArgument("no store");
  Clock& clock = options.clock ? *options.clock : DefaultClock();
  auto prepared = Prepare(bot, options);
  if (!prepared) return prepared.error();
  store::Store& store = *options.store;

  store::RunRecord record;
  record.id = options.run_id.empty() ? NewRunId(clock) : options.run_id;
  record.bot = bot.name;
  record.bot_file = bot.file;
  record.inputs = prepared->inputs;
  record.created_at = FormatRfc3339(clock.Now());
  TRAVET_RETURN_IF_ERROR(store.CreateRun(record));
  TRAVET_RETURN_IF_ERROR(store.Transition(record.id, store::RunState::kQueued, store::RunState::kRunning));

  RunLog log(store, record.id, prepared->mask, clock, options.log_sink);
  RunData data;
  data.inputs = prepared->inputs;
  data.env = prepared->env;
  data.secrets = prepared->secrets;
  data.run = {{"id", record.id}, {"bot", bot.name}, {"started_at", record.created_at}, {"attempt", 1}};
  expr::Evaluator evaluator(options.expr_limits);
  actions::HttpClient http;
  StepRunnerDeps deps{record.id, options.work_dir, &store, &clock, &log, &evaluator, &http, {}};
  StepRunner runner(std::move(deps), data);

  log.Write(LogLevel::kInfo, "", "run of " + bot.name + " started");
  Status status = EvaluateVars(bot, evaluator, data);
  if (status.ok()) status = runner.RunBlock(bot.steps, "");
  if (!status.ok() && !bot.on_error.empty()) {
    Status handler = runner.RunHandler(bot.on_error, "on_error", status);
    if (!handler.ok()) log.Write(LogLevel::kError, "on_error", "handler failed: " + handler.message());
  }

  runner.Flush();
  RunOutcome outcome;
  outcome.run_id = record.id;
  outcome.steps_run = runner.steps_run();
  outcome.state = status.ok() ? store::RunState::kSucceeded : store::RunState::kFailed;
  outcome.error = status.ok() ? "" : prepared->mask->Mask(status.message());
  log.Write(status.ok() ? LogLevel::kInfo : LogLevel::kError, "",
            status.ok() ? "run succeeded" : "run failed: " + outcome.error);
  TRAVET_RETURN_IF_ERROR(store.Transition(record.id, store::RunState::kRunning, outcome.state, outcome.error));
  return outcome;
}

}  // namespace travet::engine
