#include "runtime/review/statistics.h"

#include <algorithm>
#include <cmath>

namespace travet::review {

// Wilson rather than the normal approximation: with few samples and rates
// near 0 (the usual case for a good extractor) the latter gives a zero-width
// or negative interval.
Interval WilsonInterval(long long successes, long long trials, double z) {
  if (trials <= 0)
    return {};
  const double n = static_cast<double>(trials);
  const double p = static_cast<double>(successes) / n;
  const double z2 = z * z;
  const double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const double half = z / (1 + z2 / n) * std::sqrt(p * (1 - p) / n + z2 / (4 * n * n));
  return {std::max(0.0, centre - half), std::min(1.0, centre + half)};
}

Value FieldStatsJson(const store::FieldStats& s) {
  Value sampled = {{"decided", s.sampled_decided},
                   {"changed", s.sampled_changed},
                   {"error_rate", nullptr},
                   {"ci95", nullptr}};
  if (s.sampled_decided > 0) {
    Interval ci = WilsonInterval(s.sampled_changed, s.sampled_decided);
    sampled["error_rate"] =
        static_cast<double>(s.sampled_changed) / static_cast<double>(s.sampled_decided);
    sampled["ci95"] = {ci.low, ci.high};
  }
  return {{"queue", s.queue},
          {"field", s.field},
          {"decided", s.decided},
          {"changed", s.changed},
          {"sampled", sampled}};
}

}  // namespace travet::review
