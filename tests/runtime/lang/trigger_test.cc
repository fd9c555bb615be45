#include <gtest/gtest.h>

#include "runtime/lang/loader.h"
#include "tests/runtime/lang/test_catalog.h"

namespace travet::lang {
namespace {

// A bot with `triggers` and `inputs` (written after the triggers, so that the
// triggers' lines are 3 and on); by default one required path input for the
// files of a watch trigger.
LoadResult LoadTriggers(const std::string& triggers,
                        const std::string& inputs = "  file: { type: path }\n") {
  LoadOptions options;
  options.actions = &testing::TestCatalog();
  return LoadBotText(
      "bot: b\ntriggers:\n" + triggers + "inputs:\n" + inputs + "steps:\n  - uses: set\n",
      "bot.yaml", options);
}

// The one error of triggers that must fail with exactly one.
std::string TriggerError(const std::string& triggers,
                         const std::string& inputs = "  file: { type: path }\n") {
  LoadResult r = LoadTriggers(triggers, inputs);
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(r.errors.size(), 1u) << ::testing::PrintToString(r.errors);
  return r.errors.empty() ? "" : r.errors[0];
}

TEST(TriggerTest, ReadsEveryKey) {
  LoadResult r = LoadTriggers(R"(  - cron: "0 8 * * 1-5"
    timezone: Europe/Rome
    skip: holidays
    holidays: ["06-24", "02-29"]
    catch_up: last
  - watch: { path: inbox, pattern: "*.pdf", settle: 500ms }
  - webhook: true
)");
  ASSERT_TRUE(r.ok()) << ::testing::PrintToString(r.errors);
  const auto& t = r.bot->triggers;
  ASSERT_EQ(t.size(), 3u);
  EXPECT_EQ(t[0].kind, TriggerKind::kCron);
  EXPECT_TRUE(t[0].skip_holidays);
  EXPECT_EQ(t[0].holidays, (std::vector<std::chrono::month_day>{std::chrono::June / 24,
                                                                std::chrono::February / 29}));
  EXPECT_EQ(t[0].catch_up, CatchUp::kLast);
  EXPECT_EQ(t[1].kind, TriggerKind::kWatch);
  EXPECT_EQ(t[1].watch_path, "inbox");
  EXPECT_EQ(t[1].pattern, "*.pdf");
  EXPECT_EQ(t[1].settle, Millis(500));
  EXPECT_EQ(t[1].input, "file");  // the only required input
  EXPECT_EQ(t[2].kind, TriggerKind::kWebhook);
}

TEST(TriggerTest, Defaults) {
  LoadResult r = LoadTriggers("  - cron: \"@daily\"\n  - watch: { path: inbox }\n");
  ASSERT_TRUE(r.ok()) << ::testing::PrintToString(r.errors);
  const auto& t = r.bot->triggers;
  EXPECT_EQ(t[0].timezone, "Europe/Rome");
  EXPECT_FALSE(t[0].skip_holidays);
  EXPECT_TRUE(t[0].holidays.empty());
  EXPECT_EQ(t[0].catch_up, CatchUp::kNone);
  EXPECT_EQ(t[1].pattern, "*");
  EXPECT_EQ(t[1].settle, Millis(2000));
  EXPECT_EQ(CatchUpName(CatchUp::kAll), "all");
}

TEST(TriggerTest, SkipTakesOnlyHolidays) {
  EXPECT_EQ(TriggerError("  - cron: \"@daily\"\n    skip: weekends\n"),
            "bot.yaml:4:11: 'skip' must be holidays, not 'weekends'");
}

TEST(TriggerTest, HolidaysAreRealDaysOfTheYear) {
  EXPECT_EQ(TriggerError("  - cron: \"@daily\"\n    skip: holidays\n    holidays: [\"13-01\"]\n"),
            "bot.yaml:5:16: '13-01' in 'holidays' is not a day of the year (use MM-DD, e.g. "
            "06-24)");
  EXPECT_EQ(TriggerError("  - cron: \"@daily\"\n    skip: holidays\n    holidays: [\"02-30\"]\n"),
            "bot.yaml:5:16: '02-30' in 'holidays' is not a day of the year (use MM-DD, e.g. "
            "06-24)");
  EXPECT_EQ(TriggerError("  - cron: \"@daily\"\n    skip: holidays\n    holidays: [6-24]\n"),
            "bot.yaml:5:16: '6-24' in 'holidays' is not a day of the year (use MM-DD, e.g. "
            "06-24)");
  EXPECT_EQ(TriggerError("  - cron: \"@daily\"\n    skip: holidays\n    holidays: \"06-24\"\n"),
            "bot.yaml:5:15: 'holidays' must be a list of days (MM-DD), not a string");
}

TEST(TriggerTest, HolidaysNeedSkip) {
  EXPECT_EQ(TriggerError("  - cron: \"@daily\"\n    holidays: [\"06-24\"]\n"),
            "bot.yaml:4:15: 'holidays' are skipped only with 'skip: holidays': add it");
}

TEST(TriggerTest, CatchUpChoices) {
  EXPECT_EQ(TriggerError("  - cron: \"@daily\"\n    catch_up: lats\n"),
            "bot.yaml:4:15: 'catch_up' must be none, last or all, not 'lats'; did you mean "
            "'last'?");
}

TEST(TriggerTest, CronKeysOnlyOnCronTriggers) {
  EXPECT_EQ(TriggerError("  - watch: { path: inbox }\n    catch_up: all\n"),
            "bot.yaml:4:15: 'catch_up' is for cron triggers only");
  EXPECT_EQ(TriggerError("  - webhook: true\n    skip: holidays\n"),
            "bot.yaml:4:11: 'skip' is for cron triggers only");
}

TEST(TriggerTest, SettleIsADuration) {
  EXPECT_EQ(TriggerError("  - watch: { path: inbox, settle: soon }\n"),
            "bot.yaml:3:35: 'settle': bad duration 'soon': expected a number (use e.g. 500ms, "
            "30s, 5m, 1h)");
}

TEST(TriggerTest, UnknownKeysAreStillRefused) {
  EXPECT_EQ(TriggerError("  - cron: \"@daily\"\n    catchup: all\n"),
            "bot.yaml:4:5: unknown key 'catchup' in a trigger; did you mean 'catch_up'?");
  EXPECT_EQ(TriggerError("  - watch: { path: inbox, setle: 2s }\n"),
            "bot.yaml:3:27: unknown key 'setle' in 'watch'; did you mean 'settle'?");
}

TEST(TriggerTest, WatchNamesTheInputThatGetsTheFile) {
  LoadResult r = LoadTriggers("  - watch: { path: inbox, input: scan }\n",
                              "  scan: { type: path }\n  queue: { type: string, default: ap }\n");
  ASSERT_TRUE(r.ok()) << ::testing::PrintToString(r.errors);
  EXPECT_EQ(r.bot->triggers[0].input, "scan");
  r = LoadTriggers("  - watch: { path: inbox, input: scan }\n",
                   "  scan: { type: string, default: none }\n");
  ASSERT_TRUE(r.ok()) << ::testing::PrintToString(r.errors);
  EXPECT_EQ(r.bot->triggers[0].input, "scan");
  EXPECT_EQ(TriggerError("  - watch: { path: inbox, input: scna }\n", "  scan: { type: path }\n"),
            "bot.yaml:3:34: 'input' must name an input of the bot, not 'scna'; did you mean "
            "'scan'?");
}

TEST(TriggerTest, AWatchThatCannotTellItsInputIsRefused) {
  EXPECT_EQ(TriggerError("  - watch: { path: inbox }\n", "  {}\n"),
            "bot.yaml:3:12: 'watch' gives each file's path to an input: declare one (e.g. 'file: "
            "{ type: path }') or name it with 'input'");
  EXPECT_EQ(TriggerError("  - watch: { path: inbox }\n",
                         "  scan: { type: path }\n  queue: { type: string }\n"),
            "bot.yaml:3:12: 'watch' gives each file's path to one input: name it with 'input' (the "
            "bot requires scan, queue)");
  EXPECT_EQ(TriggerError("  - watch: { path: inbox, input: scan }\n",
                         "  scan: { type: path }\n  queue: { type: string }\n"),
            "bot.yaml:3:12: input 'queue' is required, but 'watch' gives only 'scan': give "
            "'queue' a default");
  EXPECT_EQ(TriggerError("  - watch: { path: inbox }\n", "  pages: { type: integer }\n"),
            "bot.yaml:3:12: input 'pages' gets the path of each file 'watch' takes: it must be a "
            "path or a string, not integer");
}

TEST(TriggerTest, OnlyZonesTheSchedulerReadsAreZones) {
  // Tables beside the zones, and the copies and placeholders date/tz leaves out.
  for (std::string tz :
       {"zone.tab", "posix/Europe/Rome", "right/Europe/Rome", "posixrules", "Factory"}) {
    EXPECT_EQ(TriggerError("  - cron: \"@daily\"\n    timezone: " + tz + "\n"),
              "bot.yaml:4:15: unknown time zone '" + tz + "' (e.g. Europe/Rome)");
  }
  for (std::string tz : {"UTC", "Etc/UTC", "America/New_York", "Europe/Kyiv"}) {
    LoadResult r = LoadTriggers("  - cron: \"@daily\"\n    timezone: " + tz + "\n");
    EXPECT_TRUE(r.ok()) << ::testing::PrintToString(r.errors);
  }
}

}  // namespace
}  // namespace travet::lang
