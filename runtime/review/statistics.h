#pragma once

#include "runtime/core/value.h"
#include "runtime/store/review_types.h"

namespace travet::review {

// A confidence interval of a proportion, in [0, 1].
struct Interval {
  double low = 0;
  double high = 1;
};

// The Wilson score interval of `successes` out of `trials` at the normal
// quantile `z` (1.96 for 95%); {0, 1} when trials is 0.
Interval WilsonInterval(long long successes, long long trials, double z = 1.959964);

// How a queue's field fares, for people (`travet review stats --json`, the
// server's KPI view): {queue, field, decided, changed, sampled: {decided,
// changed, error_rate, ci95: [low, high]}}, where error_rate is the measured
// share of auto-accepted values that were wrong and ci95 its 95% Wilson
// interval (both null without samples).
Value FieldStatsJson(const store::FieldStats& stats);

}  // namespace travet::review
