// The cron side of the scheduler on a fake clock and a real SQLite store:
// fires at the calendar's times, once, by one of several servers, the
// catch-up rules after a downtime, and paused triggers.
#include "runtime/server/cron_scheduler.h"

#include <gtest/gtest.h>

#include "runtime/actions/bot_loading.h"
#include "tests/fakes/fake_clock.h"
#include "tests/fakes/temp_dir.h"

namespace travet::server {
namespace {

using travet::testing::FakeClock;
using travet::testing::TempDir;

TimePoint At(const std::string& rfc3339_utc) {
  auto t = ParseRfc3339(rfc3339_utc);
  EXPECT_TRUE(t.has_value()) << rfc3339_utc;
  return t.value_or(TimePoint());
}

// Weekdays at 08:00 in Rome (06:00 UTC in summer time), with `catch_up`.
std::vector<CatalogEntry> WeekdayBot(const TempDir& dir, const std::string& catch_up) {
  const auto file = dir.Write("bots/morning.yaml", R"(bot: morning
triggers:
  - cron: "0 8 * * 1-5"
    timezone: Europe/Rome
    catch_up: )" + catch_up + R"(
steps:
  - id: hello
    uses: set
    with: { greeting: hello }
)");
  lang::LoadResult loaded = actions::LoadBot(file.string());
  EXPECT_TRUE(loaded.ok()) << (loaded.errors.empty() ? "" : loaded.errors[0]);
  CatalogEntry entry{"morning", file.string(), nullptr, {}};
  if (loaded.ok()) {
    entry.bot = std::make_shared<const lang::Bot>(std::move(*loaded.bot));
  }
  return {entry};
}

struct Outcomes {
  std::vector<std::string> lines;
  int Count(const std::string& outcome) const {
    int n = 0;
    for (const std::string& line : lines) {
      n += line.starts_with(outcome + " ") ? 1 : 0;
    }
    return n;
  }
  FireReport Report() {
    return [this](const std::string&, const std::string& outcome, const std::string& line) {
      lines.push_back(outcome + " " + line);
    };
  }
};

class CronSchedulerTest : public ::testing::Test {
 protected:
  CronSchedulerTest() {
    auto store = store::OpenStore((dir_.path() / "travet.db").string());
    EXPECT_TRUE(store.has_value());
    store_ = std::move(*store);
  }

  std::vector<store::RunRecord> Runs() {
    auto runs = store_->ListRuns({.limit = 0});
    EXPECT_TRUE(runs.has_value());
    return runs ? *runs : std::vector<store::RunRecord>{};
  }

