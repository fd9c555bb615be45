#include "ocr/prepare/preprocess.h"

#include <gtest/gtest.h>

#include <opencv2/imgproc.hpp>
#include <random>

#include "ocr/prepare/internal/deskew.h"
#include "ocr/prepare/internal/orientation.h"
#include "ocr/prepare/internal/page_measure.h"
#include "ocr/prepare/internal/prepared_page.h"
#include "tests/ocr/ocr_test_pages.h"
#include "tools/scangen/degrade.h"

namespace travet::ocr {
namespace {

using testing::RenderGray;
using testing::RotateCcw;
using testing::SampleLines;
using testing::TextPage;

const cv::Mat& CleanPage() {
  static const cv::Mat kPage = RenderGray(TextPage(SampleLines()));
  return kPage;
}

PreparedPage Auto(const cv::Mat& image, int dpi = 300) {
  return Preprocess(image, dpi, PreprocessPlan{}, nullptr);
}

TEST(ParsePreprocessTest, AutoNoneAndLists) {
  auto automatic = ParsePreprocess("auto");
  ASSERT_TRUE(automatic.has_value());
  EXPECT_TRUE(automatic->automatic);
  auto none = ParsePreprocess("none");
  ASSERT_TRUE(none.has_value());
  EXPECT_FALSE(none->automatic || none->deskew || none->binarize || none->rescale);
  auto list = ParsePreprocess("gray, deskew,binarize");
  ASSERT_TRUE(list.has_value());
  EXPECT_FALSE(list->automatic);
  EXPECT_TRUE(list->gray && list->deskew && list->binarize);
  EXPECT_FALSE(list->denoise || list->rescale || list->orient || list->border);
}

TEST(ParsePreprocessTest, RejectsUnknownStage) {
  auto plan = ParsePreprocess("gray,blur");
  ASSERT_FALSE(plan.has_value());
  EXPECT_EQ(plan.error().message(),
            "unknown preprocessing stage 'blur' (expected auto, none or a list of gray, border, "
            "denoise, orient, deskew, rescale, binarize)");
}

TEST(PreprocessTest, CleanPageGetsNoStage) {
  // Thresholding or resampling a clean 300 dpi scan only makes it worse.
  const PreparedPage out = Auto(CleanPage());
  EXPECT_TRUE(out.stages.empty()) << out.stages.front();
  EXPECT_EQ(out.dpi, 300);
  EXPECT_FALSE(out.sauvola);
  EXPECT_EQ(out.image.size(), CleanPage().size());
}

TEST(PreprocessTest, ColourPageIsGreyed) {
  cv::Mat colour;
  cv::cvtColor(CleanPage(), colour, cv::COLOR_GRAY2BGR);
  const PreparedPage out = Auto(colour);
  ASSERT_EQ(out.stages, std::vector<std::string>{"gray"});
  EXPECT_EQ(out.image.channels(), 1);
}

TEST(DeskewTest, MeasuresKnownAnglesWithinAThirdOfADegree) {
  double worst = 0;
  for (double angle : {-10.0, -5.0, -2.0, 2.0, 5.0, 10.0, 0.7, -13.5}) {
    const cv::Mat turned = RotateCcw(CleanPage(), angle);
    const double measured = EstimateSkew(InkMask(turned), 15.0);
    EXPECT_NEAR(measured, angle, 0.3) << "rotated by " << angle;
    worst = std::max(worst, std::abs(measured - angle));
  }
  RecordProperty("worst_error_millidegrees", static_cast<int>(worst * 1000));
}

TEST(DeskewTest, NoAngleWhenTheBestIsAtTheEndOfTheRange) {
  const cv::Mat turned = RotateCcw(CleanPage(), 20);
  EXPECT_EQ(EstimateSkew(InkMask(turned), 15.0), 0.0);
}

TEST(DeskewTest, StraightenedPageMeasuresLevel) {
  for (double angle : {-5.0, 2.0, 10.0}) {
    const PreparedPage out = Auto(RotateCcw(CleanPage(), angle));
    ASSERT_FALSE(out.stages.empty());
    EXPECT_TRUE(out.stages[0].starts_with("deskew:")) << out.stages[0];
    EXPECT_NEAR(std::stod(out.stages[0].substr(7)), angle, 0.3);
    EXPECT_NEAR(EstimateSkew(InkMask(out.image), 15.0), 0.0, 0.3);
  }
}

TEST(DeskewTest, MapsPointsBackToTheTurnedPage) {
  const cv::Mat turned = RotateCcw(CleanPage(), 5.0);
  const PreparedPage out = Auto(turned);
  // The centre of the straightened page is the centre of the turned one.
  const cv::Vec3d centre(out.image.cols / 2.0, out.image.rows / 2.0, 1);
  const cv::Vec2d back = out.to_original * centre;
  EXPECT_NEAR(back[0], turned.cols / 2.0, 2.0);
  EXPECT_NEAR(back[1], turned.rows / 2.0, 2.0);
}

TEST(PreprocessTest, LowResolutionPageIsRescaledAndDeclared) {
  const cv::Mat low = RenderGray(TextPage(SampleLines(), 180, 110, 120));
  const PreparedPage out = Auto(low, 120);
  ASSERT_EQ(out.stages.size(), 1u);
  EXPECT_TRUE(out.stages[0].starts_with("rescale:")) << out.stages[0];
  EXPECT_GT(out.dpi, 200);
  const double x_height = EstimateXHeight(InkMask(out.image));
  EXPECT_GE(x_height, 20);
  EXPECT_LE(x_height, 30);
  EXPECT_NEAR(out.to_original(0, 0), 120.0 / out.dpi, 0.02);
}

TEST(PreprocessTest, SpeckledPageIsDenoised) {
  cv::Mat noisy = CleanPage().clone();
  std::mt19937 rng(7);
  std::uniform_int_distribution<int> x(0, noisy.cols - 1), y(0, noisy.rows - 1);
  for (int i = 0; i < 4000; ++i) {
    noisy.at<unsigned char>(y(rng), x(rng)) = 0;
  }
  const PreparedPage out = Auto(noisy);
  EXPECT_EQ(out.stages, std::vector<std::string>{"denoise"});
}

TEST(PreprocessTest, ShadedPageAsksForSauvola) {
  cv::Mat shaded;
  CleanPage().convertTo(shaded, CV_32F);
  for (int c = 0; c < shaded.cols; ++c) {
    shaded.col(c) *= 1.0 - 0.6 * c / shaded.cols;  // darker to the right
  }
  shaded.convertTo(shaded, CV_8U);
  const PreparedPage out = Auto(shaded);
  EXPECT_EQ(out.stages, std::vector<std::string>{"binarize:sauvola"});
  EXPECT_TRUE(out.sauvola);
}

TEST(PreprocessTest, PhotoShadowsDoNotPassForInk) {
  // A phone photo: perspective, light falling off across the sheet, a dark
  // desk, sensor noise. Measured with one global threshold the shadows were
  // ink: specks (denoise), a skew of -14 degrees, an x-height asking for 2x.
  const cv::Mat sheet = RenderGray(TextPage(SampleLines(), 210, 297));
  for (std::uint64_t seed = 1; seed <= 6; ++seed) {
    scangen::Random random(seed);
    auto photo = scangen::Degrade(sheet, 300, scangen::Condition::kPhoto, random);
    ASSERT_TRUE(photo.has_value());
    const PreparedPage out = Auto(photo->image);
    for (const std::string& stage : out.stages) {
      EXPECT_FALSE(stage == "denoise" || stage.starts_with("rescale")) << seed << ": " << stage;
      if (stage.starts_with("deskew:")) {
        EXPECT_LT(std::abs(std::stod(stage.substr(7))), 2.0) << seed << ": " << stage;
      }
    }
  }
}

TEST(PreprocessTest, BlackMarginsArePaintedWhiteAndFramed) {
  cv::Mat scanned;
  cv::copyMakeBorder(CleanPage(), scanned, 40, 0, 60, 0, cv::BORDER_CONSTANT, cv::Scalar(0));
  const PreparedPage out = Auto(scanned);
  ASSERT_EQ(out.stages, std::vector<std::string>{"border"});
  EXPECT_EQ(cv::countNonZero(out.image.colRange(0, 70) < 128), 0);
  EXPECT_EQ(out.to_original(0, 2), -16);
}

// Between a scanner's dark band and the page lies a grey fringe, and a page
// may have a thin dark line along another edge: framed in white, either was
// read as "|" at every line start (real receipts 072 and 117). Both go white
// with the band.
TEST(PreprocessTest, TheFringeBesideABandAndThinEdgeLinesGoWhiteToo) {
  cv::Mat scanned;
  cv::copyMakeBorder(CleanPage(), scanned, 0, 0, 60, 0, cv::BORDER_CONSTANT, cv::Scalar(0));
  scanned.colRange(60, 63).setTo(110);  // grey: too light to count as the band
  scanned.col(scanned.cols - 1).rowRange(0, scanned.rows * 2 / 5).setTo(60);  // a thin edge line
  const PreparedPage out = Auto(scanned);
  ASSERT_EQ(out.stages, std::vector<std::string>{"border"});
  constexpr int kFramed = 16;
  EXPECT_EQ(cv::countNonZero(out.image.colRange(0, kFramed + 63) < 128), 0);
  EXPECT_EQ(
      cv::countNonZero(out.image.colRange(out.image.cols - kFramed - 1, out.image.cols) < 128), 0);
}

TEST(PreprocessTest, NoneKeepsThePageAsItIs) {
  const PreparedPage out =
      Preprocess(RotateCcw(CleanPage(), 5), 300, *ParsePreprocess("none"), nullptr);
  EXPECT_TRUE(out.stages.empty());
}

cv::Mat Turned(const cv::Mat& page, int clockwise_degrees) {
  if (clockwise_degrees == 0) {
    return page.clone();
  }
  cv::Mat turned;
  cv::rotate(page, turned,
             clockwise_degrees == 90    ? cv::ROTATE_90_CLOCKWISE
             : clockwise_degrees == 180 ? cv::ROTATE_180
                                        : cv::ROTATE_90_COUNTERCLOCKWISE);
  return turned;
}

TEST(OrientationTest, LetterShapesTellEachQuarterTurn) {
  for (int degrees : {0, 90, 180, 270}) {
    const cv::Mat ink = InkMask(Turned(CleanPage(), degrees));
    const auto turn = TurnFromAscenders(ink, 300, LinesLookVertical(ink));
    ASSERT_TRUE(turn.has_value()) << degrees;
    EXPECT_EQ(*turn, degrees);
  }
}

TEST(OrientationTest, TooFewLettersToTell) {
  const cv::Mat sparse = RenderGray(TextPage({"OK", "12"}));
  const cv::Mat ink = InkMask(Turned(sparse, 90));
  EXPECT_EQ(TurnFromAscenders(ink, 300, true), std::nullopt);
}

TEST(PreprocessTest, QuarterTurnsAreLookedForOnlyWhenLinesLookVertical) {
  int asked = 0;
  OrientationDetector detector = [&](const cv::Mat&, int) {
    ++asked;
    return 90;
  };
  EXPECT_TRUE(Preprocess(CleanPage(), 300, PreprocessPlan{}, detector).stages.empty());
  // The letters of a turned page tell its turn: the recogniser's detector
  // (hundreds of milliseconds) is not asked.
  const PreparedPage out = Preprocess(Turned(CleanPage(), 90), 300, PreprocessPlan{}, detector);
  ASSERT_EQ(out.stages, std::vector<std::string>{"orient:90"});
  EXPECT_EQ(out.image.size(), CleanPage().size());
  EXPECT_EQ(asked, 0);
}

TEST(PreprocessTest, TheDetectorDecidesWhenLettersCannot) {
  int asked = 0;
  OrientationDetector detector = [&](const cv::Mat&, int) {
    ++asked;
    return 270;
  };
  const cv::Mat sparse = RenderGray(TextPage({"OK", "12"}));
  PreprocessPlan orient_only{false, false, false, false, true, false, false, false};
  const PreparedPage out = Preprocess(Turned(sparse, 270), 300, orient_only, detector);
  EXPECT_EQ(asked, 1);
  EXPECT_EQ(out.stages, std::vector<std::string>{"orient:270"});
}

// A scanner's lid leaves a dark, uneven band along one edge of a straight
// page; its ink points must not pass for a skew (a real receipt was once
// turned by 15.25 degrees, the end of the search range, and read as garbage).
TEST(PreprocessTest, DarkEdgeBandIsNoReasonToDeskew) {
  cv::Mat page = CleanPage().clone();
  std::mt19937 rng(7);
  std::normal_distribution<double> noise(0, 18);
  for (int y = 0; y < page.rows; ++y) {
    // The band's inner edge wanders and leans, as a lid's shadow does.
    const int width = 70 + static_cast<int>(25 * std::sin(y / 90.0)) + y / 5;
    for (int x = 30; x < 30 + width && x < page.cols; ++x) {
      const double shade = 40 + 60.0 * (x - 30) / width + noise(rng);
      page.at<uchar>(y, x) = cv::saturate_cast<uchar>(shade);
    }
  }
  const PreparedPage out = Auto(page);
  for (const std::string& stage : out.stages) {
    EXPECT_FALSE(stage.starts_with("deskew")) << stage;
  }
}

}  // namespace
}  // namespace travet::ocr
