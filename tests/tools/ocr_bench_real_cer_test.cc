#include "tools/bench/ocr_bench_real_cer.h"

#include <gtest/gtest.h>

namespace travet::ocr_bench {
namespace {

TEST(RealCerTest, CompatibilityFormsAreNotErrors) {
  EXPECT_EQ(CountRealErrors("file ABC m2", "\uFB01le \uFF21\uFF22\uFF23 m\u00B2", false).edits, 0u);
}

TEST(RealCerTest, WhitespaceRunsAreOneSpaceAndEndsAreTrimmed) {
  EXPECT_EQ(NormaliseForRealCer("  A \t B\n\n C\u00A0D \n", false), U"A B C D");
  EXPECT_EQ(CountRealErrors("A B\nC", " A  B C ", false).edits, 0u);
}

TEST(RealCerTest, UpperCaseOnlyWhenAsked) {
  EXPECT_EQ(CountRealErrors("TOTAL 9.00", "Total 9.00", true).edits, 0u);
  EXPECT_EQ(CountRealErrors("TOTAL 9.00", "Total 9.00", false).edits, 4u);
  EXPECT_EQ(NormaliseForRealCer("straße", true), U"STRASSE");
}

TEST(RealCerTest, CountsEditsAgainstTheReferenceLength) {
  const CerCount c = CountRealErrors("ABCD", "ABXD E", false);
  EXPECT_EQ(c.edits, 3u);  // C -> X, then " E" inserted
  EXPECT_EQ(c.reference, 4u);
  EXPECT_DOUBLE_EQ(c.Rate(), 0.75);
  EXPECT_EQ(CountRealErrors("ABC", "", false).edits, 3u);
}

}  // namespace
}  // namespace travet::ocr_bench
