#include "ocr/recognise/recognizer.h"

#include <gtest/gtest.h>

#include <atomic>
#include <fstream>
#include <mutex>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <optional>
#include <thread>

#include "tests/fakes/temp_dir.h"
#include "tests/ocr/ocr_test_pages.h"
#include "tools/scangen/print_effects.h"

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

PageResult ReadOne(const std::filesystem::path& file, const RecognizeOptions& options = {}) {
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
  pages.reserve(lines.size());
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

// Overwrites the image data of page `index` (0-based) of a little-endian
// TIFF with bytes no decoder accepts, leaving its header and the other pages
// whole: a page damaged in transfer, as a scanner share may hand over.
void DamagePage(std::string& tiff, int index) {
  auto u16 = [&](size_t at) {
    return static_cast<uint32_t>(static_cast<uint8_t>(tiff[at]) | static_cast<uint8_t>(tiff[at + 1])
                                                                      << 8);
  };
  auto u32 = [&](size_t at) { return u16(at) | u16(at + 2) << 16; };
  ASSERT_EQ(tiff.substr(0, 2), "II");
  size_t ifd = u32(4);
  for (int i = 0; i < index; ++i)
    ifd = u32(ifd + 2 + size_t{12} * u16(ifd));
  uint32_t offsets = 0, counts = 0, strips = 0;
  bool short_offsets = false, short_counts = false;
  for (uint32_t e = 0; e < u16(ifd); ++e) {
    const size_t entry = ifd + 2 + size_t{12} * e;
    if (u16(entry) == 273) {
      strips = u32(entry + 4);
      short_offsets = u16(entry + 2) == 3;
      offsets = strips == 1 ? static_cast<uint32_t>(entry + 8) : u32(entry + 8);
    } else if (u16(entry) == 279) {
      short_counts = u16(entry + 2) == 3;
      counts = u32(entry + 4) == 1 ? static_cast<uint32_t>(entry + 8) : u32(entry + 8);
    }
  }
  ASSERT_GT(strips, 0u);
  for (uint32_t k = 0; k < strips; ++k) {
    const uint32_t at = short_offsets ? u16(offsets + 2 * k) : u32(offsets + 4 * k);
    const uint32_t size = short_counts ? u16(counts + 2 * k) : u32(counts + 4 * k);
    std::fill(tiff.begin() + at, tiff.begin() + at + size, '\xff');
  }
}

// A form whose tick boxes outnumber its letters: the most common component
// height is the boxes', preprocessing shrinks the page to bring it to an
// x-height, and the text is read far worse than as loaded. A reading of the
// page as loaded is kept, and `stages` says so.
TEST(RecognizerTest, APageThatReadsWorseAfterPreprocessingFallsBack) {
  TempDir dir;
  cv::Mat page = RenderGray(TextPage(SampleLines(), 180, 250));
  for (int row = 0; row < 12; ++row) {
    for (int col = 0; col < 20; ++col) {
      const cv::Point corner(120 + col * 95, 900 + row * 130);
      cv::rectangle(page, corner, corner + cv::Point(60, 90), cv::Scalar(0), 3);
    }
  }
  const auto png = testing::WritePng(page, dir.path() / "ticks.png");
  const PageResult page_read = ReadOne(png);
  EXPECT_NE(Stages(page_read).find("fallback:"), std::string::npos) << Stages(page_read);
  EXPECT_NE(Squash(page_read.text).find(Joined(SampleLines())), std::string::npos)
      << page_read.text;
}

// Characters wrong per character of SampleLines in `got` (Levenshtein
// distance over the squashed texts).
double SampleLinesCer(const std::string& got) {
  const std::string truth = Joined(SampleLines());
  return static_cast<double>(testing::EditDistance(Squash(got), truth)) /
         static_cast<double>(truth.size());
}

// Faint thermal print: small type with strokes a pixel thin, faded along the
// roll, at 200 dpi. Preprocessing leaves the strokes thin and the page reads
// unsure; the reading with the strokes thickened by a pixel is kept, and reads
// better than the page as loaded does.
TEST(RecognizerTest, AFaintThinPrintIsReadWithThickenedStrokes) {
  TempDir dir;
  scangen::PageSpec spec = TextPage(SampleLines(), 120, 70, 200);
  for (size_t i = 0; i < spec.runs.size(); ++i) {
    spec.runs[i].size_pt = 6;
    spec.runs[i].x_mm = 8;
    spec.runs[i].y_mm = 10 + 3.0 * static_cast<double>(i);
  }
  cv::Mat page = RenderGray(spec);
  cv::dilate(page, page, cv::Mat::ones(2, 2, CV_8U));  // white grows: strokes thin
  scangen::Random random(1);
  scangen::Degradation degradation;
  scangen::ThermalFade(page, 0.5, 0.25, random, degradation);
  const auto png = testing::WritePng(page, dir.path() / "faint.png");
  const PageResult page_read = ReadOne(png);
  EXPECT_NE(Stages(page_read).find("fallback:thickened"), std::string::npos)
      << Stages(page_read) << " at " << page_read.confidence;
  RecognizeOptions as_loaded;
  as_loaded.preprocess = "none";
  const double thickened_cer = SampleLinesCer(page_read.text);
  EXPECT_LT(thickened_cer, SampleLinesCer(ReadOne(png, as_loaded).text));
  EXPECT_LT(thickened_cer, 0.03) << page_read.text;
}

// Small grey print under one bold black line, as a receipt's faded body under
// its printed total or a form's pencil-grey text under a stamp. Otsu's
// threshold (ours and Tesseract's) falls between the two inks: the first
// reading holds the bold line alone, read surely. The words cover little of
// the letter-sized ink on the page, so it is read again with its faint ink
// made dark, and the body's lines are added under the bold one.
TEST(RecognizerTest, FaintPrintUnderABoldLineIsReadToo) {
  TempDir dir;
  std::vector<std::string> lines = SampleLines();
  lines.insert(lines.end(), lines.begin(), lines.end());  // a body of ten lines
  scangen::PageSpec body = TextPage(lines, 180, 150);
  for (size_t i = 0; i < body.runs.size(); ++i) {
    body.runs[i].size_pt = 5;
    body.runs[i].y_mm = 50 + 5.0 * static_cast<double>(i);
  }
  scangen::PageSpec heading = TextPage({"TOTALE FATTURA 1.234,56"}, 180, 150);
  heading.runs[0].size_pt = 26;
  heading.runs[0].bold = true;
  cv::Mat faint;
  RenderGray(body).convertTo(faint, -1, 0.25, 255 * 0.75);  // black 0 becomes grey 191
  const cv::Mat page = cv::min(faint, RenderGray(heading));
  const auto png = testing::WritePng(page, dir.path() / "faint-body.png");
  RecognizeOptions as_loaded;
  as_loaded.preprocess = "none";
  ASSERT_EQ(Squash(ReadOne(png, as_loaded).text), "TOTALE FATTURA 1.234,56")
      << "the page no longer shows the failure this test is about";
  const PageResult page_read = ReadOne(png);
  EXPECT_NE(Stages(page_read).find("fallback:faint-ink"), std::string::npos)
      << Stages(page_read) << " at " << page_read.confidence;
  const std::string heading_text = "TOTALE FATTURA 1.234,56 ";
  const std::string text = Squash(page_read.text);
  ASSERT_TRUE(text.starts_with(heading_text)) << page_read.text;
  const std::string truth = Joined(lines);
  const double body_cer =
      static_cast<double>(testing::EditDistance(text.substr(heading_text.size()), truth)) /
      static_cast<double>(truth.size());
  EXPECT_LT(body_cer, 0.05) << page_read.text;
}

TEST(RecognizerTest, ADamagedPageFailsAloneAndTheOthersAreRead) {
  TempDir dir;
  const std::vector<std::string> lines = {"Prima pagina del fascicolo", "Seconda pagina rovinata",
                                          "Terza pagina: firma e data"};
  std::vector<cv::Mat> pages;
  pages.reserve(lines.size());
  for (const auto& line : lines)
    pages.push_back(RenderGray(TextPage({line}, 120, 40)));
  const auto whole = dir.path() / "whole.tif";
  ASSERT_TRUE(cv::imwritemulti(whole.string(), pages, {cv::IMWRITE_TIFF_COMPRESSION, 5}));  // LZW
  std::ifstream in(whole, std::ios::binary);
  std::string tiff((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  DamagePage(tiff, 1);
  const auto file = dir.Write("damaged.tif", tiff);
  auto result = Shared().Read(file, {});
  ASSERT_TRUE(result.has_value()) << result.error().ToString();
  ASSERT_EQ(result->pages.size(), 3u);
  EXPECT_EQ(Squash(result->pages[0].text), lines[0]);
  EXPECT_EQ(Squash(result->pages[2].text), lines[2]);
  EXPECT_TRUE(result->pages[0].error.empty());
  EXPECT_EQ(result->pages[1].page, 2);
  EXPECT_TRUE(result->pages[1].text.empty());
  EXPECT_NE(result->pages[1].error.find("damaged.tif"), std::string::npos)
      << result->pages[1].error;
  EXPECT_TRUE(result->AnyPageFailed()) << result->pages[1].error;
  // With nothing else to read, the page's error is the document's.
  RecognizeOptions second_only;
  second_only.pages = {2};
  auto alone = Shared().Read(file, second_only);
  ASSERT_FALSE(alone.has_value());
  EXPECT_EQ(alone.error().message(), result->pages[1].error);
}

// A step's `timeout:` reaches the engine: a read is stopped between words,
// not after the page or the document. The recogniser asks `stop` before each
// page, Tesseract between words: the check says "stop" from its tenth call,
// which only a check inside the recognition of the first page reaches (three
// dense pages of some 40 words a line). The read then ends at once with
// kTimeout, however slow the machine (no bound on the time before the stop).
TEST(RecognizerTest, AReadIsStoppedWhileAPageIsRecognised) {
  TempDir dir;
  std::vector<std::string> lines;
  for (int i = 0; i < 5; ++i)
    for (const auto& line : SampleLines())
      lines.push_back(line);
  const cv::Mat dense = RenderGray(TextPage(lines, 210, 297));
  const auto tif = dir.path() / "dense.tif";
  ASSERT_TRUE(cv::imwritemulti(tif.string(), std::vector<cv::Mat>{dense, dense, dense}));
  RecognizeOptions options;
  options.workers = 1;
  std::atomic<int> checks{0};
  std::mutex mu;
  std::optional<std::chrono::steady_clock::time_point> stopped_at;
  options.stop = [&] {
    if (++checks < 10)
      return false;
    std::lock_guard lock(mu);
    if (!stopped_at)
      stopped_at = std::chrono::steady_clock::now();
    return true;
  };
  auto result = Shared().Read(tif, options);
  const auto returned = std::chrono::steady_clock::now();
  ASSERT_FALSE(result.has_value()) << "read through after " << checks << " checks";
  EXPECT_EQ(result.error().code(), StatusCode::kTimeout);
  EXPECT_EQ(result.error().message(), "dense.tif: reading stopped before its 3 pages were read");
  ASSERT_TRUE(stopped_at.has_value());
  EXPECT_LT(returned - *stopped_at, std::chrono::seconds(1));
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
  pages.reserve(4);
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
  threads.reserve(4);
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
