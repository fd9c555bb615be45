#pragma once

#include <string>

#include "runtime/store/store.h"

namespace travet::cli {

// What `travet review stats` was asked for.
struct StatsArgs {
  std::string queue;  // empty: every queue
  std::string since;  // YYYY-MM-DD or RFC 3339; empty: all time
  bool json = false;
};

// `travet review stats`: per queue and field, the approved tasks, how often
// operators changed the value, and for sampled tasks the measured error rate
// of auto-accepted values with its 95% Wilson interval; a table on stdout,
// or with --json an array of {queue, field, decided, changed, sampled:
// {decided, changed, error_rate, ci95: [low, high]}} (error_rate and ci95
// null without samples). Returns the exit status; a bad --since is 2.
int ReviewStatsCommand(store::Store& store, const StatsArgs& args);

}  // namespace travet::cli
