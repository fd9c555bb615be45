#pragma once

#include <filesystem>
#include <functional>
#include <string>

#include "runtime/core/clock.h"
#include "runtime/core/logger.h"
#include "runtime/core/result.h"
#include "runtime/core/value.h"
#include "runtime/lang/action_spec.h"

namespace travet::expr {
class Evaluator;
class Scope;
}  // namespace travet::expr

namespace travet::actions {

class HttpClient;

// What a running action may use. The engine builds one per step; everything
// it points to outlives the call.
struct ActionContext {
  std::string run_id;
  std::string step_path;        // e.g. "each[17].post"
  std::string idempotency_key;  // default key: derived from run id + step path
  std::filesystem::path work_dir;  // file actions resolve paths beneath it
  TimePoint deadline = TimePoint::max();  // from the step's `timeout`
  Clock* clock = nullptr;
  Logger* logger = nullptr;
  HttpClient* http = nullptr;         // one reused handle per worker
  expr::Evaluator* evaluator = nullptr;  // for `script`
  const expr::Scope* scope = nullptr;    // for `script`
  Value* vars = nullptr;                 // `set` writes here
};

// Runs an action with its rendered parameters; returns the step's output (a
// map, or null when there is none) or a Status whose retryable() tells the
// engine whether `retry` applies.
using ActionFn = std::function<Result<Value>(const Value& params, ActionContext& ctx)>;

// One row of the action table.
struct ActionDef {
  lang::ActionSpec spec;
  ActionFn run;
  // Changes something outside the run (POST, file move): the engine gives it
  // an idempotency key and treats a repeat after a crash with care.
  bool side_effect = false;
};

}  // namespace travet::actions
