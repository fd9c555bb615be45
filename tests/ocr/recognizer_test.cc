#include "ocr/recognizer.h"

#include <gtest/gtest.h>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <thread>

#include "tests/fakes/temp_dir.h"
#include "tests/ocr/ocr_test_pages.h"

namespace travet::ocr {
namespace {

using testing::RenderGray;
using testing::RotateCcw;
using testing::SampleLines;
using testing::Squash;
using testing::TextPage;
using travet::testing::TempDir;

std::string Joined(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& l : lines)
    out += l + " ";
  return Squash(out);
}

// One recogniser for the whole test program, as a server would keep it:
// engines start once.
Recognizer& Shared() {
  static Recognizer recognizer(2);
  return recognizer;
}

PageResult ReadOne(const std::filesystem::path& file, RecognizeOptions options = {}) {
  auto result = Shared().Read(file, options);
  EXPECT_TRUE(result.has_value()) << result.error().ToString();
  if (!result || result->pages.empty()) {
    return {};
  }
  return result->pages[0];
}

std::string Stages(const PageResult& page) {
  std::string out;
  for (const auto& s : page.stages)
    out += (out.empty() ? "" : " ") + s;
  return out;
}

TEST(RecognizerTest, ReadsACleanPageExactlyWithBoxes) {
  TempDir dir;
  const auto png = dir.path() / "clean.png";
  auto rendered = scangen::RenderPngWithBoxes(TextPage(SampleLines()));
  ASSERT_TRUE(rendered.has_value());
  dir.Write("clean.png", rendered->png);
  const PageResult page = ReadOne(png);
  EXPECT_EQ(Squash(page.text), Joined(SampleLines()));
  EXPECT_EQ(Stages(page), "");
  EXPECT_GT(page.confidence, 85);
  EXPECT_EQ(page.dpi, 300);
  EXPECT_FALSE(page.dpi_assumed);
  ASSERT_FALSE(page.words.empty());
  const Word& first = page.words.front();
  EXPECT_EQ(first.text, "Fattura");
  EXPECT_NEAR(first.box.x, rendered->boxes[0].x, 3);
  EXPECT_NEAR(first.box.y, rendered->boxes[0].y, 3);
  EXPECT_EQ(first.line, 1);
  EXPECT_EQ(page.words.back().line, 5);
  EXPECT_EQ(page.words.back().text, "garantita.");
}

TEST(RecognizerTest, LowResolutionPageIsRescaledAndBoxesMappedBack) {
  TempDir dir;
  auto rendered = scangen::RenderPngWithBoxes(TextPage(SampleLines(), 180, 110, 120));
  ASSERT_TRUE(rendered.has_value());
  const auto png = dir.Write("low.png", rendered->png);
  const PageResult page = ReadOne(png);
  EXPECT_TRUE(Stages(page).starts_with("rescale:")) << Stages(page);
  EXPECT_EQ(Squash(page.text), Joined(SampleLines()));
  EXPECT_EQ(page.width, rendered->width_px);
  ASSERT_FALSE(page.words.empty());
  EXPECT_NEAR(page.words[0].box.x, rendered->boxes[0].x, 2);
  EXPECT_NEAR(page.words[0].box.y, rendered->boxes[0].y, 2);
}

TEST(RecognizerTest, SkewedPageIsStraightenedAndRead) {
  TempDir dir;
  const cv::Mat clean = RenderGray(TextPage(SampleLines()));
  const auto png = testing::WritePng(RotateCcw(clean, 5.0), dir.path() / "skew.png");
  const PageResult page = ReadOne(png);
  EXPECT_TRUE(Stages(page).starts_with("deskew:5.0") || Stages(page).starts_with("deskew:4.9"))
      << Stages(page);
  EXPECT_EQ(Squash(page.text), Joined(SampleLines()));
  EXPECT_TRUE(page.dpi_assumed);
}

TEST(RecognizerTest, TurnedPagesAreSetUpright) {
  TempDir dir;
  const cv::Mat clean = RenderGray(TextPage(SampleLines()));
  const std::pair<cv::RotateFlags, std::string> turns[] = {
      {cv::ROTATE_90_CLOCKWISE, "orient:90"},
      {cv::ROTATE_180, "orient:180"},
      {cv::ROTATE_90_COUNTERCLOCKWISE, "orient:270"}};
  for (const auto& [flag, stage] : turns) {
    cv::Mat turned;
    cv::rotate(clean, turned, flag);
    const PageResult page = ReadOne(testing::WritePng(turned, dir.path() / (stage + ".png")));
    EXPECT_EQ(Stages(page), stage);
    EXPECT_EQ(Squash(page.text), Joined(SampleLines())) << stage;
    // Boxes are on the turned page as loaded.
    ASSERT_FALSE(page.words.empty());
    const Box& b = page.words[0].box;
    EXPECT_LE(b.x + b.width, turned.cols);
    EXPECT_LE(b.y + b.height, turned.rows);
  }
}

TEST(RecognizerTest, EveryPageOfAMultiPageTiffInOrder) {
  TempDir dir;
  const std::vector<std::string> lines = {
      "Prima pagina del fascicolo", "Seconda pagina, protocollo", "Terza pagina: firma e data"};
  std::vector<cv::Mat> pages;
  for (const auto& line : lines)
    pages.push_back(RenderGray(TextPage({line}, 120, 40)));
  const auto tif = dir.path() / "pages.tif";
  ASSERT_TRUE(cv::imwritemulti(tif.string(), pages));
  std::vector<std::pair<int, int>> progress;
  RecognizeOptions options;
  options.progress = [&](int done, int total) { progress.emplace_back(done, total); };
  auto result = Shared().Read(tif, options);
  ASSERT_TRUE(result.has_value()) << result.error().ToString();
  ASSERT_EQ(result->pages.size(), 3u);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(result->pages[i].page, i + 1);
    EXPECT_EQ(Squash(result->pages[i].text), lines[i]);
  }
  EXPECT_EQ(progress, (std::vector<std::pair<int, int>>{{1, 3}, {2, 3}, {3, 3}}));
  options.pages = {3};
  auto third = Shared().Read(tif, options);
  ASSERT_TRUE(third.has_value());
  ASSERT_EQ(third->pages.size(), 1u);
  EXPECT_EQ(third->pages[0].page, 3);
  options.pages = {7};
  EXPECT_EQ(Shared().Read(tif, options).error().message(),
            "pages.tif: page 7 does not exist (the document has 3 pages)");
}

