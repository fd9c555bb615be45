#include "ocr/fields/field_date_range.h"

#include <charconv>

namespace travet::ocr {
namespace {

bool IsLeap(int year) {
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && IsLeap(year) ? 29 : kDays[month - 1];
}

std::optional<CalendarDate> ParseIso(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-')
    return std::nullopt;
  CalendarDate date;
  auto number = [&](std::size_t at, std::size_t size, int& out) {
    auto [end, error] = std::from_chars(text.data() + at, text.data() + at + size, out);
    return error == std::errc() && end == text.data() + at + size;
  };
  if (!number(0, 4, date.year) || !number(5, 2, date.month) || !number(8, 2, date.day))
    return std::nullopt;
  if (date.month < 1 || date.month > 12 || date.day < 1 ||
      date.day > DaysInMonth(date.year, date.month)) {
    return std::nullopt;
  }
  return date;
}

std::optional<DateBound> ParseOffset(std::string_view text) {
  if (text.size() < 3 || (text.front() != '+' && text.front() != '-'))
    return std::nullopt;
  int amount = 0;
  const char* first = text.data() + 1;
  const char* last = text.data() + text.size() - 1;
  auto [end, error] = std::from_chars(first, last, amount);
  if (error != std::errc() || end != last || amount > 1000)
    return std::nullopt;
  if (text.front() == '-')
    amount = -amount;
  switch (text.back()) {
    case 'y':
      return DateBound{std::nullopt, amount * 12, 0};
    case 'm':
      return DateBound{std::nullopt, amount, 0};
    case 'd':
      return DateBound{std::nullopt, 0, amount};
    default:
      return std::nullopt;
  }
}

}  // namespace

std::optional<DateBound> ParseDateBound(std::string_view text) {
  if (text == "today")
    return DateBound{};
  if (auto fixed = ParseIso(text))
    return DateBound{fixed, 0, 0};
  return ParseOffset(text);
}

// Howard Hinnant's days_from_civil.
long DayNumber(const CalendarDate& date) {
  const long year = date.year - (date.month <= 2 ? 1 : 0);
  const long era = (year >= 0 ? year : year - 399) / 400;
  const long year_of_era = year - era * 400;
  const long month = date.month;
  const long day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + date.day - 1;
  const long day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - 719468;
}

// Howard Hinnant's civil_from_days.
CalendarDate DateOfDayNumber(long days) {
  days += 719468;
  const long era = (days >= 0 ? days : days - 146096) / 146097;
  const long day_of_era = days - era * 146097;
  const long year_of_era =
      (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  const long day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const long shifted_month = (5 * day_of_year + 2) / 153;
  const int day = static_cast<int>(day_of_year - (153 * shifted_month + 2) / 5 + 1);
  const int month = static_cast<int>(shifted_month < 10 ? shifted_month + 3 : shifted_month - 9);
  const int year = static_cast<int>(year_of_era + era * 400 + (month <= 2 ? 1 : 0));
  return CalendarDate{year, month, day};
}

CalendarDate ResolveDateBound(const DateBound& bound, const CalendarDate& today) {
  if (bound.fixed)
    return *bound.fixed;
  const int months = today.year * 12 + (today.month - 1) + bound.months;
  CalendarDate date{months / 12, months % 12 + 1, today.day};
  date.day = std::min(date.day, DaysInMonth(date.year, date.month));
  return DateOfDayNumber(DayNumber(date) + bound.days);
}

std::string DateRangeProblem(const std::string& iso, const DateRange& range,
                             const CalendarDate& today) {
  auto date = ParseIso(iso);
  if (!date)
    return "";  // not a date: the validator has said so
  const CalendarDate from = ResolveDateBound(range.from, today);
  const CalendarDate to = ResolveDateBound(range.to, today);
  const long day = DayNumber(*date);
  if (day >= DayNumber(from) && day <= DayNumber(to))
    return "";
  return "date " + iso + " is outside the expected " + from.ToIso() + ".." + to.ToIso();
}

}  // namespace travet::ocr
