#include "runtime/schedule/holidays.h"

#include <gtest/gtest.h>

namespace travet::schedule {
namespace {

using namespace std::chrono;

TEST(HolidaysTest, EasterSunday) {
  EXPECT_EQ(EasterSunday(year(2024)), 2024y / March / 31);
  EXPECT_EQ(EasterSunday(year(2025)), 2025y / April / 20);
  EXPECT_EQ(EasterSunday(year(2026)), 2026y / April / 5);
  EXPECT_EQ(EasterSunday(year(2027)), 2027y / March / 28);
  EXPECT_EQ(EasterSunday(year(2038)), 2038y / April / 25);  // the latest it can be
  EXPECT_EQ(EasterSunday(year(2285)), 2285y / March / 22);  // the earliest
}

TEST(HolidaysTest, ItalianHolidaysOf2026InDateOrder) {
  std::vector<year_month_day> expected = {
      2026y / January / 1,  2026y / January / 6,  2026y / April / 5,    2026y / April / 6,
      2026y / April / 25,   2026y / May / 1,      2026y / June / 2,     2026y / August / 15,
      2026y / October / 4,  2026y / November / 1, 2026y / December / 8, 2026y / December / 25,
      2026y / December / 26};
  EXPECT_EQ(ItalianHolidays(year(2026)), expected);
}

TEST(HolidaysTest, FourthOfOctoberOnlyFrom2026) {
  EXPECT_EQ(ItalianHolidays(year(2025)).size(), 12u);
  EXPECT_FALSE(IsHoliday(2025y / October / 4, {}));
  EXPECT_TRUE(IsHoliday(2026y / October / 4, {}));
  EXPECT_TRUE(IsHoliday(2027y / October / 4, {}));
}

TEST(HolidaysTest, EasterMondayMovesWithTheYear) {
  EXPECT_TRUE(IsHoliday(2026y / April / 6, {}));
  EXPECT_FALSE(IsHoliday(2026y / March / 30, {}));
  EXPECT_TRUE(IsHoliday(2027y / March / 29, {}));
  EXPECT_FALSE(IsHoliday(2027y / April / 6, {}));
}

TEST(HolidaysTest, LocalDaysAreHolidaysEveryYear) {
  const std::vector<month_day> turin = {June / 24};
  EXPECT_FALSE(IsHoliday(2026y / June / 24, {}));
  EXPECT_TRUE(IsHoliday(2026y / June / 24, turin));
  EXPECT_TRUE(IsHoliday(2031y / June / 24, turin));
  EXPECT_FALSE(IsHoliday(2026y / June / 23, turin));
  EXPECT_TRUE(IsHoliday(2026y / December / 26, turin));
}

}  // namespace
}  // namespace travet::schedule
