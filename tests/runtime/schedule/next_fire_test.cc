#include "runtime/schedule/next_fire.h"

#include <gtest/gtest.h>

#include "runtime/schedule/iso_time.h"

namespace travet::schedule {
namespace {

using std::chrono::sys_seconds;

struct Case {
  std::string cron;
  std::string timezone = "Europe/Rome";
  HolidayRule holidays;
};

CronCalendar Calendar(const Case& c) {
  auto cron = lang::ParseCron(c.cron);
  EXPECT_TRUE(cron.has_value()) << cron.error().message();
  return {cron.has_value() ? *cron : lang::CronSpec{}, c.timezone, c.holidays};
}

sys_seconds At(const std::string& iso) {
  auto t = ParseIsoInstant(iso);
  EXPECT_TRUE(t.has_value()) << t.error().message();
  return t.has_value() ? *t : sys_seconds{};
}

// The next `count` fire times of `c` after `from`, as local ISO 8601 times.
std::vector<std::string> Fires(const Case& c, const std::string& from, int count) {
  CronCalendar calendar = Calendar(c);
  std::vector<std::string> fires;
  sys_seconds after = At(from);
  for (int i = 0; i < count; ++i) {
    auto fire = NextFire(calendar, after);
    if (!fire) {
      fires.push_back(fire.error().message());
      break;
    }
    fires.push_back(FormatIso(*ToLocalTime(*fire, c.timezone)));
    after = *fire;
  }
  return fires;
}

using Times = std::vector<std::string>;

TEST(NextFireTest, SpringForwardASkippedTimeFiresAtTheChange) {
  EXPECT_EQ(Fires({"30 2 * * *"}, "2026-03-27T12:00:00+01:00", 4),
            (Times{"2026-03-28T02:30:00+01:00", "2026-03-29T03:00:00+02:00",
                   "2026-03-30T02:30:00+02:00", "2026-03-31T02:30:00+02:00"}));
}

TEST(NextFireTest, SpringForwardTimesInTheGapAndAfterItFireOnce) {
  // 02:00 and 02:30 do not exist on 29 March; they and 03:00 are one instant.
  EXPECT_EQ(Fires({"*/30 1-3 * * *"}, "2026-03-29T00:00:00+01:00", 6),
            (Times{"2026-03-29T01:00:00+01:00", "2026-03-29T01:30:00+01:00",
                   "2026-03-29T03:00:00+02:00", "2026-03-29T03:30:00+02:00",
                   "2026-03-30T01:00:00+02:00", "2026-03-30T01:30:00+02:00"}));
  EXPECT_EQ(Fires({"*/15 2 * * *"}, "2026-03-28T23:00:00+01:00", 3),
            (Times{"2026-03-29T03:00:00+02:00", "2026-03-30T02:00:00+02:00",
                   "2026-03-30T02:15:00+02:00"}));
}

TEST(NextFireTest, SpringForwardFromInsideTheChange) {
  // Just after the change, the skipped times have fired already.
  EXPECT_EQ(Fires({"*/15 2 * * *"}, "2026-03-29T03:00:00+02:00", 1),
            (Times{"2026-03-30T02:00:00+02:00"}));
  EXPECT_EQ(Fires({"*/15 2 * * *"}, "2026-03-29T01:59:59+01:00", 1),
            (Times{"2026-03-29T03:00:00+02:00"}));
}

TEST(NextFireTest, FallBackARepeatedTimeFiresAtItsFirstOccurrence) {
  EXPECT_EQ(Fires({"30 2 * * *"}, "2026-10-24T12:00:00+02:00", 3),
            (Times{"2026-10-25T02:30:00+02:00", "2026-10-26T02:30:00+01:00",
                   "2026-10-27T02:30:00+01:00"}));
  // In the repeated hour, 02:30 has fired already.
  EXPECT_EQ(Fires({"30 2 * * *"}, "2026-10-25T02:10:00+01:00", 1),
            (Times{"2026-10-26T02:30:00+01:00"}));
}

TEST(NextFireTest, FallBackTheRepeatedHourFiresOnce) {
  EXPECT_EQ(
      Fires({"*/30 1-3 * * *"}, "2026-10-25T00:00:00+02:00", 7),
      (Times{"2026-10-25T01:00:00+02:00", "2026-10-25T01:30:00+02:00", "2026-10-25T02:00:00+02:00",
             "2026-10-25T02:30:00+02:00", "2026-10-25T03:00:00+01:00", "2026-10-25T03:30:00+01:00",
             "2026-10-26T01:00:00+01:00"}));
  // An hourly spec pauses for the repeated hour: 02:00+01:00 is 02:00 again.
  EXPECT_EQ(Fires({"0 * * * *"}, "2026-10-25T00:30:00+02:00", 3),
            (Times{"2026-10-25T01:00:00+02:00", "2026-10-25T02:00:00+02:00",
                   "2026-10-25T03:00:00+01:00"}));
}

TEST(NextFireTest, WeekdaysSkipItalianAndLocalHolidays2026) {
  Case weekdays{"0 8 * * 1-5", "Europe/Rome", {true, {std::chrono::June / 24}}};
  // Easter Monday, 6 April 2026.
  EXPECT_EQ(Fires(weekdays, "2026-04-02T12:00:00+02:00", 3),
            (Times{"2026-04-03T08:00:00+02:00", "2026-04-07T08:00:00+02:00",
                   "2026-04-08T08:00:00+02:00"}));
  // 1 May (Friday), 2 June (Tuesday), 24 June in Turin (Wednesday).
  EXPECT_EQ(Fires(weekdays, "2026-04-30T12:00:00+02:00", 1), (Times{"2026-05-04T08:00:00+02:00"}));
  EXPECT_EQ(Fires(weekdays, "2026-06-01T12:00:00+02:00", 1), (Times{"2026-06-03T08:00:00+02:00"}));
  EXPECT_EQ(Fires(weekdays, "2026-06-23T12:00:00+02:00", 1), (Times{"2026-06-25T08:00:00+02:00"}));
  // 8 December (Tuesday); Christmas and the New Year, with 6 January 2027.
  EXPECT_EQ(Fires(weekdays, "2026-12-07T12:00:00+01:00", 1), (Times{"2026-12-09T08:00:00+01:00"}));
  EXPECT_EQ(
      Fires(weekdays, "2026-12-23T12:00:00+01:00", 8),
      (Times{"2026-12-24T08:00:00+01:00", "2026-12-28T08:00:00+01:00", "2026-12-29T08:00:00+01:00",
             "2026-12-30T08:00:00+01:00", "2026-12-31T08:00:00+01:00", "2027-01-04T08:00:00+01:00",
             "2027-01-05T08:00:00+01:00", "2027-01-07T08:00:00+01:00"}));
}

TEST(NextFireTest, WeekdaysSkipItalianHolidays2027) {
  Case weekdays{"0 8 * * 1-5", "Europe/Rome", {true, {}}};
  // Easter Monday, 29 March 2027, the day after the clocks change.
  EXPECT_EQ(Fires(weekdays, "2027-03-26T12:00:00+01:00", 1), (Times{"2027-03-30T08:00:00+02:00"}));
  // 4 October 2027 is a Monday.
  EXPECT_EQ(Fires(weekdays, "2027-10-01T12:00:00+02:00", 1), (Times{"2027-10-05T08:00:00+02:00"}));
  // Without `skip`, holidays fire.
  EXPECT_EQ(Fires({"0 8 * * 1-5"}, "2027-03-26T12:00:00+01:00", 1),
            (Times{"2027-03-29T08:00:00+02:00"}));
}

TEST(NextFireTest, DailySkipsSundayHolidaysAndSaintFrancisFrom2026) {
  Case daily{"0 8 * * *", "Europe/Rome", {true, {}}};
  // 4 October 2026 is a Sunday; in 2025 it was no holiday.
  EXPECT_EQ(Fires(daily, "2026-10-03T12:00:00+02:00", 1), (Times{"2026-10-05T08:00:00+02:00"}));
  EXPECT_EQ(Fires(daily, "2025-10-03T12:00:00+02:00", 1), (Times{"2025-10-04T08:00:00+02:00"}));
  // 25 and 26 December 2026; Easter Sunday and Monday 2026.
  EXPECT_EQ(Fires(daily, "2026-12-24T12:00:00+01:00", 1), (Times{"2026-12-27T08:00:00+01:00"}));
  EXPECT_EQ(Fires(daily, "2026-04-04T12:00:00+02:00", 1), (Times{"2026-04-07T08:00:00+02:00"}));
}

TEST(NextFireTest, TheTimeZoneIsUsed) {
  // The same spec, three zones: 08:00 on each one's clocks.
  EXPECT_EQ(Fires({"0 8 * * *", "UTC"}, "2026-03-07T12:00:00Z", 2),
            (Times{"2026-03-08T08:00:00+00:00", "2026-03-09T08:00:00+00:00"}));
  // 12:00 UTC is 07:00 in New York, which moves its clocks on 8 March 2026,
  // three weeks before Rome.
  EXPECT_EQ(Fires({"0 8 * * *", "America/New_York"}, "2026-03-07T12:00:00Z", 2),
            (Times{"2026-03-07T08:00:00-05:00", "2026-03-08T08:00:00-04:00"}));
  EXPECT_EQ(Fires({"30 2 * * *", "America/New_York"}, "2026-03-07T12:00:00-05:00", 2),
            (Times{"2026-03-08T03:00:00-04:00", "2026-03-09T02:30:00-04:00"}));
  EXPECT_EQ(Fires({"0 8 * * *"}, "2026-03-07T12:00:00Z", 1), (Times{"2026-03-08T08:00:00+01:00"}));
  EXPECT_EQ(Fires({"0 8 * * *", "Asia/Kolkata"}, "2026-03-07T12:00:00Z", 1),
            (Times{"2026-03-08T08:00:00+05:30"}));
}

TEST(NextFireTest, IsStrictlyAfter) {
  EXPECT_EQ(Fires({"0 8 * * *"}, "2026-05-04T08:00:00+02:00", 1),
            (Times{"2026-05-05T08:00:00+02:00"}));
  EXPECT_EQ(Fires({"0 8 * * *"}, "2026-05-04T07:59:59+02:00", 1),
            (Times{"2026-05-04T08:00:00+02:00"}));
}

TEST(NextFireTest, DayOfMonthOrDayOfWeekAsVixieCron) {
  // The 13th or a Friday: both fields are restricted.
  EXPECT_EQ(Fires({"0 9 13 * 5"}, "2026-04-08T12:00:00+02:00", 3),
            (Times{"2026-04-10T09:00:00+02:00", "2026-04-13T09:00:00+02:00",
                   "2026-04-17T09:00:00+02:00"}));
  // A day field starting with `*` makes both count: Fridays on odd days.
  EXPECT_EQ(Fires({"0 9 */2 * 5"}, "2026-04-01T12:00:00+02:00", 3),
            (Times{"2026-04-03T09:00:00+02:00", "2026-04-17T09:00:00+02:00",
                   "2026-05-01T09:00:00+02:00"}));
  // Months and names.
  EXPECT_EQ(Fires({"0 7 1 jan,jul *"}, "2026-04-01T12:00:00+02:00", 2),
            (Times{"2026-07-01T07:00:00+02:00", "2027-01-01T07:00:00+01:00"}));
}

TEST(NextFireTest, TwentyNinthOfFebruaryFindsTheNextLeapYear) {
  EXPECT_EQ(Fires({"0 0 29 2 *"}, "2026-01-01T00:00:00+01:00", 2),
            (Times{"2028-02-29T00:00:00+01:00", "2032-02-29T00:00:00+01:00"}));
  // 2100 is not a leap year: 8 years from one 29 February to the next.
  EXPECT_EQ(Fires({"0 0 29 2 *", "UTC"}, "2096-03-01T00:00:00Z", 1),
            (Times{"2104-02-29T00:00:00+00:00"}));
}

TEST(NextFireTest, ImpossibleSpecsEndWithNotFound) {
  CronCalendar never = Calendar({"0 0 30 2 *"});
  auto fire = NextFire(never, At("2026-01-01T00:00:00+01:00"));
  ASSERT_FALSE(fire.has_value());
  EXPECT_EQ(fire.error().code(), StatusCode::kNotFound);
  EXPECT_EQ(fire.error().message(), "no fire time in the 8 years after 2026-01-01T00:00:00+01:00");
  EXPECT_EQ(Fires({"0 0 31 4,6,9,11 *"}, "2026-01-01T00:00:00+01:00", 1),
            (Times{"no fire time in the 8 years after 2026-01-01T00:00:00+01:00"}));
  // Christmas only, and holidays skipped.
  EXPECT_EQ(Fires({"0 8 25 12 *", "Europe/Rome", {true, {}}}, "2026-01-01T00:00:00+01:00", 1),
            (Times{"no fire time in the 8 years after 2026-01-01T00:00:00+01:00"}));
}

TEST(NextFireTest, UnknownZone) {
  auto fire = NextFire(Calendar({"0 8 * * *", "Europe/Torino"}), At("2026-01-01T00:00:00Z"));
  ASSERT_FALSE(fire.has_value());
  EXPECT_EQ(fire.error().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(fire.error().message().substr(0, 34), "unknown time zone 'Europe/Torino' ");
}

TEST(NextFireTest, CalendarOfATrigger) {
  lang::Trigger trigger;
  trigger.cron = "0 8 * * 1-5";
  trigger.timezone = "America/New_York";
  trigger.skip_holidays = true;
  trigger.holidays = {std::chrono::June / 24};
  auto calendar = CalendarOf(trigger);
  ASSERT_TRUE(calendar.has_value()) << calendar.error().message();
  EXPECT_EQ(calendar->timezone, "America/New_York");
  EXPECT_TRUE(calendar->holidays.skip);
  EXPECT_EQ(calendar->holidays.local, trigger.holidays);
  EXPECT_TRUE(calendar->cron.weekdays.test(5));
  trigger.cron = "0 8 * *";
  EXPECT_EQ(CalendarOf(trigger).error().message(),
            "bad cron expression '0 8 * *': expected 5 fields (minute hour day month weekday), "
            "got 4");
}

}  // namespace
}  // namespace travet::schedule