TEST(RecognizerTest, ScannedAndBornDigitalPdf) {
  TempDir dir;
  const std::vector<std::string> lines = {"Domanda di concessione stradale", "Comune di Cuneo"};
  const auto scanned =
      dir.Write("scan.pdf", testing::ImageOnlyPdf({RenderGray(TextPage(lines, 150, 50))}, 300));
  const PageResult page = ReadOne(scanned);
  EXPECT_FALSE(page.from_text_layer);
  EXPECT_EQ(Squash(page.text), Joined(lines));

  const auto digital = dir.Write("digital.pdf", testing::TextLayerPdf(lines));
  const PageResult layer = ReadOne(digital);
  EXPECT_TRUE(layer.from_text_layer);
  EXPECT_EQ(Stages(layer), "text-layer");
  EXPECT_EQ(Squash(layer.text), Joined(lines));
  EXPECT_EQ(layer.words.size(), 7u);
}

TEST(RecognizerTest, ErrorsNameTheFileOrTheLanguage) {
  TempDir dir;
  EXPECT_EQ(Shared().Read(dir.Write("empty.png", ""), {}).error().message(),
            "empty.png: the file is empty");
  RecognizeOptions klingon;
  klingon.lang = "tlh";
  auto result = Shared().Read(dir.Write("x.png", "x"), klingon);
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().code(), StatusCode::kFailedPrecondition);
  EXPECT_TRUE(result.error().message().starts_with("OCR language data for 'tlh' not found"))
      << result.error().message();
  RecognizeOptions bad_stage;
  bad_stage.preprocess = "sharpen";
  EXPECT_EQ(Shared().Read(dir.Write("y.png", "y"), bad_stage).error().code(),
            StatusCode::kInvalidArgument);
}

TEST(RecognizerTest, ConcurrentReadsEqualASingleThreadedRead) {
  // 4 threads x 4 pages (the 4 x 50 takes minutes on 2 cores).
  TempDir dir;
  std::vector<cv::Mat> pages;
  for (int i = 0; i < 4; ++i) {
    pages.push_back(RenderGray(TextPage({"Pratica numero " + std::to_string(1000 + i * 37),
                                         "Importo 12" + std::to_string(i) + ",50 euro"},
                                        110, 40)));
  }
  const auto tif = dir.path() / "batch.tif";
  ASSERT_TRUE(cv::imwritemulti(tif.string(), pages));
  RecognizeOptions single;
  single.workers = 1;
  auto expected = Shared().Read(tif, single);
  ASSERT_TRUE(expected.has_value());
  std::vector<Result<DocumentResult>> results(4, Status(StatusCode::kInternal, "not run"));
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] { results[t] = Shared().Read(tif, RecognizeOptions{}); });
  }
  for (auto& thread : threads)
    thread.join();
  for (const auto& r : results) {
    ASSERT_TRUE(r.has_value()) << r.error().ToString();
    ASSERT_EQ(r->pages.size(), expected->pages.size());
    for (size_t p = 0; p < r->pages.size(); ++p) {
      EXPECT_EQ(r->pages[p].text, expected->pages[p].text);
      ASSERT_EQ(r->pages[p].words.size(), expected->pages[p].words.size());
      for (size_t w = 0; w < r->pages[p].words.size(); ++w) {
        EXPECT_EQ(r->pages[p].words[w].box.x, expected->pages[p].words[w].box.x);
        EXPECT_EQ(r->pages[p].words[w].confidence, expected->pages[p].words[w].confidence);
      }
    }
  }
}

}  // namespace
}  // namespace travet::ocr
