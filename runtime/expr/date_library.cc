#include <chrono>
#include <lua.hpp>
#include <string>
#include <string_view>

#include "ocr/validators/italian_date.h"
#include "runtime/expr/expr_libraries.h"
#include "runtime/expr/lua_sandbox.h"
#include "runtime/schedule/holidays.h"
#include "runtime/schedule/iso_time.h"

// `date`: calendar dates as a userdata holding a day number, with the
// scheduler's Italian holidays (runtime/schedule/holidays.h) and the OCR's
// reading of Italian dates (ocr/validators/italian_date.h).

namespace travet::expr {
namespace {

using std::chrono::days;
using std::chrono::sys_days;
using std::chrono::year_month_day;

constexpr const char* kDateName = "date";
constexpr const char* kZone = "Europe/Rome";
constexpr int kFirstYear = 1900;
constexpr int kLastYear = 2199;
// "mercoledì 31 dicembre 2026" is 27 bytes.
constexpr size_t kMaxDateBytes = 64;
constexpr const char* kOutOfRange = "date out of range (years 1900..2199)";

bool InRange(sys_days day) {
  const int year = static_cast<int>(year_month_day(day).year());
  return year >= kFirstYear && year <= kLastYear;
}

bool IsWorkingDay(sys_days day) {
  const unsigned weekday = std::chrono::weekday(day).iso_encoding();
  return weekday <= 5 && !schedule::IsHoliday(year_month_day(day), {});
}

int PushDate(lua_State* L, sys_days day) {
  if (!InRange(day))
    return luaL_error(L, "%s", kOutOfRange);
  auto* block = static_cast<int*>(lua_newuserdatauv(L, sizeof(int), 0));
  *block = static_cast<int>(day.time_since_epoch().count());
  luaL_setmetatable(L, kDateName);
  return 1;
}

// Reads `text` as ParseItalianDate does; false with the reason in `error`.
bool ReadDate(std::string_view text, sys_days* out, std::string* error) {
  if (text.size() > kMaxDateBytes) {  // the parser's std::regex recurses per character
    *error = "not a date: longer than " + std::to_string(kMaxDateBytes) + " characters";
    return false;
  }
  Result<ocr::CalendarDate> parsed = ocr::ParseItalianDate(text);
  if (!parsed) {
    *error = parsed.error().message();
    return false;
  }
  *out = sys_days(year_month_day(std::chrono::year(parsed->year),
                                 std::chrono::month(static_cast<unsigned>(parsed->month)),
                                 std::chrono::day(static_cast<unsigned>(parsed->day))));
  return true;
}

// The date at `index`: a date, or a string that ReadDate reads.
sys_days CheckDate(lua_State* L, int index) {
  if (void* block = luaL_testudata(L, index, kDateName))
    return sys_days(days(*static_cast<int*>(block)));
  if (lua_type(L, index) != LUA_TSTRING)
    luaL_typeerror(L, index, "date or string");
  size_t length = 0;
  const char* text = lua_tolstring(L, index, &length);
  sys_days day;
  if (!ReadDate(std::string_view(text, length), &day, GetSandboxState(L).scratch))
    RaiseScratch(L);
  return day;
}

// Today in Rome by the call's clock (the deadline's, else the system's).
bool DateToday(const Clock& clock, sys_days* out, std::string* error) {
  const auto now = std::chrono::floor<std::chrono::seconds>(clock.Now());
  Result<schedule::LocalTime> local = schedule::ToLocalTime(now, kZone);
  if (!local) {
    *error = local.error().message();
    return false;
  }
  *out = sys_days(std::chrono::floor<days>(local->time).time_since_epoch());
  return true;
}

int TodayFunction(lua_State* L) {
  const SandboxState& shared = GetSandboxState(L);
  const Clock& clock = shared.deadline.clock != nullptr ? *shared.deadline.clock : DefaultClock();
  sys_days day;
  if (!DateToday(clock, &day, shared.scratch))
    return RaiseScratch(L);
  return PushDate(L, day);
}

int DateParse(lua_State* L) {
  luaL_checktype(L, 1, LUA_TSTRING);
  return PushDate(L, CheckDate(L, 1));
}

int IsHolidayFunction(lua_State* L) {
  lua_pushboolean(L, schedule::IsHoliday(year_month_day(CheckDate(L, 1)), {}));
  return 1;
}

int IsWorkingDayFunction(lua_State* L) {
  lua_pushboolean(L, IsWorkingDay(CheckDate(L, 1)));
  return 1;
}

int DateAddDays(lua_State* L) {
  const sys_days day = CheckDate(L, 1);
  const lua_Integer count = luaL_checkinteger(L, 2);
  if (count > 1'000'000 || count < -1'000'000)
    return luaL_error(L, "%s", kOutOfRange);
  return PushDate(L, day + days(count));
}

int DateAddWorkingDays(lua_State* L) {
  sys_days day = CheckDate(L, 1);
  lua_Integer remaining = luaL_checkinteger(L, 2);
  const days step(remaining < 0 ? -1 : 1);
  while (remaining != 0) {
    day += step;
    if (!InRange(day))
      return luaL_error(L, "%s", kOutOfRange);
    if (IsWorkingDay(day))
      remaining -= step.count();
  }
  return PushDate(L, day);
}

int DateFormat(lua_State* L) {
  const year_month_day day(CheckDate(L, 1));
  const char* style = luaL_optstring(L, 2, "it");
  const auto y = static_cast<int>(day.year());
  const auto m = static_cast<unsigned>(day.month());
  const auto d = static_cast<unsigned>(day.day());
  if (std::string_view(style) == "it") {
    lua_pushfstring(L, "%s%d/%s%d/%d", d < 10 ? "0" : "", static_cast<int>(d), m < 10 ? "0" : "",
                    static_cast<int>(m), y);
  } else if (std::string_view(style) == "iso") {
    lua_pushfstring(L, "%d-%s%d-%s%d", y, m < 10 ? "0" : "", static_cast<int>(m), d < 10 ? "0" : "",
                    static_cast<int>(d));
  } else {
    return luaL_error(L, "unknown date format '%s' (use \"it\" or \"iso\")", style);
  }
  return 1;
}

int DateToIso(lua_State* L) {
  lua_settop(L, 1);
  lua_pushliteral(L, "iso");
  return DateFormat(L);
}

int DateWeekday(lua_State* L) {
  lua_pushinteger(L, std::chrono::weekday(CheckDate(L, 1)).iso_encoding());
  return 1;
}

// d.year, d.month, d.day as numbers; anything else from the methods table
// (upvalue 1).
int DateIndex(lua_State* L) {
  const year_month_day day(CheckDate(L, 1));
  const std::string_view key = lua_type(L, 2) == LUA_TSTRING ? lua_tostring(L, 2) : "";
  if (key == "year") {
    lua_pushinteger(L, static_cast<int>(day.year()));
  } else if (key == "month") {
    lua_pushinteger(L, static_cast<unsigned>(day.month()));
  } else if (key == "day") {
    lua_pushinteger(L, static_cast<unsigned>(day.day()));
  } else {
    lua_pushvalue(L, 2);
    lua_rawget(L, lua_upvalueindex(1));
  }
  return 1;
}

int DateEqual(lua_State* L) {
  lua_pushboolean(L, CheckDate(L, 1) == CheckDate(L, 2));
  return 1;
}

int DateLess(lua_State* L) {
  lua_pushboolean(L, CheckDate(L, 1) < CheckDate(L, 2));
  return 1;
}

int DateLessOrEqual(lua_State* L) {
  lua_pushboolean(L, CheckDate(L, 1) <= CheckDate(L, 2));
  return 1;
}

// later - earlier: the days between them.
int DateDifference(lua_State* L) {
  lua_pushinteger(L, (CheckDate(L, 1) - CheckDate(L, 2)).count());
  return 1;
}

void DateRegisterMetatable(lua_State* L) {
  const luaL_Reg metamethods[] = {
      {"__eq", DateEqual},       {"__lt", DateLess},        {"__le", DateLessOrEqual},
      {"__sub", DateDifference}, {"__tostring", DateToIso}, {"__concat", ConcatAsText},
      {nullptr, nullptr},
  };
  const luaL_Reg methods[] = {
      {"format", DateFormat},
      {"add_days", DateAddDays},
      {"add_working_days", DateAddWorkingDays},
      {"weekday", DateWeekday},
      {"is_holiday", IsHolidayFunction},
      {"is_working_day", IsWorkingDayFunction},
      {nullptr, nullptr},
  };
  luaL_newmetatable(L, kDateName);
  luaL_setfuncs(L, metamethods, 0);
  luaL_newlib(L, methods);
  lua_pushcclosure(L, DateIndex, 1);
  lua_setfield(L, -2, "__index");
  lua_pop(L, 1);
}

}  // namespace

int OpenDate(lua_State* L) {
  DateRegisterMetatable(L);
  const luaL_Reg functions[] = {{"today", TodayFunction},
                                {"parse", DateParse},
                                {"is_holiday", IsHolidayFunction},
                                {"is_working_day", IsWorkingDayFunction},
                                {nullptr, nullptr}};
  luaL_newlib(L, functions);
  return 1;
}

}  // namespace travet::expr
