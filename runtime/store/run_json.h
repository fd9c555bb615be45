#pragma once

// Runs as JSON, one shape for `travet runs ... --json` and the REST API.

#include <vector>

#include "runtime/core/value.h"
#include "runtime/store/store.h"

namespace travet::store {

// A run's record: id, bot, state, inputs, times, attempt, lease, error.
Value RunJson(const RunRecord& run);

// The run with its steps (checkpoints), work items and log.
Value RunDetailJson(const RunRecord& run, const std::vector<Checkpoint>& checkpoints,
                    const std::vector<WorkItem>& items, const std::vector<Event>& events);

}  // namespace travet::store
