#include "runtime/schedule/trigger_key.h"

#include <gtest/gtest.h>

namespace travet::schedule {
namespace {

lang::Bot ThreeTriggers() {
  lang::Bot bot;
  bot.name = "intake";
  bot.triggers.resize(3);
  bot.triggers[0].kind = lang::TriggerKind::kCron;
  bot.triggers[1].kind = lang::TriggerKind::kWatch;
  bot.triggers[2].kind = lang::TriggerKind::kWebhook;
  return bot;
}

TEST(TriggerKeyTest, AKeyIsTheKindAndThePlaceFromOne) {
  const lang::Bot bot = ThreeTriggers();
  EXPECT_EQ(TriggerKey(bot.triggers[0], 0), "cron#1");
  EXPECT_EQ(TriggerKey(bot.triggers[1], 1), "watch#2");
  EXPECT_EQ(TriggerKey(bot.triggers[2], 2), "webhook#3");
}

TEST(TriggerKeyTest, ATriggerIsFoundByItsKeyOrItsNumber) {
  const lang::Bot bot = ThreeTriggers();
  EXPECT_EQ(FindTrigger(bot, "watch#2"), 1u);
  EXPECT_EQ(FindTrigger(bot, "3"), 2u);
  for (const char* text : {"cron#2", "watch#1", "4", "0", "", "cron", "#1", "-1"}) {
    EXPECT_EQ(FindTrigger(bot, text), std::nullopt) << text;
  }
}

TEST(TriggerKeyTest, OnlyTheFormOfAKeyIsChecked) {
  for (const char* key : {"cron#1", "watch#12", "webhook#3"}) {
    EXPECT_TRUE(CheckTriggerKey(key).ok()) << key;
  }
  for (const char* key : {"1", "cron#0", "cron#", "timer#1", "cron#1x", "cron 1"}) {
    EXPECT_EQ(CheckTriggerKey(key).code(), StatusCode::kInvalidArgument) << key;
  }
  EXPECT_EQ(CheckTriggerKey("cron\n1").message(),
            "trigger 'cron\\n1' is not a trigger key such as cron#1, watch#2 or webhook#3");
}

}  // namespace
}  // namespace travet::schedule
