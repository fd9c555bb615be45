#pragma once

// The KPI figures as one JSON document, the form every other is made from:
// `travet kpi --format json` prints it, GET /api/v1/kpi answers it, and the
// CSV and XLSX forms are written from it.

#include <string>
#include <vector>

#include "runtime/core/value.h"
#include "runtime/kpi/figures.h"
#include "runtime/kpi/period.h"

namespace travet::kpi {

// {timezone, bot, since, until, months: [{bot, month, runs, documents,
// succeeded, failed, straight_through, straight_through_rate, reviewed,
// review_tasks, decided_tasks, timed_tasks, median_operator_seconds,
// sla_breaches, corrections: [{field, approved, corrected}], manual_minutes,
// hours_saved}]}; `bot` (empty: every bot), since, until, and figures that
// are unknown are null.
Value KpiDocument(const std::vector<BotMonth>& months, const std::string& bot,
                  const KpiPeriod& period);

// The months of `document` as CSV (RFC 4180, CRLF), a header row first: the
// columns of a month in its order, with `corrections` the total of corrected
// fields and `corrections_by_field` "field corrected/approved" joined by
// "; ". Numbers as JSON writes them, null as an empty cell.
std::string KpiCsv(const Value& document);

}  // namespace travet::kpi
