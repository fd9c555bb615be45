// `concurrency: N` on a loop with `items: true`: up to N work items run at
// once, each executor a thread with a StepRunner of its own (its own Lua
// state, HTTP client and log) over a copy of the run's data as it stood when
// the loop began. They share the store (one connection behind a lock), the
// review desk, the OCR engines and the run's lease. The rows are read one at
// a time as executors free up, so a streamed table is never held whole.
#include <algorithm>
#include <mutex>
#include <thread>

#include "runtime/actions/http_client.h"
#include "runtime/engine/step_runner.h"

namespace travet::engine {

// What the executors of one loop share; every field under `mu`.
struct ItemFeed {
  std::mutex mu;
  ItemQueue* queue = nullptr;
  std::vector<store::WorkItem> done;  // as each item ended
  Status stop;                        // the first interruption or unreadable row
  long long steps_run = 0;
  Status interrupted, unsaved;  // the first of the executors'
};

Result<std::vector<store::WorkItem>> StepRunner::RunItemsAtOnce(const lang::Step& step,
                                                                ItemQueue& queue) {
  // The executors' checkpoints must not get ahead of the steps before the loop.
  if (!Flush().ok())
    return unsaved_;
  ItemFeed feed;
  feed.queue = &queue;
  const size_t executors = std::min(static_cast<size_t>(step.concurrency), queue.size());
  std::vector<std::thread> threads;
  threads.reserve(executors);
  for (size_t i = 0; i < executors; ++i)
    threads.emplace_back([&] { ExecuteItems(step, feed); });
  for (auto& thread : threads)
    thread.join();
  steps_run_ += feed.steps_run;
  if (!feed.unsaved.ok() && unsaved_.ok())
    unsaved_ = feed.unsaved;
  if (!feed.interrupted.ok() && interrupted_.ok())
    interrupted_ = feed.interrupted;
  if (!feed.stop.ok())
    return feed.stop;
  std::sort(feed.done.begin(), feed.done.end(),
            [](const store::WorkItem& a, const store::WorkItem& b) { return a.index < b.index; });
  return LoopItems(queue, std::move(feed.done));
}

void StepRunner::ExecuteItems(const lang::Step& step, ItemFeed& feed) {
  expr::Evaluator evaluator(deps_.expr_limits);
  actions::HttpClient http;
  std::unique_ptr<RunLog> log = deps_.log->Fork();
  StepRunnerDeps deps = deps_;
  deps.evaluator = &evaluator;
  deps.http = &http;
  deps.log = log.get();
  RunData data = data_;
  StepRunner executor(std::move(deps), data);
  executor.scope_ = scope_;  // an enclosing loop's variable, an `error` being handled
  executor.BindData();
  // Each item starts from the vars the loop began with: what one item sets is
  // its own, not the next one's.
  const Value vars = data.vars;
  for (;;) {
    {
      std::lock_guard lock(feed.mu);
      if (!feed.stop.ok())
        break;
    }
    auto next = executor.NextItem(*feed.queue, &feed.mu);
    if (!next || !*next) {
      std::lock_guard lock(feed.mu);
      if (!next && feed.stop.ok())
        feed.stop = next.error();
      break;
    }
    store::WorkItem& item = (*next)->item;
    data.vars = vars;
    executor.BindLoopVar(step.as, &(*next)->value);
    Status s = executor.RunItem(step, (*next)->value, item);
    std::lock_guard lock(feed.mu);
    feed.done.push_back(std::move(item));
    if (!s.ok()) {  // interrupted: no more items start
      if (feed.stop.ok())
        feed.stop = s;
      break;
    }
  }
  (void)executor.Flush();
  std::lock_guard lock(feed.mu);
  feed.steps_run += executor.steps_run_;
  if (feed.unsaved.ok())
    feed.unsaved = executor.unsaved_;
  if (feed.interrupted.ok())
    feed.interrupted = executor.interrupted_;
}

}  // namespace travet::engine
