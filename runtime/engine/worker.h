#pragma once

#include <atomic>
#include <functional>
#include <string>

#include "runtime/core/clock.h"
#include "runtime/engine/run_lease.h"
#include "runtime/engine/run_log.h"
#include "runtime/engine/step_observer.h"
#include "runtime/engine/work_signal.h"
#include "runtime/store/store.h"

namespace travet::ocr {
class DocumentReader;
}  // namespace travet::ocr

namespace travet::engine {

// What one worker says as it goes: a run finished, stopped or could not be
// loaded; a review task escalated or expired (`problem` false); or the store
// failed it (`problem` true). One line, without a newline.
using WorkerReport = std::function<void(const std::string& line, bool problem)>;

// How a worker claims and executes runs. Everything outlives the worker.
struct WorkerOptions {
  store::Store* store = nullptr;
  Millis poll{2000};  // pause between looks for work when idle
  LeaseTiming lease;
  std::string secrets_file;  // NAME=value secrets for every run; empty: none
  RunLog::Sink log_sink;     // the log lines of every run
  // Set (by a signal handler, a server shutting down) to stop: nothing more
  // is claimed, the current step finishes and is checkpointed, the run or
  // work item being executed is given back at once (queued, pending) for
  // any worker to resume, then RunWorker returns. Null: runs until `once`
  // ends it.
  const std::atomic<bool>* stop = nullptr;
  bool once = false;                   // return once nothing is claimable
  ocr::DocumentReader* ocr = nullptr;  // for the runs' OCR steps (RunOptions::ocr)
  WorkerReport report;
  // When set, an idle worker also wakes when it is notified (the server's
  // own runs and decisions), not only every `poll`.
  WorkSignal* wake = nullptr;
  StepObserver observe;  // told of each action step the worker runs (RunOptions::observe)
};

// One worker: claims runs that are queued or whose lease lapsed
// (ClaimNextRun), loads each bot from the file recorded with the run and
// executes it from its checkpoints; a run whose bot no longer loads fails
// with "cannot load the bot: …". With no run to claim, it helps with the
// work items of runs others execute (Store::ClaimItem, RunClaimedItem), one
// item at a time. Sweeps the review tasks (escalation,
// expiry) when it starts and after each idle pause. Returns false when the
// store failed it at least once. Several workers may run at once on one
// store, each on its own thread; `report` must then be thread-safe.
bool RunWorker(const WorkerOptions& options);

}  // namespace travet::engine
