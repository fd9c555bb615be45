#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "runtime/actions/action.h"
#include "runtime/core/clock.h"
#include "runtime/core/status.h"
#include "runtime/core/value.h"
#include "runtime/engine/item_queue.h"
#include "runtime/engine/row_source.h"
#include "runtime/engine/run_log.h"
#include "runtime/engine/step_observer.h"
#include "runtime/expr/evaluator.h"
#include "runtime/lang/model.h"
#include "runtime/store/store.h"

namespace travet::engine {

// What expressions of a run can read; the StepRunner updates `steps` and
// `vars` as steps finish.
struct RunData {
  Value inputs = Value::object();
  Value vars = Value::object();
  Value env = Value::object();
  Value secrets = Value::object();
  Value steps = Value::object();
  Value run = Value::object();
};

// What a StepRunner works with; everything outlives it.
struct StepRunnerDeps {
  std::string run_id;
  std::filesystem::path work_dir;
  store::Store* store = nullptr;
  Clock* clock = nullptr;
  RunLog* log = nullptr;
  expr::Evaluator* evaluator = nullptr;
  actions::HttpClient* http = nullptr;
  actions::ReviewDesk* review = nullptr;
  ocr::DocumentReader* ocr = nullptr;  // reads the scans of ocr.read and ocr.extract
  // Checkpoints of an earlier attempt, by step path: those steps are not run
  // again. A success restores its output; a failure is handled again as it
  // was then (its handler's own steps restore from their checkpoints).
  std::map<std::string, store::Checkpoint> done;
  // Work items of an earlier attempt, by path ("each[3]"): a finished one is
  // not run again; the others run again, their steps restoring as above.
  std::map<std::string, store::WorkItem> items;
  // The limits of the Lua state each executor of a `concurrency:` loop gets.
  expr::Limits expr_limits;
  // The attempt that claimed the run: checkpoints carry it (fencing); 0 saves
  // them unfenced.
  int attempt = 0;
  // Asked before each step runs: a non-ok Status (the lease was lost, the
  // process is stopping) stops the run there, unhandled by on_error.
  std::function<Status()> interrupt;
  // Who claims the work items of the bot's top-level `items: true` loops for
  // this run (its lease owner): they are then taken one at a time through
  // Store::ClaimItem, and idle workers may take some (RunClaimedItem). Empty:
  // items are taken in turn and run nowhere else.
  std::string item_owner;
  // Appended to every idempotency key: "#retry3" once people sent work items
  // back three times. What runs after a retry does its work anew; with the
  // old keys a backend would answer with what it answered before.
  std::string key_suffix;
  StepObserver observe;  // told of each action step that ran; may be empty
};

// Executes steps in order: `if`, `foreach` (with `items: true`, each
// iteration a work item: see work_items.cc), actions with `retry` and
// `timeout`, `continue_on_error` and `on_error`, and saves a checkpoint after
// each step under its path ("each[17].post"). Not thread-safe.
struct ItemFeed;

class StepRunner {
 public:
  StepRunner(StepRunnerDeps deps, RunData& data);

  // Runs `steps`, whose paths start with `prefix` ("" at the top). Returns the
  // first failure that no on_error/continue_on_error handled.
  Status RunBlock(const std::vector<lang::Step>& steps, const std::string& prefix);

  // Runs one work item of a run another process executes: the steps before
  // its loop restore from the run's checkpoints (a step that would have to
  // run again with a side effect stops it: kFailedPrecondition), then the
  // item's steps run and the item is saved. Only the item's checkpoints are
  // saved. Returns how the item ended (ok once saved, whatever its state),
  // or why it could not run.
  // `item` ends as the store holds it.
  Status RunOnlyItem(const std::vector<lang::Step>& steps, store::WorkItem& item);

  // Runs the bot-level handler with `error` bound to `failure`.
  Status RunHandler(const std::vector<lang::Step>& handler, const std::string& path,
                    const Status& failure);

  // Writes the checkpoints and work items still held back (see Record). Call
  // at the end of a run and before it waits. Returns unsaved().
  Status Flush();

  // How many action steps ran (not restored from a checkpoint).
  long long steps_run() const { return steps_run_; }
  // Ok, or why the run was interrupted (see StepRunnerDeps::interrupt, and
  // unsaved()).
  const Status& interrupted() const { return interrupted_; }
  // Ok, or the first checkpoint or work item the store refused: the run is
  // interrupted before its next step, and must end failed.
  const Status& unsaved() const { return unsaved_; }

