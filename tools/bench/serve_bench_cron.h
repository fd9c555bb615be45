#pragma once

// Part 3 of the server benchmark: scheduler drift, the time from a cron
// fire's due time to its run being queued.

namespace travet::bench {

struct CronBenchOptions {
  int bots = 10;         // bots with a trigger every minute, all due together
  int due_times = 20;    // minutes the jumping clock goes through
  int real_minutes = 0;  // minutes of a real server on the real clock; 0: not run
};

// Prints p50/p99/max of the drift against the 1 s target, on the jumping
// clock and, when asked, over real minutes. 0 when it ran, 1 when something
// failed.
int RunCronBench(const CronBenchOptions& options);

}  // namespace travet::bench
