#pragma once

// The server's counters in Prometheus's text format (/metrics): what this
// process saw. What the store holds (runs by state, review queues) is read
// at each scrape by the /metrics route.

#include <map>
#include <mutex>
#include <string>
#include <tuple>
#include <vector>

namespace travet::server {

class Metrics {
 public:
  // One answered request: its route pattern ("/api/v1/runs/{id}", or
  // "unmatched"), method, status and duration.
  void CountRequest(const std::string& route, const std::string& method, int status,
                    double seconds);

  // One fire of a schedule and what became of it (CronScheduler's outcomes:
  // started, taken, missed, failed).
  void CountFire(const std::string& bot, const std::string& outcome);

  // The counters and histograms as exposition text.
  std::string Render() const;

 private:
  using RequestKey = std::tuple<std::string, std::string, int>;  // route, method, status
  struct Histogram {
    std::vector<long long> buckets;  // cumulative counts per bound of kBounds
    long long count = 0;
    double sum = 0;
  };
  mutable std::mutex mu_;
  std::map<RequestKey, long long> requests_;
  std::map<std::string, Histogram> durations_;                      // by route
  std::map<std::pair<std::string, std::string>, long long> fires_;  // bot, outcome
};

// `text` escaped as a Prometheus label value (\\, \", \n).
std::string LabelValue(const std::string& text);

}  // namespace travet::server
