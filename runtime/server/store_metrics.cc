#include "runtime/server/store_metrics.h"

#include <algorithm>
#include <array>
#include <map>
#include <sstream>

#include "runtime/server/histogram.h"
#include "runtime/server/metrics.h"

namespace travet::server {
namespace {

// Every state is written, 0 included, so that a graph of one does not end
// when its last run or item leaves it.
constexpr std::array kRunStates = {store::RunState::kQueued,        store::RunState::kRunning,
                                   store::RunState::kWaitingReview, store::RunState::kSucceeded,
                                   store::RunState::kFailed,        store::RunState::kCancelled};
constexpr std::array kItemStates = {store::ItemState::kPending, store::ItemState::kRunning,
                                    store::ItemState::kWaitingReview, store::ItemState::kSucceeded,
                                    store::ItemState::kFailed};

Status RenderRuns(store::Store& store, std::ostream& out) {
  auto counts = store.CountRuns();
  if (!counts) {
    return counts.error();
  }
  std::map<std::string, std::map<store::RunState, long long>> by_bot;
  for (const store::RunCount& c : *counts) {
    by_bot[c.bot][c.state] = c.count;
  }
  out << "# HELP travet_runs Runs in the store, by bot and state.\n"
      << "# TYPE travet_runs gauge\n";
  for (const auto& [bot, states] : by_bot) {
    for (const store::RunState state : kRunStates) {
      const auto found = states.find(state);
      out << "travet_runs{bot=\"" << LabelValue(bot) << "\",state=\"" << store::RunStateName(state)
          << "\"} " << (found == states.end() ? 0 : found->second) << "\n";
    }
  }
  return Status::Ok();
}

Status RenderItems(store::Store& store, std::ostream& out) {
  auto counts = store.CountItems();
  if (!counts) {
    return counts.error();
  }
  out << "# HELP travet_work_items Work items in the store, of every run, by state.\n"
      << "# TYPE travet_work_items gauge\n";
  for (const store::ItemState state : kItemStates) {
    const auto found =
        std::find_if(counts->begin(), counts->end(),
                     [state](const store::ItemCount& c) { return c.state == state; });
    out << "travet_work_items{state=\"" << store::ItemStateName(state) << "\"} "
        << (found == counts->end() ? 0 : found->count) << "\n";
  }
  return Status::Ok();
}

Status RenderQueues(store::Store& store, TimePoint now, std::ostream& out) {
  auto queues = store.CountOpenTasks();
  if (!queues) {
    return queues.error();
  }
  std::ostringstream ages;
  out << "# HELP travet_review_queue_depth Review tasks waiting for a decision (pending or "
         "claimed), by queue.\n"
      << "# TYPE travet_review_queue_depth gauge\n";
  ages << "# HELP travet_review_oldest_task_age_seconds Age of the oldest review task waiting "
          "for a decision, by queue (0 when none waits).\n"
       << "# TYPE travet_review_oldest_task_age_seconds gauge\n";
  for (const store::QueueBacklog& q : *queues) {
    const std::string label = "{queue=\"" + LabelValue(q.queue) + "\"} ";
    out << "travet_review_queue_depth" << label << q.open << "\n";
    const std::optional<TimePoint> oldest = ParseRfc3339(q.oldest_created_at);
    const double age =
        oldest ? std::max(0.0, std::chrono::duration<double>(now - *oldest).count()) : 0.0;
    ages << "travet_review_oldest_task_age_seconds" << label << SampleValue(age) << "\n";
  }
  out << ages.str();
  return Status::Ok();
}

}  // namespace

Result<std::string> RenderStoreMetrics(store::Store& store, TimePoint now) {
  std::ostringstream out;
  TRAVET_RETURN_IF_ERROR(RenderRuns(store, out));
  TRAVET_RETURN_IF_ERROR(RenderItems(store, out));
  TRAVET_RETURN_IF_ERROR(RenderQueues(store, now, out));
  return out.str();
}

}  // namespace travet::server
