// The Wilson interval and the statistics people read of a queue's field.
#include "runtime/review/statistics.h"

#include <gtest/gtest.h>

namespace travet::review {
namespace {

TEST(WilsonIntervalTest, KnownValues) {
  Interval half = WilsonInterval(1, 2);
  EXPECT_NEAR(half.low, 0.0945, 1e-4);
  EXPECT_NEAR(half.high, 0.9055, 1e-4);
  Interval none = WilsonInterval(0, 10);
  EXPECT_EQ(none.low, 0);
  EXPECT_NEAR(none.high, 0.2775, 1e-4);
  Interval some = WilsonInterval(5, 100);  // 5%: 2.15% .. 11.2%
  EXPECT_NEAR(some.low, 0.0215, 1e-4);
  EXPECT_NEAR(some.high, 0.1118, 1e-4);
  Interval empty = WilsonInterval(0, 0);
  EXPECT_EQ(empty.low, 0);
  EXPECT_EQ(empty.high, 1);
}

TEST(FieldStatsJsonTest, GivesTheErrorRateOfSampledValuesWithItsInterval) {
  store::FieldStats stats{.queue = "accounting",
                          .field = "total",
                          .decided = 40,
                          .changed = 7,
                          .sampled_decided = 100,
                          .sampled_changed = 5};
  Value json = FieldStatsJson(stats);
  EXPECT_EQ(json["queue"], "accounting");
  EXPECT_EQ(json["field"], "total");
  EXPECT_EQ(json["decided"], 40);
  EXPECT_EQ(json["changed"], 7);
  EXPECT_EQ(json["sampled"]["decided"], 100);
  EXPECT_DOUBLE_EQ(json["sampled"]["error_rate"].get<double>(), 0.05);
  EXPECT_NEAR(json["sampled"]["ci95"][0].get<double>(), 0.0215, 1e-4);
  EXPECT_NEAR(json["sampled"]["ci95"][1].get<double>(), 0.1118, 1e-4);
}

TEST(FieldStatsJsonTest, WithoutSamplesTheRateIsUnknownNotZero) {
  Value json = FieldStatsJson({.queue = "q", .field = "f", .decided = 3, .changed = 1});
  EXPECT_TRUE(json["sampled"]["error_rate"].is_null());
  EXPECT_TRUE(json["sampled"]["ci95"].is_null());
}

}  // namespace
}  // namespace travet::review
