#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>

#include "runtime/core/clock.h"
#include "runtime/core/logger.h"
#include "runtime/core/result.h"
#include "runtime/engine/run_log.h"
#include "runtime/engine/secrets.h"
#include "runtime/expr/evaluator.h"
#include "runtime/lang/model.h"
#include "runtime/store/store.h"

namespace travet::engine {

struct RunOptions {
  std::map<std::string, std::string> inputs;  // from -i key=value
  std::filesystem::path work_dir = ".";       // file actions stay beneath it
  store::Store* store = nullptr;              // required
  Clock* clock = nullptr;                     // default: the system clock
  SecretSource secrets;
  // Reads the environment for the bot's `env` list; default: the real one.
  std::function<std::optional<std::string>(const std::string&)> getenv;
  RunLog::Sink log_sink;  // where log lines go besides the store
  std::string run_id;     // default: a new one
  expr::Limits expr_limits;
};

struct RunOutcome {
  std::string run_id;
  store::RunState state = store::RunState::kFailed;
  std::string error;        // masked
  std::string waiting_for;  // when waiting: "waiting for review t-... in queue q"
  long long steps_run = 0;
};

// Runs `bot` to its end or until a step waits for a review (state
// waiting_review; nothing holds a thread or process while it waits): resolves inputs, secrets and
// env, records the run in the store (queued → running → succeeded | failed), evaluates vars and
// runs the steps, then the bot's on_error if it failed. A Status error means the run could not
// start (kInvalidArgument: bad inputs; others: secrets, store); a failed bot is an outcome, not an
// error.
Result<RunOutcome> RunBot(const lang::Bot& bot, const RunOptions& options);

// Continues a run that waits for a review (or was re-queued after one): its
// checkpointed steps are not run again; the step that waited runs again and
// now reads the decision. The run keeps its inputs; `options.inputs` is
// ignored. kFailedPrecondition when the run is in any other state.
Result<RunOutcome> ResumeRun(const lang::Bot& bot, const std::string& run_id,
                             const RunOptions& options);

// A new run id: "r-YYYYMMDD-HHMMSS-xxxxxx" (UTC, random suffix).
std::string NewRunId(Clock& clock);

}  // namespace travet::engine
