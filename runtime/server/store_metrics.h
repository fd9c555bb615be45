#pragma once

// The part of /metrics read from the store at each scrape: what every server
// and worker on the store did, not only this process.

#include <string>

#include "runtime/core/clock.h"
#include "runtime/core/result.h"
#include "runtime/store/store.h"

namespace travet::server {

// Gauges in Prometheus's text format: travet_runs{bot,state} (every state of
// each bot with runs, 0 included), travet_work_items{state} (every state),
// and per review queue travet_review_queue_depth{queue} (tasks waiting for a
// decision) and travet_review_oldest_task_age_seconds{queue} (the oldest of
// them at `now`; 0 when none waits). Three queries. Errors: the store's.
Result<std::string> RenderStoreMetrics(store::Store& store, TimePoint now);

}  // namespace travet::server
