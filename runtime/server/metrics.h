#pragma once

// The server's counters in Prometheus's text format (/metrics): what this
// process saw. What the store holds (runs by state, review queues) is read
// at each scrape by the /metrics route.

#include <map>
#include <mutex>
#include <ostream>
#include <string>
#include <tuple>

#include "runtime/server/histogram.h"

namespace travet::server {

class Metrics {
 public:
  // One answered request: its route pattern ("/api/v1/runs/{id}", or
  // "unmatched"), method, status and duration.
  void CountRequest(const std::string& route, const std::string& method, int status,
                    double seconds);

  // One fire of a schedule and what became of it (CronScheduler's outcomes:
  // started, taken, missed, paused, failed).
  void CountFire(const std::string& bot, const std::string& outcome);

  // One action step run by a worker of this server (engine::StepObserver):
  // its action ("http.request"), its time and, for an ocr.* step, the pages
  // it read.
  void ObserveStep(const std::string& action, double seconds, long long pages);

  // The counters and histograms as exposition text.
  std::string Render() const;

 private:
  using RequestKey = std::tuple<std::string, std::string, int>;  // route, method, status
  void RenderRequests(std::ostream& out) const;
  void RenderFires(std::ostream& out) const;
  void RenderSteps(std::ostream& out) const;

  mutable std::mutex mu_;
  std::map<RequestKey, long long> requests_;
  std::map<std::string, Histogram> durations_;                      // by route
  std::map<std::pair<std::string, std::string>, long long> fires_;  // bot, outcome
  std::map<std::string, Histogram> steps_;                          // by action
  long long ocr_pages_ = 0;
  double ocr_seconds_ = 0;
};

// `text` escaped as a Prometheus label value (\\, \", \n).
std::string LabelValue(const std::string& text);

}  // namespace travet::server
