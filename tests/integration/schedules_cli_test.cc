#include <gtest/gtest.h>

#include "runtime/core/value.h"
#include "tests/fakes/run_travet.h"
#include "tests/fakes/temp_dir.h"

namespace travet::testing {
namespace {

constexpr const char* kIntake = R"(bot: invoice-intake
inputs:
  scan: { type: path, required: false }
triggers:
  - cron: "0 8 * * 1-5"
    timezone: Europe/Rome
    skip: holidays
    holidays: ["06-24"]
    catch_up: last
  - watch: { path: inbox, pattern: "*.pdf", settle: 2s, input: scan }
  - webhook: true
  - cron: "30 2 * * *"
steps:
  - uses: log
    with: { message: hello }
)";

TEST(SchedulesCliTest, NextPrintsTheFireTimesOfEachTrigger) {
  TempDir dir;
  dir.Write("intake.yaml", kIntake);
  TravetOutput next = RunTravet(
      {"schedules", "next", "intake.yaml", "--from", "2026-03-27T12:00:00+01:00", "--count", "3"},
      dir.path());
  ASSERT_EQ(next.exit_code, 0) << next.err;
  EXPECT_EQ(next.err, "");
  EXPECT_EQ(next.out,
            "#1 cron \"0 8 * * 1-5\" Europe/Rome, skip holidays + 06-24, catch_up last\n"
            "#1 2026-03-30T08:00:00+02:00 Mon\n"
            "#1 2026-03-31T08:00:00+02:00 Tue\n"
            "#1 2026-04-01T08:00:00+02:00 Wed\n"
            "#2 fires on new files in inbox/*.pdf, each once unchanged for 2s\n"
            "#3 fires on POST /api/v1/hooks/invoice-intake\n"
            "#4 cron \"30 2 * * *\" Europe/Rome, catch_up none\n"
            "#4 2026-03-28T02:30:00+01:00 Sat\n"
            "#4 2026-03-29T03:00:00+02:00 Sun\n"
            "#4 2026-03-30T02:30:00+02:00 Mon\n");
}

TEST(SchedulesCliTest, NextAsJsonSkipsEasterMonday) {
  TempDir dir;
  dir.Write("intake.yaml", kIntake);
  TravetOutput next = RunTravet({"schedules", "next", "intake.yaml", "--from",
                                 "2026-04-03T07:00:00Z", "--count", "2", "--json"},
                                dir.path());
  ASSERT_EQ(next.exit_code, 0) << next.err;
  Value out = Value::parse(next.out);
  EXPECT_EQ(out["bot"], "invoice-intake");
  EXPECT_EQ(out["from"], "2026-04-03T07:00:00+00:00");
  ASSERT_EQ(out["triggers"].size(), 4u);
  const Value& cron = out["triggers"][0];
  EXPECT_EQ(cron["index"], 1);
  EXPECT_EQ(cron["kind"], "cron");
  EXPECT_EQ(cron["skip"], "holidays");
  EXPECT_EQ(cron["holidays"], Value({"06-24"}));
  EXPECT_EQ(cron["catch_up"], "last");
  EXPECT_EQ(cron["next"], Value({"2026-04-07T08:00:00+02:00", "2026-04-08T08:00:00+02:00"}));
  EXPECT_FALSE(cron.contains("error"));
  EXPECT_EQ(out["triggers"][1], (Value{{"index", 2},
                                       {"kind", "watch"},
                                       {"path", "inbox"},
                                       {"pattern", "*.pdf"},
                                       {"settle_ms", 2000},
                                       {"input", "scan"}}));
  EXPECT_EQ(out["triggers"][2]["path"], "/api/v1/hooks/invoice-intake");
  EXPECT_EQ(out["triggers"][3]["skip"], nullptr);
}

TEST(SchedulesCliTest, AnInvalidBotExitsTwoWithTheValidatorsErrors) {
  TempDir dir;
  dir.Write("bad.yaml",
            "bot: bad\ntriggers:\n  - cron: \"0 8 * * 1-5\"\n    catch_up: sometimes\n"
            "steps:\n  - uses: log\n    with: { message: hello }\n");
  TravetOutput next = RunTravet({"schedules", "next", "bad.yaml"}, dir.path());
  EXPECT_EQ(next.exit_code, 2);
  EXPECT_EQ(next.out, "");
  EXPECT_EQ(next.err, "bad.yaml:4:15: 'catch_up' must be none, last or all, not 'sometimes'\n");
}

TEST(SchedulesCliTest, ABadFromExitsTwo) {
  TempDir dir;
  dir.Write("intake.yaml", kIntake);
  TravetOutput next =
      RunTravet({"schedules", "next", "intake.yaml", "--from", "2026-03-27 12:00"}, dir.path());
  EXPECT_EQ(next.exit_code, 2);
  EXPECT_EQ(next.out, "");
  EXPECT_EQ(next.err,
            "travet schedules next: bad --from: '2026-03-27 12:00' is not a time with an offset "
            "or Z (use e.g. 2026-03-28T12:00:00+01:00 or 2026-03-28T11:00:00Z)\n");
}

TEST(SchedulesCliTest, ATriggerThatNeverFiresExitsOne) {
  TempDir dir;
  dir.Write("never.yaml",
            "bot: never\ntriggers:\n  - cron: \"0 0 30 2 *\"\n"
            "steps:\n  - uses: log\n    with: { message: hello }\n");
  TravetOutput next = RunTravet(
      {"schedules", "next", "never.yaml", "--from", "2026-01-01T00:00:00+01:00"}, dir.path());
  EXPECT_EQ(next.exit_code, 1);
  EXPECT_EQ(next.out, "#1 cron \"0 0 30 2 *\" Europe/Rome, catch_up none\n");
  EXPECT_EQ(next.err,
            "travet schedules next: never.yaml: trigger #1: no fire time in the 8 years after "
            "2026-01-01T00:00:00+01:00\n");
}

}  // namespace
}  // namespace travet::testing
