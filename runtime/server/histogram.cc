#include "runtime/server/histogram.h"

#include <charconv>

namespace travet::server {

std::string SampleValue(double value) {
  char text[32];
  auto [end, ec] = std::to_chars(text, text + sizeof text, value);
  return ec == std::errc() ? std::string(text, end) : "NaN";
}

Histogram::Histogram(std::span<const double> bounds)
    : bounds_(bounds), buckets_(bounds.size(), 0) {}

void Histogram::Observe(double value) {
  for (size_t i = 0; i < bounds_.size(); ++i) {
    if (value <= bounds_[i]) {
      ++buckets_[i];
    }
  }
  ++count_;
  sum_ += value;
}

void Histogram::Render(std::ostream& out, const std::string& name,
                       const std::string& labels) const {
  for (size_t i = 0; i < bounds_.size(); ++i) {
    out << name << "_bucket{" << labels << ",le=\"" << SampleValue(bounds_[i]) << "\"} "
        << buckets_[i] << "\n";
  }
  out << name << "_bucket{" << labels << ",le=\"+Inf\"} " << count_ << "\n"
      << name << "_sum{" << labels << "} " << SampleValue(sum_) << "\n"
      << name << "_count{" << labels << "} " << count_ << "\n";
}

}  // namespace travet::server
