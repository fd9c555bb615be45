#pragma once

#include "runtime/core/clock.h"
#include "runtime/core/status.h"
#include "runtime/lang/model.h"

namespace travet::engine {

// Whether a step that failed with `status` on attempt `attempt` (1-based)
// should be tried again under `policy`: only retryable failures (5xx, 429,
// timeouts, connection errors), and only while attempts remain.
bool ShouldRetry(const lang::RetryPolicy& policy, const Status& status, int attempt);

// How long to wait after failed attempt `attempt` (1-based): `delay` for
// fixed backoff; delay * 2^(attempt-1) for exponential, capped at max_delay.
Millis RetryDelay(const lang::RetryPolicy& policy, int attempt);

}  // namespace travet::engine
