#pragma once

#include <filesystem>
#include <functional>
#include <optional>
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

namespace travet::ocr {
class DocumentReader;
}  // namespace travet::ocr

namespace travet::actions {

class HttpClient;

// What the `review` action (or `ocr.extract` with `review:`) asks for: a
// person to check these fields.
struct ReviewRequest {
  std::string queue = "default";
  std::string document;
  int page = 0;
  Value fields = Value::object();  // name -> value, or -> {value, raw, confidence, ...}
  std::string instructions;
  int priority = 0;
  std::optional<Millis> due;      // from now; undecided by then, the task is escalated once
  std::optional<Millis> expires;  // from now; undecided by then, the task expires
  std::string escalate_to;        // queue an escalation moves the task to
  int approvals = 1;              // 2: four eyes, two different approvers
  bool sampled = false;           // a QA sample of a confident extraction
};

// Where review tasks live, as the `review` action sees it; the engine
// provides it over the store.
class ReviewDesk {
 public:
  virtual ~ReviewDesk() = default;
  // The decision on this run's step, as the step's output ({fields, decision,
  // reviewer, task, sampled}); or, when there is none yet, creates the task (once) and
  // returns kSuspended; a rejection is kFailed with the reviewer's reason.
  virtual Result<Value> Request(const std::string& run_id, const std::string& step_path,
                                const ReviewRequest& request) = 0;
};

// What a running action may use. The engine builds one per step; everything
// it points to outlives the call.
struct ActionContext {
  std::string run_id;
  std::string step_path;                  // e.g. "each[17].post"
  std::string idempotency_key;            // default key: derived from run id + step path
  std::filesystem::path work_dir;         // file actions resolve paths beneath it
  TimePoint deadline = TimePoint::max();  // from the step's `timeout`
  Clock* clock = nullptr;
  Logger* logger = nullptr;
  HttpClient* http = nullptr;            // one reused handle per worker
  expr::Evaluator* evaluator = nullptr;  // for `script`
  const expr::Scope* scope = nullptr;    // for `script`
  Value* vars = nullptr;                 // `set` writes here
  ReviewDesk* review = nullptr;          // for `review`
  ocr::DocumentReader* ocr = nullptr;    // for `ocr.read`, `ocr.extract`; none: they fail
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
