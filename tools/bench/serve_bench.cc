// serve_bench: `travet serve` under load, in-process on 127.0.0.1 over a
// temporary SQLite store, with the real sign-in (API tokens):
//  1. the review list (GET /api/v1/review/tasks) from one keep-alive client,
//     then from --clients at once, against Store::ListTasks from as many
//     threads of the same process;
//  2. an approval through the API (claim, then approve with If-Match) until
//     the server's workers have resumed and finished the run, with the
//     workers' idle poll of `travet serve` and with a short one;
//  3. scheduler drift, a cron fire's due time to its run being queued: the
//     scheduler on a clock set just before each due time and, with
//     --minutes N, the server on the wall clock for N minutes.
//
//   serve_bench [--tasks 500] [--clients 50] [--requests 10000] [--runs 30]
//               [--short-poll 50] [--cron-bots 10] [--due-times 20]
//               [--max-inflight 0] [--minutes 0] [--only list|approve|cron]
#include <cstdio>
#include <cstdlib>
#include <string>

#include "runtime/engine/worker.h"
#include "tools/bench/serve_bench_approve.h"
#include "tools/bench/serve_bench_cron.h"
#include "tools/bench/serve_bench_list.h"

namespace {

using travet::bench::ApproveBenchOptions;
using travet::bench::CronBenchOptions;
using travet::bench::ListBenchOptions;

struct BenchOptions {
  ListBenchOptions list;
  int runs = 30;
  // An idle worker naps in steps of 50 ms (engine/worker.cc): a shorter
  // poll is 50 ms too.
  int short_poll_ms = 50;
  CronBenchOptions cron;
  std::string only;  // empty: every part
};

constexpr char kUsage[] =
    "usage: serve_bench [--tasks N] [--clients N] [--requests N] [--max-inflight N] [--runs N]\n"
    "                   [--short-poll MS] [--cron-bots N] [--due-times N] [--minutes N]\n"
    "                   [--only list|approve|cron]\n";

// The int a flag sets; null for an unknown flag.
int* IntFlag(const std::string& flag, BenchOptions& options) {
  return flag == "--tasks"          ? &options.list.tasks
         : flag == "--clients"      ? &options.list.clients
         : flag == "--requests"     ? &options.list.requests
         : flag == "--max-inflight" ? &options.list.max_inflight
         : flag == "--runs"         ? &options.runs
         : flag == "--short-poll"   ? &options.short_poll_ms
         : flag == "--cron-bots"    ? &options.cron.bots
         : flag == "--due-times"    ? &options.cron.due_times
         : flag == "--minutes"      ? &options.cron.real_minutes
                                    : nullptr;
}

bool ParseOptions(int argc, char** argv, BenchOptions& options) {
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--only") {
      options.only = argv[i + 1];
      continue;
    }
    int* target = IntFlag(flag, options);
    const bool may_be_zero = flag == "--minutes" || flag == "--max-inflight";
    if (target == nullptr || (*target = std::atoi(argv[i + 1])) < (may_be_zero ? 0 : 1)) {
      return false;
    }
  }
  return argc % 2 == 1 && (options.only.empty() || options.only == "list" ||
                           options.only == "approve" || options.only == "cron");
}

bool Wanted(const BenchOptions& options, const char* part) {
  return options.only.empty() || options.only == part;
}

}  // namespace

int main(int argc, char** argv) {
  BenchOptions options;
  if (!ParseOptions(argc, argv, options)) {
    std::fputs(kUsage, stderr);
    return 2;
  }
  int rc = 0;
  if (Wanted(options, "list")) {
    rc |= travet::bench::RunListBench(options.list);
  }
  if (Wanted(options, "approve")) {
    const ApproveBenchOptions as_served{.runs = options.runs,
                                        .poll = travet::engine::WorkerOptions{}.poll};
    rc |= travet::bench::RunApproveBench(as_served);
    rc |= travet::bench::RunApproveBench(
        {.runs = options.runs, .poll = travet::Millis(options.short_poll_ms)});
  }
  if (Wanted(options, "cron")) {
    rc |= travet::bench::RunCronBench(options.cron);
  }
  return rc;
}
