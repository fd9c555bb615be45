#include "runtime/server/metrics.h"

#include <array>
#include <sstream>

namespace travet::server {
namespace {

// Request durations' bucket bounds, in seconds: an API answer is a few
// milliseconds; a page image or an OCR region takes up to seconds.
constexpr std::array<double, 9> kBounds = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5};

}  // namespace

std::string LabelValue(const std::string& text) {
  std::string out;
  for (const char c : text) {
    if (c == '\\' || c == '"') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

void Metrics::CountRequest(const std::string& route, const std::string& method, int status,
                           double seconds) {
  std::lock_guard lock(mu_);
  ++requests_[{route, method, status}];
  Histogram& h = durations_[route];
  h.buckets.resize(kBounds.size());
  for (size_t i = 0; i < kBounds.size(); ++i) {
    if (seconds <= kBounds[i]) {
      ++h.buckets[i];
    }
  }
  ++h.count;
  h.sum += seconds;
}

void Metrics::CountFire(const std::string& bot, const std::string& outcome) {
  std::lock_guard lock(mu_);
  ++fires_[{bot, outcome}];
}

std::string Metrics::Render() const {
  std::lock_guard lock(mu_);
  std::ostringstream out;
  out << "# HELP travet_http_requests_total HTTP requests answered, by route, method and status.\n"
      << "# TYPE travet_http_requests_total counter\n";
  for (const auto& [key, n] : requests_) {
    const auto& [route, method, status] = key;
    out << "travet_http_requests_total{route=\"" << LabelValue(route) << "\",method=\"" << method
        << "\",status=\"" << status << "\"} " << n << "\n";
  }
  out << "# HELP travet_http_request_duration_seconds Time to answer, by route.\n"
      << "# TYPE travet_http_request_duration_seconds histogram\n";
  for (const auto& [route, h] : durations_) {
    const std::string label = "route=\"" + LabelValue(route) + "\"";
    for (size_t i = 0; i < kBounds.size(); ++i) {
      out << "travet_http_request_duration_seconds_bucket{" << label << ",le=\"" << kBounds[i]
          << "\"} " << h.buckets[i] << "\n";
    }
    out << "travet_http_request_duration_seconds_bucket{" << label << ",le=\"+Inf\"} " << h.count
        << "\n"
        << "travet_http_request_duration_seconds_sum{" << label << "} " << h.sum << "\n"
        << "travet_http_request_duration_seconds_count{" << label << "} " << h.count << "\n";
  }
  out << "# HELP travet_scheduler_fires_total Schedule fires, by bot and outcome "
         "(started, taken by another server, missed, failed).\n"
      << "# TYPE travet_scheduler_fires_total counter\n";
  for (const auto& [key, n] : fires_) {
    out << "travet_scheduler_fires_total{bot=\"" << LabelValue(key.first) << "\",outcome=\""
        << key.second << "\"} " << n << "\n";
  }
  return out.str();
}

}  // namespace travet::server
