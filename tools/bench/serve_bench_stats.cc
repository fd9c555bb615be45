#include "tools/bench/serve_bench_stats.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <thread>

namespace travet::bench {
namespace {

using LoadClock = std::chrono::steady_clock;

double MsSince(LoadClock::time_point since) {
  return std::chrono::duration<double, std::milli>(LoadClock::now() - since).count();
}

// One thread's share: waits for `go`, then calls `op` `count` times.
LoadResult OneThread(const std::function<Outcome()>& op, int count, const std::atomic<bool>& go) {
  LoadResult mine;
  mine.ok_ms.reserve(static_cast<size_t>(count));
  while (!go.load()) {
    std::this_thread::yield();
  }
  for (int i = 0; i < count; ++i) {
    const auto start = LoadClock::now();
    const Outcome outcome = op();
    const double ms = MsSince(start);
    if (outcome == Outcome::kOk) {
      mine.ok_ms.push_back(ms);
    } else {
      (outcome == Outcome::kBusy ? mine.busy : mine.failed) += 1;
    }
  }
  return mine;
}

}  // namespace

double Percentile(std::vector<double> values, double q) {
  if (values.empty()) {
    return 0;
  }
  std::sort(values.begin(), values.end());
  const auto rank = static_cast<size_t>(std::ceil(q * static_cast<double>(values.size())));
  return values[std::clamp<size_t>(rank, 1, values.size()) - 1];
}

LoadResult RunLoad(int threads, int per_thread, const OpFactory& make_op) {
  std::vector<std::function<Outcome()>> ops;
  ops.reserve(static_cast<size_t>(threads));
  for (int t = 0; t < threads; ++t) {
    ops.push_back(make_op(t));
  }
  std::vector<LoadResult> results(ops.size());
  std::vector<std::thread> pool;
  pool.reserve(ops.size());
  std::atomic<bool> go{false};
  for (size_t t = 0; t < ops.size(); ++t) {
    pool.emplace_back([&, t] { results[t] = OneThread(ops[t], per_thread, go); });
  }
  const auto start = LoadClock::now();
  go = true;
  for (std::thread& thread : pool) {
    thread.join();
  }
  LoadResult all;
  all.seconds = MsSince(start) / 1000;
  for (const LoadResult& r : results) {
    all.ok_ms.insert(all.ok_ms.end(), r.ok_ms.begin(), r.ok_ms.end());
    all.busy += r.busy;
    all.failed += r.failed;
  }
  return all;
}

std::string LatencyLine(const std::vector<double>& ms) {
  char line[128];
  std::snprintf(line, sizeof line, "p50 %7.2f ms  p99 %7.2f ms  max %7.2f ms  (%zu)",
                Percentile(ms, 0.50), Percentile(ms, 0.99), Percentile(ms, 1.0), ms.size());
  return line;
}

}  // namespace travet::bench
