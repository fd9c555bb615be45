#include "tools/scangen/calendar_date.h"

#include <array>
#include <cstdio>

namespace travet::scangen {
namespace {

bool IsLeap(int year) {
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int DaysInMonth(int year, int month) {
  static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && IsLeap(year) ? 29 : kDays[month - 1];
}

std::string Pad(int n, int width) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%0*d", width, n);
  return buffer;
}

}  // namespace

CalendarDate RandomDate(Random& random, int first_year, int last_year) {
  CalendarDate date;
  date.year = random.Int(first_year, last_year);
  date.month = random.Int(1, 12);
  date.day = random.Int(1, DaysInMonth(date.year, date.month));
  return date;
}

CalendarDate AddDays(CalendarDate date, int days) {
  for (int i = 0; i < days; ++i) {
    if (++date.day > DaysInMonth(date.year, date.month)) {
      date.day = 1;
      if (++date.month > 12) {
        date.month = 1;
        ++date.year;
      }
    }
  }
  return date;
}

std::string FormatIso(const CalendarDate& date) {
  return Pad(date.year, 4) + "-" + Pad(date.month, 2) + "-" + Pad(date.day, 2);
}

std::string FormatItalian(const CalendarDate& date, DateStyle style) {
  static const std::array<std::string, 12> kMonths = {
      "gennaio", "febbraio", "marzo",     "aprile",  "maggio",   "giugno",
      "luglio",  "agosto",   "settembre", "ottobre", "novembre", "dicembre"};
  const std::string dd = Pad(date.day, 2);
  const std::string mm = Pad(date.month, 2);
  switch (style) {
    case DateStyle::kSlash:
      return dd + "/" + mm + "/" + Pad(date.year, 4);
    case DateStyle::kDot:
      return dd + "." + mm + "." + Pad(date.year, 4);
    case DateStyle::kDash:
      return dd + "-" + mm + "-" + Pad(date.year, 4);
    case DateStyle::kShortYear:
      return dd + "/" + mm + "/" + Pad(date.year % 100, 2);
    case DateStyle::kLong:
      return std::to_string(date.day) + " " + kMonths[date.month - 1] + " " + Pad(date.year, 4);
  }
  return {};
}

DateStyle RandomDateStyle(Random& random) {
  static const std::vector<DateStyle> kStyles = {DateStyle::kSlash,     DateStyle::kSlash,
                                                 DateStyle::kDot,       DateStyle::kDash,
                                                 DateStyle::kShortYear, DateStyle::kLong};
  return random.Pick(kStyles);
}

}  // namespace travet::scangen
