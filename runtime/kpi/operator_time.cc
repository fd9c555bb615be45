#include "runtime/kpi/operator_time.h"

#include <string>

namespace travet::kpi {

std::optional<Millis> OperatorTime(std::span<const store::KpiAudit> entries) {
  // Who holds the open claim since when; empty: none is open.
  std::string holder;
  TimePoint claimed_at{};
  std::optional<Millis> total;
  for (const store::KpiAudit& entry : entries) {
    std::optional<TimePoint> at = ParseRfc3339(entry.time);
    if (!at)
      continue;
    if (entry.action == "claim") {
      if (holder == entry.actor && entry.note == "renewed")
        continue;
      claimed_at = *at;
      holder = entry.actor;
      continue;
    }
    if (entry.action != "release" && entry.action != "approve" && entry.action != "reject")
      continue;  // a correction is part of the decision that follows it
    if (!holder.empty() && holder == entry.actor) {
      Millis spent = std::chrono::duration_cast<Millis>(*at - claimed_at);
      total = total.value_or(Millis(0)) + std::max(spent, Millis(0));
    }
    holder.clear();
  }
  return total;
}

}  // namespace travet::kpi
