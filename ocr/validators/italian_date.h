#pragma once

#include <string>
#include <string_view>

#include "runtime/core/result.h"

namespace travet::ocr {

// A calendar date.
struct CalendarDate {
  int year = 0;
  int month = 0;  // 1..12
  int day = 0;    // 1..31

  // ISO 8601: "2024-03-12".
  std::string ToIso() const;
};

// Parses a date as written on Italian documents:
//   "12/03/2024", "12-03-2024", "12.03.2024", "1.3.24", "12/03/24",
//   "2024-03-12" (ISO), "12 marzo 2024", "12 mar 2024", "12 mar. 2024",
//   "1° aprile 2025", "lunedì 12 marzo 2024" (a weekday in front is ignored).
// Month names are Italian, full or abbreviated (gen feb mar apr mag giu lug ago
// set/sett ott nov dic), in any case. Two-digit years: 00-69 are 20xx, 70-99
// are 19xx. Four-digit years must be within 1900..2099 (anything else on an
// invoice is a misread digit). The day must exist in that month (leap years).
// Errors (kInvalidArgument): "not a date: 'xyz'",
// "not a calendar date: 2023-02-29", "year 2207 is out of range 1900..2099".
Result<CalendarDate> ParseItalianDate(std::string_view raw);

}  // namespace travet::ocr
