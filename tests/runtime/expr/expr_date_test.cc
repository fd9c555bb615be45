#include <chrono>
#include <string>

#include "tests/fakes/fake_clock.h"
#include "tests/runtime/expr/library_test_support.h"

namespace travet::expr {
namespace {

using DateLibraryTest = LibraryTest;

TEST_F(DateLibraryTest, ParsesItalianAndIsoForms) {
  EXPECT_EQ(Eval("date.parse('31/12/2026')"), Value("2026-12-31"));
  EXPECT_EQ(Eval("date.parse('1° aprile 2025'):format('it')"), Value("01/04/2025"));
  EXPECT_EQ(Eval("date.parse('2026-03-05'):format('iso')"), Value("2026-03-05"));
  EXPECT_EQ(Eval("{date.parse('5.3.26').day, date.parse('5.3.26').month, "
                 "date.parse('5.3.26').year}"),
            Value({5, 3, 2026}));
  EXPECT_EQ(Eval("tostring(date.parse('31/12/2026'))"), Value("2026-12-31"));
  EXPECT_EQ(Eval("'scade il ' .. date.parse('31/12/2026')"), Value("scade il 2026-12-31"));
  EXPECT_EQ(EvalError("{} .. date.parse('31/12/2026')"),
            "expression '{} .. date.parse('31/12/2026')' failed: attempt to concatenate a "
            "table value");
}

TEST_F(DateLibraryTest, WorkingDaysSkipWeekendsAndTheSchedulersHolidays) {
  // Friday 3 April 2026; Easter Monday is 6 April.
  EXPECT_EQ(Eval("date.parse('03/04/2026'):add_working_days(1)"), Value("2026-04-07"));
  EXPECT_EQ(Eval("date.parse('07/04/2026'):add_working_days(-1)"), Value("2026-04-03"));
  EXPECT_EQ(Eval("date.parse('24/12/2026'):add_working_days(1)"), Value("2026-12-28"));
  EXPECT_EQ(Eval("date.parse('24/12/2026'):add_working_days(0)"), Value("2026-12-24"));
  EXPECT_EQ(Eval("date.parse('30/12/2026'):add_days(3)"), Value("2027-01-02"));
  EXPECT_EQ(Eval("date.parse('2026-03-01') - date.parse('2026-02-01')"), Value(28));
}

TEST_F(DateLibraryTest, Holidays) {
  EXPECT_EQ(Eval("date.is_holiday('06/04/2026')"), Value(true));
  EXPECT_EQ(Eval("date.is_holiday('2026-10-04')"), Value(true));
  EXPECT_EQ(Eval("date.is_holiday('2025-10-04')"), Value(false));
  EXPECT_EQ(Eval("date.is_holiday(date.parse('2 giugno 2026'))"), Value(true));
  EXPECT_EQ(Eval("date.is_working_day('2026-12-24')"), Value(true));
  EXPECT_EQ(Eval("date.parse('2026-12-26'):is_working_day()"), Value(false));
  EXPECT_EQ(Eval("date.parse('2026-12-31'):weekday()"), Value(4));
}

TEST_F(DateLibraryTest, TodayIsInRomeByTheCallsClock) {
  testing::FakeClock clock;  // 1970 + 56 × 365 days: 18 December 2025, 00:00 UTC
  const Deadline deadline{&clock, TimePoint::max()};
  EXPECT_EQ(Eval("date.today()", deadline), Value("2025-12-18"));
  clock.Advance(std::chrono::minutes(23 * 60 + 30));  // 23:30 UTC is 00:30 in Rome
  EXPECT_EQ(Eval("date.today()", deadline), Value("2025-12-19"));
  EXPECT_EQ(Eval("date.today() > date.parse('18/12/2025')", deadline), Value(true));
}

TEST_F(DateLibraryTest, Errors) {
  EXPECT_EQ(EvalError("date.parse('31/02/2026')"),
            "expression 'date.parse('31/02/2026')' failed: not a calendar date: 2026-02-31");
  EXPECT_EQ(EvalError("date.parse('domani')"),
            "expression 'date.parse('domani')' failed: not a date: 'domani'");
  EXPECT_EQ(EvalError("date.parse('2026-01-01'):add_days(100000)"),
            "expression 'date.parse('2026-01-01'):add_days(100000)' failed: date out of range "
            "(years 1900..2199)");
  EXPECT_EQ(EvalError("date.parse('2026-01-01'):add_working_days(1000000000)"),
            "expression 'date.parse('2026-01-01'):add_working_days(1000000000)' failed: date "
            "out of range (years 1900..2199)");
  EXPECT_EQ(EvalError("date.parse('2026-01-01'):format('us')"),
            "expression 'date.parse('2026-01-01'):format('us')' failed: unknown date format "
            "'us' (use \"it\" or \"iso\")");
  EXPECT_EQ(EvalError("date.parse(('1'):rep(1000000)):format()"),
            "expression 'date.parse(('1'):rep(1000000)):format()' failed: not a date: longer "
            "than 64 characters");
  EXPECT_EQ(EvalError("date.is_holiday(('1'):rep(65))"),
            "expression 'date.is_holiday(('1'):rep(65))' failed: not a date: longer than 64 "
            "characters");
  EXPECT_EQ(EvalError("date.is_holiday(5)"),
            "expression 'date.is_holiday(5)' failed: bad argument #1 to 'is_holiday' (date or "
            "string expected, got number)");
}

}  // namespace
}  // namespace travet::expr
