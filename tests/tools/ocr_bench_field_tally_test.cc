#include "tools/bench/ocr_bench_field_tally.h"

#include <gtest/gtest.h>

namespace travet::ocr_bench {
namespace {

TEST(SameValueTest, TextIgnoresCaseAndSpacing) {
  EXPECT_TRUE(SameValue(ocr::FieldType::kText, "Aeon  Co. (M) Bhd", "AEON CO. (M) BHD"));
  EXPECT_FALSE(SameValue(ocr::FieldType::kText, "AEON CO.(M) BHD", "AEON CO. (M) BHD"));
  EXPECT_FALSE(SameValue(ocr::FieldType::kAmount, "9.00", "9.0"));
  EXPECT_TRUE(SameValue(ocr::FieldType::kDate, "2018-12-25", "2018-12-25"));
}

// A curve point where `accepted` amounts were accepted, `wrong` of them wrong.
CurvePointByType Point(int threshold, int accepted, int wrong) {
  return {threshold, {{"amount", {100, 100, 90, accepted, wrong}}}};
}

TEST(LowestSafeThresholdTest, LowestPointFromWhichEveryHigherOneHolds) {
  // 1 wrong of 100 at 80; 1 of 300 would pass at 81 but 82 fails again.
  const std::vector<CurvePointByType> curve = {Point(80, 100, 1), Point(81, 300, 1),
                                               Point(82, 90, 1),  Point(83, 80, 0),
                                               Point(84, 50, 0),  Point(85, 0, 0)};
  EXPECT_EQ(LowestSafeThreshold(curve, "amount", 0.995), 83);
  EXPECT_EQ(LowestSafeThreshold(curve, "amount", 0.98), 80);
  EXPECT_EQ(LowestSafeThreshold(curve, "date", 0.995), -1);
}

TEST(LowestSafeThresholdTest, NoneWhenNothingIsAcceptedWhereItHolds) {
  EXPECT_EQ(LowestSafeThreshold({Point(90, 10, 5), Point(91, 0, 0)}, "amount", 0.995), -1);
}

TEST(FieldTallyTest, PrecisionAndAcceptRate) {
  FieldTally t{10, 9, 8, 5, 1};
  t.Add({10, 10, 10, 5, 0});
  EXPECT_DOUBLE_EQ(t.AcceptRate(), 0.5);
  EXPECT_DOUBLE_EQ(t.Precision(), 0.9);
  EXPECT_DOUBLE_EQ(FieldTally{}.Precision(), 1);
}

}  // namespace
}  // namespace travet::ocr_bench
