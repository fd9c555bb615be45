#include "runtime/store/review_types.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <utility>

namespace travet::store {
namespace {

constexpr std::array<std::pair<TaskState, std::string_view>, 5> kTaskStates = {{
    {TaskState::kPending, "pending"},
    {TaskState::kClaimed, "claimed"},
    {TaskState::kApproved, "approved"},
    {TaskState::kRejected, "rejected"},
    {TaskState::kExpired, "expired"},
}};

}  // namespace

std::string_view TaskStateName(TaskState state) {
  for (const auto& [value, name] : kTaskStates) {
    if (value == state)
      return name;
  }
  return "unknown";
}

std::optional<TaskState> ParseTaskState(std::string_view name) {
  for (const auto& [value, known] : kTaskStates) {
    if (known == name)
      return value;
  }
  return std::nullopt;
}

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

}  // namespace travet::store
