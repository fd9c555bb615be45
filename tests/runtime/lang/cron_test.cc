#include "runtime/lang/cron.h"

#include <gtest/gtest.h>

namespace travet::lang {
namespace {

TEST(CronTest, ParsesStepsRangesAndLists) {
  auto spec = ParseCron("*/15 8-18 * * 1-5");
  ASSERT_TRUE(spec.has_value()) << spec.error().message();
  EXPECT_EQ(spec->minutes.count(), 4u);
  EXPECT_TRUE(spec->minutes.test(45));
  EXPECT_EQ(spec->hours.count(), 11u);
  EXPECT_TRUE(spec->any_day);
  EXPECT_FALSE(spec->any_weekday);
  EXPECT_TRUE(spec->weekdays.test(1));
  EXPECT_FALSE(spec->weekdays.test(0));
}

TEST(CronTest, NamesAndSundaySeven) {
  auto spec = ParseCron("0 9 * jan,DEC sun,7");
  ASSERT_TRUE(spec.has_value()) << spec.error().message();
  EXPECT_TRUE(spec->months.test(1));
  EXPECT_TRUE(spec->months.test(12));
  EXPECT_EQ(spec->weekdays.count(), 1u);
  EXPECT_TRUE(spec->weekdays.test(0));
}

TEST(CronTest, ADayFieldStartingWithStarCountsAsAnyDay) {
  // Vixie cron: `*/2` in a day field makes a day match both day fields.
  auto spec = ParseCron("0 9 */2 * 5");
  ASSERT_TRUE(spec.has_value()) << spec.error().message();
  EXPECT_TRUE(spec->any_day);
  EXPECT_FALSE(spec->any_weekday);
  EXPECT_EQ(spec->days.count(), 16u);
  spec = ParseCron("0 9 13 * 5");
  ASSERT_TRUE(spec.has_value());
  EXPECT_FALSE(spec->any_day);
  EXPECT_FALSE(spec->any_weekday);
}

TEST(CronTest, Macros) {
  auto spec = ParseCron("@daily");
  ASSERT_TRUE(spec.has_value());
  EXPECT_EQ(spec->minutes.count(), 1u);
  EXPECT_TRUE(spec->hours.test(0));
}

TEST(CronTest, ErrorsSayWhichFieldAndWhy) {
  EXPECT_EQ(
      ParseCron("* * *").error().message(),
      "bad cron expression '* * *': expected 5 fields (minute hour day month weekday), got 3");
  EXPECT_EQ(ParseCron("0 24 * * *").error().message(),
            "bad cron expression '0 24 * * *': hour 24 is out of range 0-23");
  EXPECT_EQ(ParseCron("0 0 0 * *").error().message(),
            "bad cron expression '0 0 0 * *': day of month 0 is out of range 1-31");
  EXPECT_EQ(ParseCron("*/0 * * * *").error().message(),
            "bad cron expression '*/0 * * * *': bad step '0' in minute");
  EXPECT_EQ(ParseCron("0 18-8 * * *").error().message(),
            "bad cron expression '0 18-8 * * *': hour range 18-8 goes backwards");
  EXPECT_EQ(ParseCron("0 0 * foo *").error().message(),
            "bad cron expression '0 0 * foo *': month 'foo' is not a number");
}

}  // namespace
}  // namespace travet::lang
