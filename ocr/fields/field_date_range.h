#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "ocr/validators/italian_date.h"

namespace travet::ocr {

// One end of the dates a field may hold: a fixed date, or an offset from the
// day the document is read ("today", "-2y", "+6m", "+30d").
struct DateBound {
  std::optional<CalendarDate> fixed;
  int months = 0;  // offset from today when not fixed (years count 12)
  int days = 0;
};

// The dates a date field may hold without a person looking: [from, to], both
// included. The default is two years either side of today: a date further
// away on an invoice or a request is far more often a misread digit (2062 for
// 2026) than a real date.
struct DateRange {
  DateBound from{std::nullopt, -24, 0};
  DateBound to{std::nullopt, 24, 0};
};

// Reads a bound as written in a field spec: an ISO date ("2020-01-31"),
// "today", or a signed offset in years, months or days ("-2y", "+6m",
// "+30d"); nullopt otherwise.
std::optional<DateBound> ParseDateBound(std::string_view text);

// The date `bound` stands for when read on `today`. A month offset keeps the
// day, clamped to the month's length (31 March + 1m = 30 April).
CalendarDate ResolveDateBound(const DateBound& bound, const CalendarDate& today);

// Days since 1970-01-01 (negative before), for comparing and offsetting dates.
long DayNumber(const CalendarDate& date);

// The calendar date of a DayNumber.
CalendarDate DateOfDayNumber(long days);

// "" when `iso` (an ISO date) lies within `range` read on `today`, else why
// not: "date 2031-05-02 is outside the expected 2024-06-01..2028-06-01".
std::string DateRangeProblem(const std::string& iso, const DateRange& range,
                             const CalendarDate& today);

}  // namespace travet::ocr
