#pragma once

#include <string>

#include "tools/scangen/random_source.h"

namespace travet::scangen {

// A day of the Gregorian calendar.
struct CalendarDate {
  int year = 2026;
  int month = 1;  // 1..12
  int day = 1;
};

// How a date is written on a document.
enum class DateStyle {
  kSlash,      // 17/03/2026
  kDot,        // 17.03.2026
  kDash,       // 17-03-2026
  kShortYear,  // 17/03/26
  kLong,       // 17 marzo 2026
};

// A random day between `first_year` and `last_year`, inclusive.
CalendarDate RandomDate(Random& random, int first_year, int last_year);

// The date `days` (>= 0) after `date`.
CalendarDate AddDays(CalendarDate date, int days);

// "2026-03-17".
std::string FormatIso(const CalendarDate& date);

// The date as written in `style`.
std::string FormatItalian(const CalendarDate& date, DateStyle style);

// A random style.
DateStyle RandomDateStyle(Random& random);

}  // namespace travet::scangen
