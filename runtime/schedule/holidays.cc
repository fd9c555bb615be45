#include "runtime/schedule/holidays.h"

#include <algorithm>
#include <array>

namespace travet::schedule {
namespace {

using std::chrono::month_day;

// The holidays on the same day every year (4 October apart: it depends on
// the year).
constexpr std::array<month_day, 10> kFixedHolidays = {
    month_day{std::chrono::January, std::chrono::day{1}},
    month_day{std::chrono::January, std::chrono::day{6}},
    month_day{std::chrono::April, std::chrono::day{25}},
    month_day{std::chrono::May, std::chrono::day{1}},
    month_day{std::chrono::June, std::chrono::day{2}},
    month_day{std::chrono::August, std::chrono::day{15}},
    month_day{std::chrono::November, std::chrono::day{1}},
    month_day{std::chrono::December, std::chrono::day{8}},
    month_day{std::chrono::December, std::chrono::day{25}},
    month_day{std::chrono::December, std::chrono::day{26}},
};

// San Francesco d'Assisi and Santa Caterina da Siena, patron saints of Italy:
// a national holiday again from 2026 (Law 151 of 11 October 2025).
constexpr month_day kSaintFrancis{std::chrono::October, std::chrono::day{4}};
constexpr std::chrono::year kSaintFrancisFrom{2026};

}  // namespace

std::chrono::year_month_day EasterSunday(std::chrono::year year) {
  const int y = static_cast<int>(year);
  const int a = y % 19;
  const int b = y / 100;
  const int c = y % 100;
  const int d = b / 4;
  const int e = b % 4;
  const int f = (b + 8) / 25;
  const int g = (b - f + 1) / 3;
  const int h = (19 * a + b - d - g + 15) % 30;
  const int i = c / 4;
  const int k = c % 4;
  const int l = (32 + 2 * e + 2 * i - h - k) % 7;
  const int m = (a + 11 * h + 22 * l) / 451;
  const int n = h + l - 7 * m + 114;
  return {year, std::chrono::month(static_cast<unsigned>(n / 31)),
          std::chrono::day(static_cast<unsigned>(n % 31 + 1))};
}

std::vector<std::chrono::year_month_day> ItalianHolidays(std::chrono::year year) {
  std::vector<std::chrono::year_month_day> days;
  days.reserve(kFixedHolidays.size() + 3);
  for (const month_day& md : kFixedHolidays)
    days.emplace_back(year, md.month(), md.day());
  const std::chrono::sys_days easter{EasterSunday(year)};
  days.emplace_back(easter);
  days.emplace_back(easter + std::chrono::days{1});
  if (year >= kSaintFrancisFrom)
    days.emplace_back(year, kSaintFrancis.month(), kSaintFrancis.day());
  std::sort(days.begin(), days.end());
  return days;
}

bool IsHoliday(std::chrono::year_month_day day, const std::vector<std::chrono::month_day>& local) {
  const month_day md{day.month(), day.day()};
  auto listed = [&](const auto& list) {
    return std::find(list.begin(), list.end(), md) != list.end();
  };
  if (listed(kFixedHolidays) || listed(local))
    return true;
  if (md == kSaintFrancis && day.year() >= kSaintFrancisFrom)
    return true;
  const std::chrono::sys_days easter{EasterSunday(day.year())};
  const std::chrono::sys_days date{day};
  return date == easter || date == easter + std::chrono::days{1};
}

}  // namespace travet::schedule
