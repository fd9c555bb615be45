#pragma once

#include <optional>
#include <span>

#include "runtime/core/clock.h"
#include "runtime/store/kpi_facts.h"

namespace travet::kpi {

// The time operators spent on one review task, from its audit entries in
// the order they were appended: the sum, over its claims, of the time from
// a claim to the release or decision (approve, reject) of the same operator
// that ended it. A renewal (note "renewed") continues its claim. A claim that
// lapsed (taken over by someone else, expired, or followed by a decision of
// another operator) has no known end and is not counted, nor is a decision
// made without a claim. Four eyes: both approvers' claims count. nullopt
// when no claim was ended by its holder.
std::optional<Millis> OperatorTime(std::span<const store::KpiAudit> entries);

}  // namespace travet::kpi
