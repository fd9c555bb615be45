#include "runtime/server/metrics.h"

#include <array>
#include <sstream>

namespace travet::server {
namespace {

// Request durations' bucket bounds, in seconds: an API answer is a few
// milliseconds; a page image or an OCR region takes up to seconds.
constexpr std::array<double, 9> kBounds = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5};
// Steps' bucket bounds, in seconds: a `set` takes microseconds, a call to a
// backend a fraction of a second, an OCR page seconds, a script or a slow
// backend minutes.
constexpr std::array<double, 11> kStepBounds = {0.001, 0.01, 0.05, 0.1, 0.25, 0.5,
                                                1,     2.5,  10,   60,  300};

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
  durations_.try_emplace(route, kBounds).first->second.Observe(seconds);
}

void Metrics::CountFire(const std::string& bot, const std::string& outcome) {
  std::lock_guard lock(mu_);
  ++fires_[{bot, outcome}];
}

void Metrics::ObserveStep(const std::string& action, double seconds, long long pages) {
  std::lock_guard lock(mu_);
  steps_.try_emplace(action, kStepBounds).first->second.Observe(seconds);
  if (action.starts_with("ocr.")) {
    ocr_pages_ += pages;
    ocr_seconds_ += seconds;
  }
}

std::string Metrics::Render() const {
  std::lock_guard lock(mu_);
  std::ostringstream out;
  RenderRequests(out);
  RenderFires(out);
  RenderSteps(out);
  return out.str();
}

void Metrics::RenderRequests(std::ostream& out) const {
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
    h.Render(out, "travet_http_request_duration_seconds", "route=\"" + LabelValue(route) + "\"");
  }
}

void Metrics::RenderFires(std::ostream& out) const {
  out << "# HELP travet_scheduler_fires_total Schedule fires, by bot and outcome "
         "(started, taken by another server, missed, paused, failed).\n"
      << "# TYPE travet_scheduler_fires_total counter\n";
  for (const auto& [key, n] : fires_) {
    out << "travet_scheduler_fires_total{bot=\"" << LabelValue(key.first) << "\",outcome=\""
        << key.second << "\"} " << n << "\n";
  }
}

void Metrics::RenderSteps(std::ostream& out) const {
  out << "# HELP travet_step_duration_seconds Time of the action steps the workers ran, by "
         "action (retries included; restored steps are not counted).\n"
      << "# TYPE travet_step_duration_seconds histogram\n";
  for (const auto& [action, h] : steps_) {
    h.Render(out, "travet_step_duration_seconds", "action=\"" + LabelValue(action) + "\"");
  }
  out << "# HELP travet_ocr_pages_total Pages read by the workers' ocr.* steps.\n"
      << "# TYPE travet_ocr_pages_total counter\n"
      << "travet_ocr_pages_total " << ocr_pages_ << "\n"
      << "# HELP travet_ocr_seconds_total Time spent in the workers' ocr.* steps.\n"
      << "# TYPE travet_ocr_seconds_total counter\n"
      << "travet_ocr_seconds_total " << SampleValue(ocr_seconds_) << "\n";
}

}  // namespace travet::server
