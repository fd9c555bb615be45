#pragma once

// Part 2 of the server benchmark: an approval through the API until the
// run it resumes has finished, as the store shows it.

#include "runtime/core/clock.h"

namespace travet::bench {

struct ApproveBenchOptions {
  int runs = 30;  // runs waiting on a review task, approved one at a time
  Millis poll;    // how often the server's idle workers look for runs
};

// Prints p50/p99 of approve -> run succeeded against the 100 ms target.
// 0 when it ran, 1 when something failed.
int RunApproveBench(const ApproveBenchOptions& options);

}  // namespace travet::bench
