// `travet runs retry`: failed work items are a dead-letter queue a person
// empties once the cause is fixed.
#include "runtime/engine/item_retry.h"

#include <algorithm>
#include <optional>

#include "runtime/engine/step_runner.h"

namespace travet::engine {
namespace {

// The paths of the steps after `index` in `block` (whose paths start with
// `prefix`), added to `after`.
void AddStepsAfter(const std::vector<lang::Step>& block, size_t index, const std::string& prefix,
                   std::vector<std::string>& after) {
  for (size_t i = index + 1; i < block.size(); ++i)
    after.push_back(StepPath(prefix, block[i], i));
}

// The step of `block` whose path is `path`; its index, or nullopt.
std::optional<size_t> FindStep(const std::vector<lang::Step>& block, const std::string& prefix,
                               const std::string& path) {
  for (size_t i = 0; i < block.size(); ++i) {
    if (StepPath(prefix, block[i], i) == path)
      return i;
  }
  return std::nullopt;
}

// The steps that build on the items of the loop at `loop_path` and so run
// again with them: the steps after the loop in its block, and, going out
// through every enclosing step (the iteration of a loop, as "outer[2].each"
// says, or an `on_error` handler), the steps after each of those; then the
// bot's handler. An enclosing `items: true` loop would keep its finished
// item, so that case is refused.
Result<std::vector<std::string>> StepsAfter(const lang::Bot& bot, const std::string& loop_path) {
  auto missing = [&] {
    return NotFound("bot " + bot.name + " has no loop " + loop_path + " (was the bot changed?)");
  };
  std::vector<std::string> after;
  const std::vector<lang::Step>* block = &bot.steps;
  std::string prefix;
  size_t start = 0;
  while (true) {
    size_t dot = loop_path.find('.', start);
    std::string segment = loop_path.substr(start, dot == std::string::npos ? dot : dot - start);
    size_t bracket = segment.find('[');
    std::string path = prefix + segment.substr(0, bracket);
    std::optional<size_t> index = FindStep(*block, prefix, path);
    if (!index)
      return missing();
    AddStepsAfter(*block, *index, prefix, after);
    const lang::Step& step = (*block)[*index];
    if (dot == std::string::npos)
      break;
    start = dot + 1;
    if (bracket != std::string::npos && step.is_loop()) {
      if (step.items) {
        return InvalidArgument("the items of " + loop_path + " are inside work item " + prefix +
                               segment + ", which is finished; retry that item instead");
      }
      block = &step.steps;
      prefix += segment + ".";
    } else if (bracket == std::string::npos && loop_path.compare(start, 9, "on_error.") == 0) {
      block = &step.on_error;
      prefix = path + ".on_error.";
      start += 9;
    } else {
      return missing();
    }
  }
  after.push_back("on_error");
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

Result<std::vector<store::WorkItem>> SendItemsBack(const lang::Bot& bot, const std::string& run_id,
                                                   const std::vector<std::string>& keys,
                                                   store::Store& store) {
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
  return reopened;
}

Result<RunOutcome> RetryItems(const lang::Bot& bot, const std::string& run_id,
                              const std::vector<std::string>& keys, const RunOptions& options) {
  if (!options.store)
    return InvalidArgument("no store");
  Result<std::vector<store::WorkItem>> reopened = SendItemsBack(bot, run_id, keys, *options.store);
  if (!reopened)
    return reopened.error();
  return ResumeRun(bot, run_id, options);
}

}  // namespace travet::engine
