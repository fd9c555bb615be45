#include "tools/bench/ocr_bench_real.h"

#include <gtest/gtest.h>

namespace travet::ocr_bench {
namespace {

TEST(SummariseTest, MeanQuartilesAndPooled) {
  // Rates 0.4, 0.1, 0.3, 0.2 on pages of 10, 10, 10 and 70 characters.
  const CerSummary s = Summarise({{4, 10}, {1, 10}, {3, 10}, {14, 70}});
  EXPECT_EQ(s.pages, 4);
  EXPECT_NEAR(s.mean, 0.25, 1e-12);
  EXPECT_NEAR(s.q1, 0.175, 1e-12);
  EXPECT_NEAR(s.median, 0.25, 1e-12);
  EXPECT_NEAR(s.q3, 0.325, 1e-12);
  EXPECT_NEAR(s.pooled, 0.22, 1e-12);
}

TEST(SummariseTest, OnePageAndNone) {
  const CerSummary one = Summarise({{1, 4}});
  EXPECT_DOUBLE_EQ(one.median, 0.25);
  EXPECT_DOUBLE_EQ(one.q1, 0.25);
  EXPECT_EQ(Summarise({}).pages, 0);
}

}  // namespace
}  // namespace travet::ocr_bench
