#pragma once

// One series of a Prometheus histogram: how many observations fell at or
// under each bucket bound, their count and their sum.

#include <ostream>
#include <span>
#include <string>
#include <vector>

namespace travet::server {

class Histogram {
 public:
  // `bounds`, increasing, outlive the histogram (a constant array).
  explicit Histogram(std::span<const double> bounds);

  void Observe(double value);

  // Its exposition lines: `name`_bucket{`labels`,le="…"} for each bound and
  // +Inf, `name`_sum{`labels`} and `name`_count{`labels`}. `labels` is
  // written as given (values escaped already: route="/x").
  void Render(std::ostream& out, const std::string& name, const std::string& labels) const;

 private:
  std::span<const double> bounds_;
  std::vector<long long> buckets_;  // cumulative: the observations <= bounds_[i]
  long long count_ = 0;
  double sum_ = 0;
};

// `value` as a sample in exposition text: the shortest form that reads back
// as the same double ("0.005", "2.5", "1e+21").
std::string SampleValue(double value);

}  // namespace travet::server
