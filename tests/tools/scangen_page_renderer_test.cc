// Tests of the page renderer that the OCR tests build their images with.
#include <gtest/gtest.h>

#include <filesystem>
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <string>
#include <vector>

#include "tests/fakes/temp_dir.h"
#include "tools/scangen/page_renderer.h"

namespace travet::scangen {
namespace {

cv::Mat Decode(const std::string& png) {
  const std::vector<unsigned char> bytes(png.begin(), png.end());
  return cv::imdecode(bytes, cv::IMREAD_UNCHANGED);
}

int DarkPixels(const cv::Mat& gray, const cv::Rect& rect) {
  int dark = 0;
  const cv::Mat region = gray(rect & cv::Rect(0, 0, gray.cols, gray.rows));
  for (int y = 0; y < region.rows; ++y) {
    for (int x = 0; x < region.cols; ++x) {
      dark += region.at<unsigned char>(y, x) < 128 ? 1 : 0;
    }
  }
  return dark;
}

TEST(PageRendererTest, RendersTextWhereTheRunIs) {
  PageSpec spec;
  spec.runs.push_back({.text = "Fattura n. 2026/0417", .x_mm = 20, .y_mm = 30, .size_pt = 14});
  Result<RenderedPng> page = RenderPngWithBoxes(spec);
  ASSERT_TRUE(page.has_value()) << page.error().ToString();
  const cv::Mat image = Decode(page->png);
  ASSERT_FALSE(image.empty());
  EXPECT_EQ(image.type(), CV_8UC1);
  EXPECT_EQ(image.cols, 2480);  // A4 at 300 dpi
  EXPECT_EQ(image.rows, 3508);
  ASSERT_EQ(page->boxes.size(), 1u);
  const PixelBox& box = page->boxes[0];
  const cv::Rect text(box.x, box.y, box.width, box.height);
  // The run starts at 20 mm = 236 px; its line top is at 30 mm = 354 px and
  // its capitals start a little below (the ascender is taller than a cap).
  EXPECT_NEAR(box.x, 236, 6);
  EXPECT_GE(box.y, 354);
  EXPECT_LE(box.y, 374);
  EXPECT_GT(box.width, 400);
  EXPECT_GT(box.height, 30);
  EXPECT_GT(DarkPixels(image, text), 1500);
  EXPECT_EQ(DarkPixels(image, cv::Rect(0, 0, image.cols, text.y)), 0);
  EXPECT_EQ(DarkPixels(image, cv::Rect(0, text.br().y, image.cols, image.rows)), 0);
}

TEST(PageRendererTest, RendersItalianAccentsBoldAndMonoInEveryTypeface) {
  for (Typeface typeface : {Typeface::kLiberationSerif, Typeface::kLiberationSans,
                            Typeface::kDejaVuSans, Typeface::kDejaVuSerif}) {
    PageSpec spec{.dpi = 150, .typeface = typeface};
    spec.runs.push_back({.text = "Città più però è perché così € 12,50", .y_mm = 20});
    spec.runs.push_back({.text = "TOTALE", .y_mm = 40, .bold = true});
    spec.runs.push_back({.text = "IT60X0542811101000000123456", .y_mm = 60, .mono = true});
    Result<RenderedPng> page = RenderPngWithBoxes(spec);
    ASSERT_TRUE(page.has_value()) << page.error().ToString();
    for (const PixelBox& box : page->boxes) {
      EXPECT_GT(box.width * box.height, 0);
    }
  }
}

TEST(PageRendererTest, IsDeterministic) {
  PageSpec spec{.dpi = 100};
  spec.runs.push_back({.text = "Partita IVA 01234567897"});
  Result<std::string> first = RenderPng(spec);
  Result<std::string> second = RenderPng(spec);
  ASSERT_TRUE(first.has_value());
  ASSERT_TRUE(second.has_value());
  EXPECT_EQ(*first, *second);
}

TEST(PageRendererTest, RejectsAGlyphTheFontLacks) {
  PageSpec spec{.dpi = 100};
  spec.runs.push_back({.text = "中"});
  Result<std::string> png = RenderPng(spec);
  ASSERT_FALSE(png.has_value());
  EXPECT_EQ(png.error().message(), "no glyph for U+4E2D in LiberationSerif-Regular.ttf");
}

TEST(PageRendererTest, RejectsMalformedUtf8) {
  PageSpec spec{.dpi = 100};
  spec.runs.push_back({.text = "Citt\xC3"});
  Result<std::string> png = RenderPng(spec);
  ASSERT_FALSE(png.has_value());
  EXPECT_EQ(png.error().message(), "invalid UTF-8 at byte 4");
}

TEST(PageRendererTest, RejectsARunOffThePage) {
  PageSpec spec{.width_mm = 50, .height_mm = 50, .dpi = 100};
  spec.runs.push_back({.text = "Domanda di concessione per occupazione", .x_mm = 10});
  Result<std::string> png = RenderPng(spec);
  ASSERT_FALSE(png.has_value());
  EXPECT_EQ(png.error().message(),
            "text run 'Domanda di concessione per occupazione' does not fit on the page");
}

TEST(PageRendererTest, WritesThePngAtomically) {
  testing::TempDir dir;
  PageSpec spec{.dpi = 100};
  spec.runs.push_back({.text = "Data: 17/03/2026"});
  ASSERT_TRUE(WritePng(spec, dir.path() / "page.png").ok());
  const cv::Mat image = cv::imread((dir.path() / "page.png").string(), cv::IMREAD_UNCHANGED);
  EXPECT_EQ(image.cols, 827);
  EXPECT_FALSE(std::filesystem::exists(dir.path() / ".page.png.tmp"));
  const Status missing = WritePng(spec, dir.path() / "no" / "page.png");
  EXPECT_EQ(missing.code(), StatusCode::kIoError);
}

TEST(PageRendererTest, MeasuresTextWidth) {
  Result<double> narrow = TextWidthMm({.text = "1,00"}, Typeface::kLiberationSans);
  Result<double> wide = TextWidthMm({.text = "1.000.000,00"}, Typeface::kLiberationSans);
  ASSERT_TRUE(narrow.has_value());
  ASSERT_TRUE(wide.has_value());
  EXPECT_GT(*narrow, 5);
  EXPECT_GT(*wide, 2.5 * *narrow);
}

}  // namespace
}  // namespace travet::scangen
