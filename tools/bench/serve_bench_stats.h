#pragma once

// Latencies of the server benchmark: percentiles, and N threads hammering
// one operation at once.

#include <functional>
#include <string>
#include <vector>

namespace travet::bench {

// The nearest-rank percentile `q` (0..1) of `values`; 0 when empty.
double Percentile(std::vector<double> values, double q);

// What one request or call came to.
enum class Outcome { kOk, kBusy, kFailed };

// Everything `threads` threads did between the start signal and the last
// one's end.
struct LoadResult {
  std::vector<double> ok_ms;  // latency of each kOk
  int busy = 0;               // kBusy answers (HTTP 429)
  int failed = 0;
  double seconds = 0;  // wall time of the whole load
};

// Makes the operation one thread repeats (each thread gets its own, e.g.
// with its own HTTP connection); called before the clock starts.
using OpFactory = std::function<std::function<Outcome()>(int thread)>;

// Starts `threads` threads that each call their operation `per_thread`
// times back to back, all released together; times each call.
LoadResult RunLoad(int threads, int per_thread, const OpFactory& make_op);

// "p50 1.2 ms  p99 8.0 ms  max 9.1 ms (N)" of latencies in ms.
std::string LatencyLine(const std::vector<double>& ms);

}  // namespace travet::bench
