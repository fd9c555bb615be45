#pragma once

#include <atomic>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>

#include "runtime/core/clock.h"
#include "runtime/core/logger.h"
#include "runtime/core/result.h"
#include "runtime/engine/run_lease.h"
#include "runtime/engine/run_log.h"
#include "runtime/engine/secrets.h"
#include "runtime/engine/step_observer.h"
#include "runtime/expr/evaluator.h"
#include "runtime/lang/model.h"
#include "runtime/store/store.h"

namespace travet::ocr {
class DocumentReader;
}  // namespace travet::ocr

namespace travet::engine {

struct RunOptions {
  std::map<std::string, std::string> inputs;  // from -i key=value
  // File actions stay beneath it. Empty: "." for a new run, the folder
  // recorded with the run when it resumes (else ".").
  std::filesystem::path work_dir;
  store::Store* store = nullptr;  // required
  Clock* clock = nullptr;         // default: the system clock
  SecretSource secrets;
  // Reads the environment for the bot's `env` list; default: the real one.
  std::function<std::optional<std::string>(const std::string&)> getenv;
  RunLog::Sink log_sink;  // where log lines go besides the store
  std::string run_id;     // default: a new one
  expr::Limits expr_limits;
  // The run is claimed with a lease of `lease.length`, renewed every
  // `lease.heartbeat` while it runs; another executor may take it over once
  // the lease lapsed.
  LeaseTiming lease;
  std::string lease_owner;  // default: ProcessLeaseOwner()
  // When set and it becomes true (e.g. on SIGTERM), the run stops before its
  // next step and is given back at once (Store::ReleaseRun: queued, its
  // checkpoints kept), for any worker to resume; a work item a worker runs
  // (RunClaimedItem) goes back to pending the same way (Store::ReleaseItem).
  const std::atomic<bool>* stop = nullptr;
  // Reads the scans of `ocr.read` and `ocr.extract` steps (the program's one
  // Recognizer: its engines serve every run). None: those steps fail.
  ocr::DocumentReader* ocr = nullptr;
  // Told of each action step that runs (its action, time, OCR pages).
  StepObserver observe;
};

struct RunOutcome {
  std::string run_id;
  store::RunState state = store::RunState::kFailed;
  std::string error;        // masked
  std::string waiting_for;  // when waiting: "waiting for review t-... in queue q"
  std::string outcome;      // when a `stop` step ended it: "skipped: not an application"
  long long steps_run = 0;
};

// Runs `bot` to its end or until a step waits for a review (state
// waiting_review; nothing holds a thread or process while it waits): resolves inputs, secrets and
// env, records the run in the store (queued → running → succeeded | failed), evaluates vars and
// runs the steps, then the bot's on_error if it failed. A Status error means the run could not
// start (kInvalidArgument: bad inputs; others: secrets, store); a failed bot is an outcome, not an
// error.
Result<RunOutcome> RunBot(const lang::Bot& bot, const RunOptions& options);

// Continues a run that waits for a review (or was re-queued after one), or
// takes over a running run whose lease lapsed or whose lease holder is a
// process on this host that no longer exists: its checkpointed steps are not
// run again; the step that was in flight (or waited) runs again. The run
// keeps its inputs; `options.inputs` is ignored. kFailedPrecondition "run r-1
// is being executed by H:P:X until T" for a live lease, and "run r-1 is
// succeeded; only a queued or waiting run can be resumed" for a final run.
//
// Every executor of a run (RunBot, ResumeRun, ExecuteClaimedRun) holds its
// lease with a heartbeat and is fenced by its attempt: once it lost the
// lease (taken over, cancelled) it stops at the next step boundary without
// writing anything more, and returns that refusal as the error. Stopped
// (`options.stop`), it gives the run back and returns kCancelled "run r-1
// stopped before its next step; queued again for any worker".
Result<RunOutcome> ResumeRun(const lang::Bot& bot, const std::string& run_id,
                             const RunOptions& options);

// Executes a run this process already claimed (Store::ClaimRun or
// ClaimNextRun; `claimed` as the claim returned it) from its checkpoints.
// When the bot cannot be prepared (secrets, inputs) the run is failed with
// that error, which is also returned.
Result<RunOutcome> ExecuteClaimedRun(const lang::Bot& bot, const store::RunRecord& claimed,
                                     const RunOptions& options);

// Runs one work item of a run that another process executes, which
// Store::ClaimItem gave this worker (`claim`): the steps before the item's
// loop restore from the run's checkpoints, the item's steps run under the
// item's own lease (`options.lease`), and the item is saved as it ended. The
// run itself is left to its executor, which concludes the loop. Returns the
// item as stored. When the item cannot be reached (the bot is not the run's
// or no longer loads the same, a step before the loop would have to run
// again with a side effect) it goes back to pending for the run's executor,
// and the reason is returned; when its claim was lost, the refusal.
Result<store::WorkItem> RunClaimedItem(const lang::Bot& bot, const store::ItemClaim& claim,
                                       const RunOptions& options);

// Gives a claimed work item back (pending) after it could not run here.
void ReleaseItem(store::Store& store, const store::ItemClaim& claim);

// A new run id: "r-YYYYMMDD-HHMMSS-xxxxxx" (UTC, random suffix).
std::string NewRunId(Clock& clock);

}  // namespace travet::engine
