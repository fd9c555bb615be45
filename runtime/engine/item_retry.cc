// `travet runs retry`: failed work items are a dead-letter queue a person
// empties once the cause is fixed.
#include "runtime/engine/item_retry.h"

#include <algorithm>

#include "runtime/engine/step_runner.h"

namespace travet::engine {
namespace {

// The top-level steps after the loop at `loop_path`, and the bot's handler.
Result<std::vector<std::string>> StepsAfter(const lang::Bot& bot, const std::string& loop_path) {
  if (loop_path.find_first_of(".[") != std::string::npos) {
    return InvalidArgument("the items of " + loop_path +
                           " are in a loop inside another step; retrying those is not supported "
                           "yet");
  }
  std::vector<std::string> after{"on_error"};
  bool found = false;
  for (size_t i = 0; i < bot.steps.size(); ++i) {
    std::string path = StepPath("", bot.steps[i], i);
    if (found)
      after.push_back(path);
    found = found || path == loop_path;
  }
  if (!found)
    return NotFound("bot " + bot.name + " has no loop " + loop_path + " (was the bot changed?)");
  return after;
}

std::string Keys(const std::vector<store::WorkItem>& items) {
  std::string keys;
  for (const auto& item : items)
    keys += (keys.empty() ? "" : ", ") + item.key;
  return keys;
}

}  // namespace

Result<RetryPlan> PlanRetry(const lang::Bot& bot, const std::vector<store::WorkItem>& items,
                            const std::vector<std::string>& keys) {
  RetryPlan plan;
  for (const auto& item : items) {
    bool chosen = keys.empty() ? item.state == store::ItemState::kFailed
                               : std::find(keys.begin(), keys.end(), item.key) != keys.end();
    if (chosen)
      plan.items.push_back(item);
  }
  for (const auto& key : keys) {
    if (std::none_of(items.begin(), items.end(), [&](const auto& i) { return i.key == key; }))
      return NotFound("no work item '" + key + "' (see travet runs items)");
  }
  if (plan.items.empty())
    return InvalidArgument("no failed work items to retry");
  for (const auto& item : plan.items) {
    Result<std::vector<std::string>> after = StepsAfter(bot, item.loop_path);
    if (!after)
      return after.error();
    for (auto& path : *after) {
      if (std::find(plan.also_redo.begin(), plan.also_redo.end(), path) == plan.also_redo.end())
        plan.also_redo.push_back(std::move(path));
    }
  }
  return plan;
}

Result<RunOutcome> RetryItems(const lang::Bot& bot, const std::string& run_id,
                              const std::vector<std::string>& keys, const RunOptions& options) {
  if (!options.store)
    return InvalidArgument("no store");
  store::Store& store = *options.store;
  Result<store::RunRecord> run = store.GetRun(run_id);
  if (!run)
    return run.error();
  if (run->bot != bot.name)
    return InvalidArgument("run " + run_id + " is a run of " + run->bot + ", not of " + bot.name);
  Result<std::vector<store::WorkItem>> items = store.ListWorkItems(run_id);
  if (!items)
    return items.error();
  Result<RetryPlan> plan = PlanRetry(bot, *items, keys);
  if (!plan)
    return plan.error();
  Result<std::vector<store::WorkItem>> reopened =
      store.RetryWorkItems(run_id, plan->items, plan->also_redo);
  if (!reopened)
    return reopened.error();
  TRAVET_RETURN_IF_ERROR(
      store.AppendEvent(run_id, {.level = "info",
                                 .message = std::to_string(reopened->size()) +
                                            " work items sent back to work: " + Keys(*reopened)}));
  return ResumeRun(bot, run_id, options);
}

}  // namespace travet::engine
