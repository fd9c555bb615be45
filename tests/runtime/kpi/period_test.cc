#include "runtime/kpi/period.h"

#include <gtest/gtest.h>

namespace travet::kpi {
namespace {

std::string MonthOf(std::string_view utc) {
  Result<std::string> month = KpiMonth(utc);
  EXPECT_TRUE(month) << month.error().message();
  return month ? *month : "";
}

TEST(KpiPeriodTest, MonthsEndAtRomeMidnight) {
  // Summer time (+02:00): 22:00Z on 31 March is midnight of 1 April in Rome.
  EXPECT_EQ(MonthOf("2026-03-31T21:59:59.999Z"), "2026-03");
  EXPECT_EQ(MonthOf("2026-03-31T22:00:00.000Z"), "2026-04");
  // Winter time (+01:00).
  EXPECT_EQ(MonthOf("2026-01-31T22:59:59.999Z"), "2026-01");
  EXPECT_EQ(MonthOf("2026-01-31T23:00:00.000Z"), "2026-02");
  EXPECT_EQ(MonthOf("2025-12-31T23:30:00.000Z"), "2026-01");
}

TEST(KpiPeriodTest, RefusesATimeTheStoreDidNotWrite) {
  Result<std::string> month = KpiMonth("2026-03-31");
  ASSERT_FALSE(month);
  EXPECT_EQ(month.error().message(), "'2026-03-31' is not a time of the store");
}

TEST(KpiPeriodTest, MonthsAndDaysBecomeRomeBounds) {
  Result<KpiPeriod> march = ParseKpiPeriod("2026-03", "2026-03");
  ASSERT_TRUE(march) << march.error().message();
  EXPECT_EQ(march->since, "2026-03-01");
  EXPECT_EQ(march->until, "2026-03-31");
  EXPECT_EQ(march->from_utc, "2026-02-28T23:00:00.000Z");  // +01:00 on 1 March
  EXPECT_EQ(march->to_utc, "2026-03-31T22:00:00.000Z");    // +02:00 on 1 April
  Result<KpiPeriod> leap = ParseKpiPeriod("", "2028-02");
  ASSERT_TRUE(leap) << leap.error().message();
  EXPECT_EQ(leap->since, "");
  EXPECT_EQ(leap->from_utc, "");
  EXPECT_EQ(leap->until, "2028-02-29");
  Result<KpiPeriod> day = ParseKpiPeriod("2026-07-14", "2026-07-14");
  ASSERT_TRUE(day) << day.error().message();
  EXPECT_EQ(day->from_utc, "2026-07-13T22:00:00.000Z");
  EXPECT_EQ(day->to_utc, "2026-07-14T22:00:00.000Z");
}

// A period "from the beginning of time" must not give an empty report as if
// nothing had run: the store's times compare as text, and year 10000 sorts
// before 2026.
TEST(KpiPeriodTest, RefusesYearsOutsideTheCalendar) {
  Result<KpiPeriod> far = ParseKpiPeriod("0001-01", "9999-12");
  ASSERT_FALSE(far);
  EXPECT_EQ(far.error().message(), "since: 0001-01-01 is out of range (years 1900..2199)");
  far = ParseKpiPeriod("2026-01", "9999-12");
  ASSERT_FALSE(far);
  EXPECT_EQ(far.error().message(), "until: 9999-12-31 is out of range (years 1900..2199)");
  Result<KpiPeriod> widest = ParseKpiPeriod("1900-01", "2199-12");
  ASSERT_TRUE(widest) << widest.error().message();
  EXPECT_EQ(widest->to_utc, "2199-12-31T23:00:00.000Z");
}

TEST(KpiPeriodTest, RefusesWhatIsNotADay) {
  EXPECT_EQ(ParseKpiPeriod("2026-02-30", "").error().message(),
            "since: '2026-02-30' is not a day or a month (use YYYY-MM-DD or YYYY-MM)");
  EXPECT_EQ(ParseKpiPeriod("", "2026-13").error().message(),
            "until: '2026-13' is not a day or a month (use YYYY-MM-DD or YYYY-MM)");
  EXPECT_EQ(ParseKpiPeriod("march", "").error().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(ParseKpiPeriod("2026-02", "2026-01").error().message(),
            "until 2026-01-31 is before since 2026-02-01");
}

}  // namespace
}  // namespace travet::kpi
