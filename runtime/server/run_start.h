#pragma once

// Queueing a run for a request: what `POST /api/v1/bots/{bot}/runs` and a
// webhook (`POST /api/v1/hooks/{bot}`) share.

#include <chrono>
#include <string>

#include "runtime/core/value.h"
#include "runtime/lang/model.h"
#include "runtime/server/api.h"

namespace travet::server {

struct ServerContext;

// How long an Idempotency-Key names the run it started.
inline constexpr auto kIdempotencyWindow = std::chrono::hours(24);

// Queues a run of `bot` with `inputs` (engine::QueueRun: resolved and checked
// first, so a bad input answers 400 naming it and nothing is recorded) and
// answers 202 with the run's JSON and `Location: /api/v1/runs/ID`. With an
// `idempotency_key`, a run of the bot queued with the same key within
// kIdempotencyWindow is answered instead, as it is now, with
// `Idempotent-Replayed: true`, and none is queued.
ApiResponse QueueRunAnswer(const lang::Bot& bot, const Value& inputs, ServerContext& context,
                           const std::string& idempotency_key = "");

}  // namespace travet::server