 private:
  Status RunStep(const lang::Step& step, const std::string& path);
  // nullopt when `path` has no checkpoint and must run; otherwise what its
  // checkpoint says: done (ok), or the failure it ended with, handled again.
  std::optional<Status> Restore(const lang::Step& step, const std::string& path);
  Result<bool> EvaluateCondition(const std::string& text);
  Result<Value> EvaluateText(const std::string& text);
  // What a loop goes through: its `foreach` evaluated (a map as {key, value}
  // entries), or the rows of a streamed CSV file it refers to.
  Result<std::unique_ptr<RowSource>> LoopRows(const lang::Step& step, const std::string& path);
  // The rows of a streamed CSV for a loop; null items, without opening the
  // file, when every iteration restores from checkpoints (see Restorable).
  Result<std::unique_ptr<RowSource>> StreamedLoopRows(const lang::Step& step,
                                                      const std::string& path, const Value& ref);
  // Whether the first `count` iterations of `loop` restore from the checkpoints
  // (work items) of an earlier attempt without reading their item: every inner
  // step succeeded or was skipped and none is a loop or a `stop` (every item
  // finished, for `items: true`).
  bool Restorable(const lang::Step& loop, const std::string& path, size_t count) const;
  Status RunLoop(const lang::Step& step, const std::string& path);
  // A loop with `items: true` over `rows` (work_items.cc).
  Status RunItems(const lang::Step& step, const std::string& path, RowSource& rows);
  // Runs the items one after another; returns every item as it ended, or why
  // the loop stopped (an interruption, a row that could not be read).
  Result<std::vector<store::WorkItem>> RunItemsInTurn(const lang::Step& step, ItemQueue& queue);
  // Runs up to `step.concurrency` items at once (concurrent_items.cc).
  Result<std::vector<store::WorkItem>> RunItemsAtOnce(const lang::Step& step, ItemQueue& queue);
  // The next item `queue` has for this process; for a shared loop with none
  // claimable while others still run some, waits for them (a lapsed claim
  // comes back). nullopt: the loop has no more work here.
  // `lock`, when given, guards `queue` (the executors of RunItemsAtOnce).
  Result<std::optional<ItemQueue::Next>> NextItem(ItemQueue& queue, std::mutex* lock = nullptr);
  // Adds to the checkpoints to restore from those the store now holds for
  // `item`'s steps: an item taken again (its worker's claim lapsed) resumes
  // from what that worker did.
  Status LoadCheckpointsOf(const store::WorkItem& item);
  // The items of a loop once none runs any more: `ran` as they ended here,
  // or, for a shared loop, as the store holds them.
  Result<std::vector<store::WorkItem>> LoopItems(ItemQueue& queue,
                                                 std::vector<store::WorkItem> ran);
  // One executor of RunItemsAtOnce: a StepRunner of its own takes items
  // from `feed` until none is left or the loop stops.
  void ExecuteItems(const lang::Step& step, ItemFeed& feed);
  // The loop's output and outcome once its items ran: waiting, failed beyond
  // max_failures, or done.
  Status ConcludeItems(const lang::Step& step, const std::string& path,
                       const std::vector<store::WorkItem>& items);
  // Runs one work item's steps unless it is finished; updates `item`.
  Status RunItem(const lang::Step& step, const Value& value, store::WorkItem& item);
  // The item's `key:` as rendered, or its value when that is a string or a
  // number, or the `path` of a file (file.list), or its index.
  Result<std::string> ItemKey(const lang::Step& step, const Value& value,
                              const store::WorkItem& item);
  // For a loop with `unique: true`: takes the item's key in the store; when
  // another item of the bot holds it, ends the item as a duplicate (succeeded,
  // outcome "duplicate: …") and returns true.
  Result<bool> EndIfDuplicate(store::WorkItem& item);
  void SaveItem(const store::WorkItem& item);
  // Saves the `count` items of the loop at `path` as pending, unless an earlier
  // attempt did: `travet runs items` lists the ones not started yet too (their
  // key is known once they start). Not ok when the store refused them.
  Status RecordItemsToDo(const std::string& path, size_t count);
  Status RunAction(const lang::Step& step, const std::string& path);
  Result<Value> Attempt(const actions::ActionDef& action, const Value& params,
                        const lang::Step& step, const std::string& path);
  // Ok, or why a step run again on a resume to derive its output anew (see
  // Record) read something else than before: a file.read whose file changed.
  Status SameAsBefore(const std::string& path, const Value& params, const Value& output) const;
  Status HandleFailure(const lang::Step& step, const std::string& path, const Status& failure);
  // How a step's run ended, as its checkpoint records it.
  struct StepEnd {
    store::StepStatus status = store::StepStatus::kSucceeded;
    int attempts = 0;
    Millis duration{0};
    std::string error;
    bool side_effect = false;  // saved at once, with what came before
  };
  // Runs `action` once, then again as the step's `retry:` allows; `attempt`
  // ends as the number of the last attempt.
  Result<Value> AttemptWithRetries(const actions::ActionDef& action, const Value& params,
                                   const lang::Step& step, const std::string& path, int& attempt);
  // Tells deps_.observe that `step` ran for `took` and ended with `output`.
  void Observe(const lang::Step& step, TimePoint::duration took, const Result<Value>& output) const;
  // Records how the action of `step` ended and returns the step's status:
  // a wait or stop as it is, a failure after its handling (HandleFailure).
  Status Conclude(const lang::Step& step, const std::string& path, Result<Value> output,
                  StepEnd end);
  void Record(const lang::Step& step, const std::string& path, Value output, const StepEnd& end);
  void BindLoopVar(const std::string& name, const Value* value);
  // Binds inputs, vars, env, secrets, steps and run to data_.
  void BindData();
  // Records that the store refused `what` ("checkpoint") of `path`.
  void Unsaved(const std::string& path, const std::string& what, const Status& saved);

  StepRunnerDeps deps_;
  RunData& data_;
  expr::Scope scope_;
  long long steps_run_ = 0;
  // Checkpoints of steps without side effects, written in batches: losing
  // them in a crash only means those steps run again.
  std::vector<store::Checkpoint> pending_;
  // Work items whose state changed, written with the checkpoints.
  std::vector<store::WorkItem> pending_items_;
  Status interrupted_;
  Status unsaved_;
  // Set while a failure restored from a checkpoint is being handled again:
  // it was logged when it happened.
  bool replaying_ = false;
  // In RunOnlyItem: the prefix of the item's steps ("each[3]."); steps
  // outside it restore or run without side effects, and are not saved.
  std::string only_item_;
};

// The path of the step at `index` in its block: its id, or "step<N>".
std::string StepPath(const std::string& prefix, const lang::Step& step, size_t index);

}  // namespace travet::engine
