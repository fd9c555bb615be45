// Several threads share one Recognizer, as the actions of concurrent runs and
// `travet ocr` do: no shared-state crash, and every page reads exactly as it
// does on one thread.
#include <gtest/gtest.h>

#include <opencv2/core.hpp>
#include <thread>

#include "ocr/recognise/recognizer.h"
#include "tests/fakes/temp_dir.h"
#include "tests/ocr/ocr_test_pages.h"

namespace travet::ocr {
namespace {

using testing::RenderGray;
using testing::RotateCcw;
using testing::TextPage;
using testing::WritePng;
using travet::testing::TempDir;

constexpr int kPages = 50;
constexpr int kThreads = 4;

// Small pages (two lines) that take different preprocessing paths: clean,
// skewed (deskew), low resolution (rescale), speckled (denoise) and upside
// down (orientation detection with the shared "osd" engines).
cv::Mat MakePage(int i) {
  const std::vector<std::string> lines = {
      "Fattura 2024/" + std::to_string(100 + i) + " del " + std::to_string(1 + i % 28) + " marzo",
      "Totale " + std::to_string(37 * i + 5) + "," + std::to_string(10 + i) + " euro"};
  const int dpi = i % 5 == 2 ? 150 : 300;
  cv::Mat page = RenderGray(TextPage(lines, 100, 45, dpi));
  if (i % 5 == 1)
    page = RotateCcw(page, 2.5);
  if (i % 5 == 3) {
    cv::RNG rng(static_cast<uint64_t>(i));
    for (int k = 0; k < page.rows * page.cols / 200; ++k)
      page.at<uchar>(rng.uniform(0, page.rows), rng.uniform(0, page.cols)) =
          rng.uniform(0, 2) * 255;
  }
  if (i % 10 == 4)
    page = RotateCcw(page, 180);
  return page;
}

void ExpectSamePage(const PageResult& got, const PageResult& want, const std::string& where) {
  EXPECT_EQ(got.text, want.text) << where;
  EXPECT_EQ(got.confidence, want.confidence) << where;
  EXPECT_EQ(got.stages, want.stages) << where;
  ASSERT_EQ(got.words.size(), want.words.size()) << where;
  for (size_t w = 0; w < got.words.size(); ++w) {
    const Word& a = got.words[w];
    const Word& b = want.words[w];
    EXPECT_EQ(a.text, b.text) << where << " word " << w;
    EXPECT_EQ(a.confidence, b.confidence) << where << " word " << w;
    EXPECT_EQ(a.line, b.line) << where << " word " << w;
    EXPECT_EQ(a.block, b.block) << where << " word " << w;
    EXPECT_EQ(std::tie(a.box.x, a.box.y, a.box.width, a.box.height),
              std::tie(b.box.x, b.box.y, b.box.width, b.box.height))
        << where << " word " << w;
  }
}

TEST(RecognizerConcurrencyTest, FourThreadsReadWhatOneThreadReads) {
  TempDir dir;
  std::vector<std::filesystem::path> files;
  files.reserve(kPages);
  for (int i = 0; i < kPages; ++i)
    files.push_back(WritePng(MakePage(i), dir.path() / ("page-" + std::to_string(i) + ".png")));

  // The reference: one thread, one engine.
  std::vector<PageResult> want(kPages);
  {
    Recognizer single(1);
    for (int i = 0; i < kPages; ++i) {
      auto doc = single.Read(files[i], {});
      ASSERT_TRUE(doc.has_value()) << doc.error().ToString();
      ASSERT_EQ(doc->pages.size(), 1u);
      want[i] = std::move(doc->pages[0]);
    }
  }
  ASSERT_NE(want[0].text.find("2024/100"), std::string::npos) << want[0].text;

  // Fewer engines than threads: threads also wait for one another's engines.
  Recognizer shared(kThreads - 1);
  std::vector<std::vector<Result<DocumentResult>>> got(kThreads);
  std::vector<std::thread> threads;
  threads.reserve(kThreads);
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int k = 0; k < kPages; ++k)  // each thread in its own order
        got[t].push_back(shared.Read(files[(k + t * 13) % kPages], {}));
    });
  }
  for (auto& thread : threads)
    thread.join();

  for (int t = 0; t < kThreads; ++t) {
    ASSERT_EQ(got[t].size(), static_cast<size_t>(kPages));
    for (int k = 0; k < kPages; ++k) {
      const int i = (k + t * 13) % kPages;
      const std::string where = "thread " + std::to_string(t) + ", page " + std::to_string(i);
      ASSERT_TRUE(got[t][k].has_value()) << where << ": " << got[t][k].error().ToString();
      ASSERT_EQ(got[t][k]->pages.size(), 1u) << where;
      ExpectSamePage(got[t][k]->pages[0], want[i], where);
    }
  }
}

}  // namespace
}  // namespace travet::ocr
