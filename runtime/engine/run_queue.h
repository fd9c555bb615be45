#pragma once

#include <filesystem>
#include <string>

#include "runtime/core/clock.h"
#include "runtime/core/result.h"
#include "runtime/core/value.h"
#include "runtime/lang/model.h"
#include "runtime/store/store.h"

namespace travet::engine {

// Where a queued run will work and when it was asked for.
struct QueueTerms {
  std::filesystem::path work_dir;  // its file actions stay beneath; empty: "."
  Clock* clock = nullptr;          // default: the system clock
  std::string run_id;              // default: a new one (NewRunId)
  // With a key, a run of the bot queued with the same key at or after
  // `key_since` (RFC 3339 UTC) is returned instead of queueing another one
  // (Store::CreateRunOnce); the caller tells them apart by id.
  std::string idempotency_key;
  std::string key_since;
};

// Records a run of `bot` with `inputs` (typed values, as an API request body
// gives them) as queued, for a worker to claim and execute: what the REST
// API and the scheduler start. The inputs are resolved now, so a bad one is
// an error (kInvalidArgument, naming the input) and nothing is recorded.
Result<store::RunRecord> QueueRun(store::Store& store, const lang::Bot& bot, const Value& inputs,
                                  const QueueTerms& terms);

}  // namespace travet::engine
