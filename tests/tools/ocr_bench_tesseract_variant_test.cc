#include "tools/bench/ocr_bench_tesseract_variant.h"

#include <gtest/gtest.h>

namespace travet::ocr_bench {
namespace {

TEST(ParseTesseractVariantTest, AFirstScaleWordThenTesseractArguments) {
  auto v = ParseTesseractVariant("x2 --psm 6  -c thresholding_method=2");
  ASSERT_TRUE(v) << v.error().message();
  EXPECT_EQ(v->scale, 2);
  EXPECT_EQ(v->args, (std::vector<std::string>{"--psm", "6", "-c", "thresholding_method=2"}));
  EXPECT_EQ(v->label, "x2 --psm 6  -c thresholding_method=2");
}

TEST(ParseTesseractVariantTest, EmptyIsThePlainCommandLine) {
  auto v = ParseTesseractVariant("");
  ASSERT_TRUE(v);
  EXPECT_EQ(v->scale, 1);
  EXPECT_TRUE(v->args.empty());
  auto unscaled = ParseTesseractVariant("--psm 11");
  ASSERT_TRUE(unscaled);
  EXPECT_EQ(unscaled->scale, 1);
  EXPECT_EQ(unscaled->args.size(), 2u);
}

TEST(ParseTesseractVariantTest, BadScales) {
  auto zero = ParseTesseractVariant("x0 --psm 6");
  ASSERT_FALSE(zero);
  EXPECT_EQ(zero.error().message(), "bad scale 'x0' in 'x0 --psm 6' (0.25..8)");
  EXPECT_FALSE(ParseTesseractVariant("x2a"));
  EXPECT_FALSE(ParseTesseractVariant("x9"));
  auto fraction = ParseTesseractVariant("x1.5");
  ASSERT_TRUE(fraction);
  EXPECT_EQ(fraction->scale, 1.5);
}

}  // namespace
}  // namespace travet::ocr_bench
