#pragma once

// The KPI figures per bot and month, computed from the store's facts
// (store/kpi_facts.h) without a store: the arithmetic is here, whole.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "runtime/core/result.h"
#include "runtime/store/kpi_facts.h"

namespace travet::kpi {

// How operators judged one field of a bot's approved tasks in a month: a
// task counts once per field however many corrections it got.
struct FieldCorrections {
  std::string field;
  long long approved = 0;   // approved tasks holding the field
  long long corrected = 0;  // of those, tasks where an operator changed its value
};

// The figures of one bot in one month (kKpiTimeZone) of its runs' creation.
// A document is a work item of the run (of the innermost `items: true`
// loops; not one that ended as a duplicate of another's key), or the run
// itself when it has none; it counts once it finished (succeeded or failed).
struct BotMonth {
  std::string bot;
  std::string month;  // "2026-03"
  long long runs = 0;
  long long documents = 0;  // finished: succeeded + failed
  long long succeeded = 0;
  long long failed = 0;
  long long straight_through = 0;                 // succeeded with no review task
  long long reviewed = 0;                         // finished with at least one review task
  long long review_tasks = 0;                     // every task of the month's runs, in any state
  long long decided_tasks = 0;                    // approved or rejected
  long long timed_tasks = 0;                      // decided with a measured operator time
  std::optional<double> median_operator_seconds;  // over timed_tasks; none when 0
  // Tasks decided after their due time, escalated, or expired: each once.
  long long sla_breaches = 0;
  std::vector<FieldCorrections> corrections;  // by field name
  std::optional<double> manual_minutes;       // the bot's kpi.manual_minutes
  std::optional<double> hours_saved;          // HoursSaved; none without manual_minutes

  // straight_through / documents; none when no document finished.
  std::optional<double> StraightThroughRate() const;
};

// The median of `values` (the mean of the two middle ones for an even
// count); none when empty.
std::optional<double> Median(std::vector<double> values);

// The hours a bot saved people: each straight-through document saves
// `manual_minutes`, each reviewed document that succeeded saves
// manual_minutes less the operator minutes spent on it (never below 0), a
// failed document saves nothing. None without manual_minutes.
std::optional<double> HoursSaved(std::optional<double> manual_minutes, long long straight_through,
                                 const std::vector<double>& reviewed_operator_minutes);

// The figures of every bot and month that has runs in `facts`, by bot then
// month. `manual_minutes` by bot name (bots not named have none). A decided
// task whose operator time was not measured (decided without a claim) is
// charged the month's median for its document's hours saved (0 when no task
// of the month was timed). InvalidArgument for a run time the store did not
// write.
Result<std::vector<BotMonth>> ComputeKpi(const store::KpiFacts& facts,
                                         const std::map<std::string, double>& manual_minutes);

}  // namespace travet::kpi
