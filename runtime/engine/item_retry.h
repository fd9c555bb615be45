#pragma once

#include <string>
#include <vector>

#include "runtime/core/result.h"
#include "runtime/engine/runner.h"
#include "runtime/lang/model.h"
#include "runtime/store/store.h"
#include "runtime/store/work_item.h"

namespace travet::engine {

// What a retry sends back to work: the items, and the steps after their loop
// and after every step that encloses it (and the bot's on_error), which build
// on the items and run again.
struct RetryPlan {
  std::vector<store::WorkItem> items;
  std::vector<std::string> also_redo;  // step paths
};

// The failed items of `items` (all of a run) when `keys` is empty, else the
// items with those keys. kNotFound for a key no item has, or a loop the bot
// no longer has; kInvalidArgument when nothing is to be retried, or for items
// of a loop inside another `items: true` loop (retry the outer item).
Result<RetryPlan> PlanRetry(const lang::Bot& bot, const std::vector<store::WorkItem>& items,
                            const std::vector<std::string>& keys);

// Sends the items `keys` name (PlanRetry) of run `run_id` back to work in
// `store` and notes it in the run's log: the run is queued again, for any
// executor (a server's workers claim it). Returns the items as they now are.
Result<std::vector<store::WorkItem>> SendItemsBack(const lang::Bot& bot, const std::string& run_id,
                                                   const std::vector<std::string>& keys,
                                                   store::Store& store);

// SendItemsBack, then resumes the run here with `options` (as ResumeRun).
Result<RunOutcome> RetryItems(const lang::Bot& bot, const std::string& run_id,
                              const std::vector<std::string>& keys, const RunOptions& options);

}  // namespace travet::engine
