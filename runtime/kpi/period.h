#pragma once

// The calendar of the KPI figures: months and days as an office in Italy
// counts them, in Europe/Rome, whatever the store's UTC times say.

#include <string>
#include <string_view>

#include "runtime/core/result.h"

namespace travet::kpi {

// Where months begin and end for the figures.
inline constexpr char kKpiTimeZone[] = "Europe/Rome";

// The days the figures cover, both included, as given (YYYY-MM-DD; empty:
// unbounded), and the store's bounds for them: runs created at or after
// `from_utc` and before `to_utc` (RFC 3339 UTC as the store writes times).
struct KpiPeriod {
  std::string since;
  std::string until;
  std::string from_utc;
  std::string to_utc;
};

// Reads `since` and `until`, each a day (YYYY-MM-DD) or a month (YYYY-MM:
// from its first day, until its last), in kKpiTimeZone; empty: unbounded.
// InvalidArgument "since: '2026-13' is not a day or a month (use YYYY-MM-DD
// or YYYY-MM)", "until: 9999-12-31 is out of range (years 1900..2199)", or
// "until 2026-01-31 is before since 2026-02-01".
Result<KpiPeriod> ParseKpiPeriod(std::string_view since, std::string_view until);

// The month ("2026-03") in kKpiTimeZone of `utc`, a time as the store writes
// it (FormatRfc3339). InvalidArgument for any other text.
Result<std::string> KpiMonth(std::string_view utc);

}  // namespace travet::kpi
