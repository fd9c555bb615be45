#include "runtime/schedule/catch_up.h"

#include <gtest/gtest.h>

#include "runtime/schedule/iso_time.h"
#include "runtime/schedule/next_fire.h"
#include "tests/fakes/fake_clock.h"

namespace travet::schedule {
namespace {

using std::chrono::sys_seconds;

sys_seconds Utc(const std::string& iso) {
  auto t = ParseIsoInstant(iso);
  EXPECT_TRUE(t.has_value()) << t.error().message();
  return t.has_value() ? *t : sys_seconds{};
}

sys_seconds Now(const Clock& clock) {
  return std::chrono::floor<std::chrono::seconds>(clock.Now());
}

// NextFire of `cron` in UTC, counting its calls.
struct CountedNext {
  CronCalendar calendar;
  int calls = 0;

  explicit CountedNext(const std::string& cron) : calendar{*lang::ParseCron(cron), "UTC", {}} {}
  NextFireFunction Function() {
    return [this](sys_seconds after) {
      ++calls;
      return NextFire(calendar, after);
    };
  }
};

// A server that was down from 06:30 to 10:20 missed the hourly fires of
// 07:00, 08:00, 09:00 and 10:00.
class CatchUpTest : public ::testing::Test {
 protected:
  testing::FakeClock clock_{std::chrono::system_clock::time_point(Utc("2026-03-30T10:20:00Z"))};
  CountedNext hourly_{"0 * * * *"};
  std::optional<sys_seconds> last_ = Utc("2026-03-30T06:00:00Z");
};

TEST_F(CatchUpTest, NoneStartsNothingAndCountsTheMissed) {
  auto plan = PlanCatchUp(lang::CatchUp::kNone, last_, Now(clock_), hourly_.Function());
  ASSERT_TRUE(plan.has_value()) << plan.error().message();
  EXPECT_TRUE(plan->start.empty());
  EXPECT_EQ(plan->dropped, 4);
}

TEST_F(CatchUpTest, LastStartsTheMostRecent) {
  auto plan = PlanCatchUp(lang::CatchUp::kLast, last_, Now(clock_), hourly_.Function());
  ASSERT_TRUE(plan.has_value()) << plan.error().message();
  EXPECT_EQ(plan->start, std::vector<sys_seconds>{Utc("2026-03-30T10:00:00Z")});
  EXPECT_EQ(plan->dropped, 3);
}

TEST_F(CatchUpTest, AllStartsEveryMissedFireOldestFirst) {
  auto plan = PlanCatchUp(lang::CatchUp::kAll, last_, Now(clock_), hourly_.Function());
  ASSERT_TRUE(plan.has_value()) << plan.error().message();
  EXPECT_EQ(plan->start,
            (std::vector<sys_seconds>{Utc("2026-03-30T07:00:00Z"), Utc("2026-03-30T08:00:00Z"),
                                      Utc("2026-03-30T09:00:00Z"), Utc("2026-03-30T10:00:00Z")}));
  EXPECT_EQ(plan->dropped, 0);
  EXPECT_EQ(hourly_.calls, 5);  // four missed fires, and 11:00 that is not
}

TEST_F(CatchUpTest, AllStartsAtMostTheLimitAndCountsTheRest) {
  // Every minute for 3 hours and 20 minutes: 200 missed fires.
  CountedNext every_minute("* * * * *");
  auto plan = PlanCatchUp(lang::CatchUp::kAll, last_, Now(clock_), every_minute.Function());
  ASSERT_TRUE(plan.has_value()) << plan.error().message();
  ASSERT_EQ(plan->start.size(), static_cast<size_t>(kMaxCatchUpFires));
  EXPECT_EQ(plan->start.front(), Utc("2026-03-30T08:40:00Z"));
  EXPECT_EQ(plan->start.back(), Utc("2026-03-30T10:19:00Z"));
  EXPECT_EQ(plan->dropped, 159);
}

TEST_F(CatchUpTest, NothingMissedWhenTheServerWasUpOrTheTriggerIsNew) {
  for (auto policy : {lang::CatchUp::kNone, lang::CatchUp::kLast, lang::CatchUp::kAll}) {
    auto up = PlanCatchUp(policy, Utc("2026-03-30T10:00:00Z"), Now(clock_), hourly_.Function());
    ASSERT_TRUE(up.has_value());
    EXPECT_TRUE(up->start.empty());
    EXPECT_EQ(up->dropped, 0);
    auto fresh = PlanCatchUp(policy, std::nullopt, Now(clock_), hourly_.Function());
    ASSERT_TRUE(fresh.has_value());
    EXPECT_TRUE(fresh->start.empty());
    EXPECT_EQ(fresh->dropped, 0);
  }
}

TEST_F(CatchUpTest, AFireAtNowIsDueNotMissed) {
  clock_.Advance(std::chrono::minutes(40));  // 11:00:00
  auto plan = PlanCatchUp(lang::CatchUp::kAll, last_, Now(clock_), hourly_.Function());
  ASSERT_TRUE(plan.has_value());
  EXPECT_EQ(plan->start.size(), 4u);
  EXPECT_EQ(plan->start.back(), Utc("2026-03-30T10:00:00Z"));
  clock_.Advance(std::chrono::seconds(1));
  plan = PlanCatchUp(lang::CatchUp::kAll, last_, Now(clock_), hourly_.Function());
  ASSERT_TRUE(plan.has_value());
  EXPECT_EQ(plan->start.back(), Utc("2026-03-30T11:00:00Z"));
}

TEST_F(CatchUpTest, ACalendarThatEndsEndsTheMisses) {
  auto once = [](sys_seconds after) -> Result<sys_seconds> {
    sys_seconds only = Utc("2026-03-30T08:00:00Z");
    if (after < only)
      return only;
    return NotFound("no fire time in the 8 years after then");
  };
  auto plan = PlanCatchUp(lang::CatchUp::kLast, last_, Now(clock_), once);
  ASSERT_TRUE(plan.has_value());
  EXPECT_EQ(plan->start, std::vector<sys_seconds>{Utc("2026-03-30T08:00:00Z")});
  EXPECT_EQ(plan->dropped, 0);
}

TEST_F(CatchUpTest, ErrorsOfTheCalendarAreReturned) {
  auto broken = [](sys_seconds) -> Result<sys_seconds> {
    return InvalidArgument("unknown time zone 'Europe/Torino'");
  };
  auto plan = PlanCatchUp(lang::CatchUp::kAll, last_, Now(clock_), broken);
  ASSERT_FALSE(plan.has_value());
  EXPECT_EQ(plan.error().message(), "unknown time zone 'Europe/Torino'");
  auto stuck = [](sys_seconds after) -> Result<sys_seconds> { return after; };
  plan = PlanCatchUp(lang::CatchUp::kAll, last_, Now(clock_), stuck);
  ASSERT_FALSE(plan.has_value());
  EXPECT_EQ(plan.error().code(), StatusCode::kInternal);
}

}  // namespace
}  // namespace travet::schedule
