#include <gtest/gtest.h>

#include "runtime/lang/loader.h"
#include "tests/runtime/lang/test_catalog.h"

namespace travet::lang {
namespace {

LoadResult LoadWithKpi(const std::string& kpi) {
  LoadOptions options;
  options.actions = &testing::TestCatalog();
  return LoadBotText("bot: b\nsteps:\n  - uses: set\n" + kpi, "bot.yaml", options);
}

std::vector<std::string> KpiErrors(const std::string& kpi) {
  LoadResult r = LoadWithKpi(kpi);
  EXPECT_FALSE(r.ok());
  return r.errors;
}

TEST(KpiReaderTest, ReadsManualMinutes) {
  LoadResult r = LoadWithKpi("kpi: {manual_minutes: 15}\n");
  ASSERT_TRUE(r.ok()) << ::testing::PrintToString(r.errors);
  EXPECT_EQ(r.bot->kpi.manual_minutes, 15.0);
  LoadResult decimal = LoadWithKpi("kpi:\n  manual_minutes: 2.5\n");
  ASSERT_TRUE(decimal.ok()) << ::testing::PrintToString(decimal.errors);
  EXPECT_EQ(decimal.bot->kpi.manual_minutes, 2.5);
}

TEST(KpiReaderTest, WithoutKpiTheMinutesAreUnknown) {
  LoadResult r = LoadWithKpi("");
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r.bot->kpi.manual_minutes.has_value());
  LoadResult empty = LoadWithKpi("kpi: {}\n");
  ASSERT_TRUE(empty.ok()) << ::testing::PrintToString(empty.errors);
  EXPECT_FALSE(empty.bot->kpi.manual_minutes.has_value());
}

TEST(KpiReaderTest, RefusesAWrongTypeWithItsPlace) {
  EXPECT_EQ(KpiErrors("kpi: {manual_minutes: fifteen}\n"),
            std::vector<std::string>{"bot.yaml:4:23: 'kpi.manual_minutes' must be a positive "
                                     "number of minutes (e.g. 15), not 'fifteen'"});
  EXPECT_EQ(KpiErrors("kpi: {manual_minutes: \"15\"}\n"),
            std::vector<std::string>{"bot.yaml:4:23: 'kpi.manual_minutes' must be a positive "
                                     "number of minutes (e.g. 15), not '15'"});
  EXPECT_EQ(KpiErrors("kpi:\n  manual_minutes: 0\n"),
            std::vector<std::string>{"bot.yaml:5:19: 'kpi.manual_minutes' must be a positive "
                                     "number of minutes (e.g. 15), not '0'"});
  EXPECT_EQ(KpiErrors("kpi:\n  manual_minutes: -3\n"),
            std::vector<std::string>{"bot.yaml:5:19: 'kpi.manual_minutes' must be a positive "
                                     "number of minutes (e.g. 15), not '-3'"});
  EXPECT_EQ(KpiErrors("kpi:\n  manual_minutes: [15]\n"),
            std::vector<std::string>{"bot.yaml:5:19: 'kpi.manual_minutes' must be a positive "
                                     "number of minutes (e.g. 15), not a list"});
  EXPECT_EQ(KpiErrors("kpi: 15\n"),
            std::vector<std::string>{"bot.yaml:4:6: 'kpi' must be a map, not a number"});
}

TEST(KpiReaderTest, RefusesAnUnknownKeyWithASuggestion) {
  EXPECT_EQ(KpiErrors("kpi:\n  manual_minute: 15\n"),
            std::vector<std::string>{"bot.yaml:5:3: unknown key 'manual_minute' in 'kpi'; did "
                                     "you mean 'manual_minutes'?"});
}

}  // namespace
}  // namespace travet::lang
