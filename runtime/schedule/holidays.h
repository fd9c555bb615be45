#pragma once

#include <chrono>
#include <vector>

namespace travet::schedule {

// Easter Sunday of `year` in the Gregorian calendar (the anonymous Gregorian
// algorithm, also known as Meeus/Jones/Butcher).
std::chrono::year_month_day EasterSunday(std::chrono::year year);

// The Italian national holidays of `year`, in date order: 1 and 6 January,
// Easter Sunday and Monday, 25 April, 1 May, 2 June, 15 August, 4 October
// (from 2026 on: Law 151 of 11 October 2025), 1 November, 8, 25 and 26
// December. Today's law, applied to every year but for 4 October.
std::vector<std::chrono::year_month_day> ItalianHolidays(std::chrono::year year);

// Whether `day` (a local date) is an Italian national holiday or one of the
// `local` days of the year (a city's patron saint: 24 June in Turin).
bool IsHoliday(std::chrono::year_month_day day, const std::vector<std::chrono::month_day>& local);

}  // namespace travet::schedule
