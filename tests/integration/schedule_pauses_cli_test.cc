// `travet schedules list|pause|resume` on a bots folder and a store, and the
// last enabled admin under `travet users disable`.
#include <gtest/gtest.h>

#include "runtime/core/value.h"
#include "tests/fakes/run_travet.h"
#include "tests/fakes/temp_dir.h"

namespace travet::testing {
namespace {

constexpr const char* kPausedBot = R"(bot: invoice-intake
triggers:
  - cron: "0 8 * * 1-5"
    timezone: Europe/Rome
  - webhook: true
steps:
  - uses: log
    with: { message: hello }
)";

TEST(SchedulePausesCliTest, PausesAndResumesATriggerOnTheStore) {
  TempDir dir;
  dir.Write("bots/intake.yaml", kPausedBot);
  const std::vector<std::string> list = {"schedules", "list",   "--bots",
                                         "bots",      "--from", "2026-04-02T12:00:00+02:00"};
  TravetOutput before = RunTravet(list, dir.path());
  ASSERT_EQ(before.exit_code, 0) << before.err;
  EXPECT_EQ(
      before.out,
      "invoice-intake          cron#1     active                -                         "
      "2026-04-03T08:00:00+02:00\n"
      "invoice-intake          webhook#2  active                -                         -\n");

  TravetOutput paused =
      RunTravet({"schedules", "pause", "invoice-intake", "cron#1", "--as", "anna"}, dir.path());
  ASSERT_EQ(paused.exit_code, 0) << paused.err;
  EXPECT_EQ(paused.out, "trigger cron#1 of invoice-intake paused\n");
  EXPECT_EQ(RunTravet({"schedules", "pause", "invoice-intake", "cron#1"}, dir.path()).out,
            "trigger cron#1 of invoice-intake was paused already\n");
  TravetOutput json = RunTravet({"schedules", "list", "--bots", "bots", "--json"}, dir.path());
  ASSERT_EQ(json.exit_code, 0) << json.err;
  const Value trigger = Value::parse(json.out)["schedules"][0]["triggers"][0];
  EXPECT_EQ(trigger["key"], "cron#1");
  EXPECT_EQ(trigger["paused"], true);
  EXPECT_EQ(trigger["paused_by"], "anna");
  EXPECT_EQ(trigger["next"], Value::array());

  TravetOutput resumed = RunTravet({"schedules", "resume", "invoice-intake", "cron#1"}, dir.path());
  ASSERT_EQ(resumed.exit_code, 0) << resumed.err;
  EXPECT_EQ(resumed.out, "trigger cron#1 of invoice-intake resumed\n");
  EXPECT_EQ(RunTravet(list, dir.path()).out, before.out);
}

TEST(SchedulePausesCliTest, ATriggerIsNamedByItsKey) {
  TempDir dir;
  TravetOutput bad = RunTravet({"schedules", "pause", "invoice-intake", "1"}, dir.path());
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_EQ(bad.err,
            "travet schedules pause: trigger '1' is not a trigger key such as cron#1, watch#2 or "
            "webhook#3\n");
}

TEST(SchedulePausesCliTest, TheLastEnabledAdminCannotBeDisabled) {
  TempDir dir;
  ASSERT_EQ(RunTravetWithInput({"users", "add", "root", "--role", "admin", "--password-stdin"},
                               dir.path(), "correct horse battery\n")
                .exit_code,
            0);
  TravetOutput refused = RunTravet({"users", "disable", "root"}, dir.path());
  EXPECT_EQ(refused.exit_code, 4);
  EXPECT_EQ(refused.err,
            "travet users disable: user root is the last enabled admin; make another user admin "
            "first\n");
}

}  // namespace
}  // namespace travet::testing