  TempDir dir_;
  std::unique_ptr<store::Store> store_;
};

TEST_F(CronSchedulerTest, FiresAtTheCalendarsTimeOnce) {
  FakeClock clock(At("2026-03-30T05:59:58.000Z"));  // Monday 07:59:58 in Rome
  Outcomes outcomes;
  CronScheduler scheduler(*store_, clock, dir_.path(), outcomes.Report());
  scheduler.Plan(WeekdayBot(dir_, "none"));
  scheduler.Tick();
  EXPECT_TRUE(Runs().empty());
  clock.Advance(Millis(2000));  // 08:00:00
  scheduler.Tick();
  scheduler.Tick();
  const auto runs = Runs();
  ASSERT_EQ(runs.size(), 1u);
  EXPECT_EQ(runs[0].bot, "morning");
  EXPECT_EQ(runs[0].state, store::RunState::kQueued);
  EXPECT_EQ(outcomes.Count("started"), 1);
  auto last = store_->LastFire("morning", "cron#1");
  ASSERT_TRUE(last.has_value());
  EXPECT_EQ(*last, "2026-03-30T06:00:00.000Z");
  clock.Advance(std::chrono::hours(24));  // Tuesday 08:00
  scheduler.Tick();
  EXPECT_EQ(Runs().size(), 2u);
}

// Two servers on one store see the same fire: one starts it.
TEST_F(CronSchedulerTest, OfTwoServersOnOneStoreOneStartsAFire) {
  FakeClock clock(At("2026-03-30T05:59:59.000Z"));
  Outcomes first_outcomes, second_outcomes;
  CronScheduler first(*store_, clock, dir_.path(), first_outcomes.Report());
  CronScheduler second(*store_, clock, dir_.path(), second_outcomes.Report());
  first.Plan(WeekdayBot(dir_, "none"));
  second.Plan(WeekdayBot(dir_, "none"));
  clock.Advance(Millis(1000));
  second.Tick();
  first.Tick();
  EXPECT_EQ(Runs().size(), 1u);
  EXPECT_EQ(second_outcomes.Count("started"), 1);
  EXPECT_EQ(first_outcomes.Count("taken"), 1);
}

// A server stopped after Monday's fire and started again on Thursday at
// 09:00 missed Tuesday, Wednesday and Thursday 08:00.
class CronCatchUpTest : public CronSchedulerTest {
 protected:
  Outcomes RestartAfterDowntime(const std::string& catch_up) {
    FakeClock clock(At("2026-03-30T06:00:00.000Z"));
    Outcomes before;
    CronScheduler monday(*store_, clock, dir_.path(), before.Report());
    monday.Plan(WeekdayBot(dir_, catch_up));
    monday.Tick();
    EXPECT_EQ(before.Count("started"), 1);
    clock.Advance(std::chrono::hours(3 * 24 + 1));  // Thursday 09:00
    Outcomes after;
    CronScheduler thursday(*store_, clock, dir_.path(), after.Report());
    thursday.Plan(WeekdayBot(dir_, catch_up));
    thursday.Tick();
    return after;
  }
};

TEST_F(CronCatchUpTest, NoneStartsNothingMissedAndCountsIt) {
  const Outcomes after = RestartAfterDowntime("none");
  EXPECT_EQ(Runs().size(), 1u);
  EXPECT_EQ(after.Count("started"), 0);
  ASSERT_EQ(after.Count("missed"), 1);
  EXPECT_NE(after.lines.back().find("3 fires missed"), std::string::npos) << after.lines.back();
}

TEST_F(CronCatchUpTest, LastStartsTheMostRecentMissedFire) {
  const Outcomes after = RestartAfterDowntime("last");
  EXPECT_EQ(Runs().size(), 2u);
  ASSERT_EQ(after.Count("started"), 1);
  EXPECT_NE(after.lines[0].find("2026-04-02T06:00:00.000Z"), std::string::npos) << after.lines[0];
}

TEST_F(CronCatchUpTest, AllStartsEachMissedFire) {
  const Outcomes after = RestartAfterDowntime("all");
  EXPECT_EQ(Runs().size(), 4u);
  EXPECT_EQ(after.Count("started"), 3);
}

// A paused trigger does not fire; its fire time is reported "paused" and not
// caught up once it is resumed; then it fires again.
TEST_F(CronSchedulerTest, APausedTriggerDoesNotFireUntilResumed) {
  FakeClock clock(At("2026-03-30T05:59:58.000Z"));  // Monday 07:59:58 in Rome
  Outcomes outcomes;
  CronScheduler scheduler(*store_, clock, dir_.path(), outcomes.Report());
  scheduler.Plan(WeekdayBot(dir_, "all"));
  auto paused = store_->PauseTrigger({"morning", "cron#1", "anna", clock.Now()});
  ASSERT_TRUE(paused.has_value() && *paused);
  clock.Advance(Millis(2000));  // Monday 08:00
  scheduler.Tick();
  EXPECT_TRUE(Runs().empty());
  ASSERT_EQ(outcomes.Count("paused"), 1);
  EXPECT_NE(outcomes.lines[0].find("paused by anna"), std::string::npos) << outcomes.lines[0];
  auto resumed = store_->ResumeTrigger({"morning", "cron#1", "anna", clock.Now()});
  ASSERT_TRUE(resumed.has_value() && *resumed);
  scheduler.Tick();
  EXPECT_TRUE(Runs().empty()) << "Monday's fire came while paused: it is not caught up";
  clock.Advance(std::chrono::hours(24));  // Tuesday 08:00
  scheduler.Tick();
  EXPECT_EQ(Runs().size(), 1u);
  EXPECT_EQ(outcomes.Count("started"), 1);
}

// Another server (another connection to the store) honours a pause, also
// when it starts while the trigger is paused; after the resume, a restart
// catches up only what fell due since the resume, never what fell due while
// the trigger was paused.
TEST_F(CronSchedulerTest, APauseHoldsForEveryServerAndAcrossRestarts) {
  auto opened = store::OpenStore((dir_.path() / "travet.db").string());
  ASSERT_TRUE(opened.has_value());
  store::Store& other = **opened;
  FakeClock clock(At("2026-03-30T06:00:00.000Z"));  // Monday 08:00
  Outcomes outcomes;
  CronScheduler monday(*store_, clock, dir_.path(), outcomes.Report());
  monday.Plan(WeekdayBot(dir_, "all"));
  monday.Tick();
  ASSERT_EQ(Runs().size(), 1u);
  clock.Advance(std::chrono::hours(1));
  ASSERT_TRUE(other.PauseTrigger({"morning", "cron#1", "anna", clock.Now()}).has_value());
  clock.Advance(std::chrono::hours(24));  // Tuesday 09:00: Tuesday 08:00 is due
  monday.Tick();
  EXPECT_EQ(Runs().size(), 1u);
  EXPECT_EQ(outcomes.Count("paused"), 1);
  clock.Advance(std::chrono::hours(48));  // Thursday 09:00
  CronScheduler restarted(other, clock, dir_.path(), outcomes.Report());
  restarted.Plan(WeekdayBot(dir_, "all"));
  restarted.Tick();
  EXPECT_EQ(Runs().size(), 1u) << "catch_up all starts nothing while paused";
  clock.Advance(std::chrono::minutes(30));
  ASSERT_TRUE(store_->ResumeTrigger({"morning", "cron#1", "bob", clock.Now()}).has_value());
  clock.Advance(std::chrono::minutes(30));  // Thursday 10:00
  CronScheduler again(other, clock, dir_.path(), outcomes.Report());
  again.Plan(WeekdayBot(dir_, "all"));
  again.Tick();
  EXPECT_EQ(Runs().size(), 1u) << "Tuesday to Thursday fell due while paused";
  clock.Advance(std::chrono::hours(22));  // Friday 08:00
  again.Tick();
  EXPECT_EQ(Runs().size(), 2u);
}

}  // namespace
}  // namespace travet::server
