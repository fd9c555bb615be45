// Builds the reference text of every real scan in ../shared/realscans (beside
// the repository; not part of it). Skipped when the folder is absent.
#include <gtest/gtest.h>

#include <cstdlib>

#include "tools/bench/ocr_bench_real_set.h"

namespace travet::ocr_bench {
namespace {

namespace fs = std::filesystem;

fs::path RealScans() {
  const char* source = std::getenv("TRAVET_SOURCE_DIR");
  return fs::path(source ? source : ".") / ".." / "shared" / "realscans";
}

class RealScansTest : public testing::Test {
 protected:
  void SetUp() override {
    if (!fs::is_directory(RealScans())) {
      GTEST_SKIP() << RealScans().string() << " is absent: the real scans are not measured";
    }
  }
};

TEST_F(RealScansTest, EveryReceiptHasReferenceLinesAndFields) {
  auto pages = LoadRealSet(RealScans(), RealKind::kReceipts, 0);
  ASSERT_TRUE(pages) << pages.error().message();
  ASSERT_EQ(pages->size(), 80u);
  for (const RealPage& page : *pages) {
    EXPECT_NE(page.reference.find('\n'), std::string::npos) << page.name;
    EXPECT_TRUE(page.fields.contains("total")) << page.name;
  }
  // The first receipt's box rows, one line each, top to bottom.
  EXPECT_TRUE(pages->front().reference.starts_with(
      "TAN WOON YANN\nBOOK TA .K(TAMAN DAYA) SDN BND\n789417-W\n"))
      << pages->front().reference.substr(0, 80);
}

TEST_F(RealScansTest, EveryFormHasReferenceLines) {
  auto pages = LoadRealSet(RealScans(), RealKind::kForms, 0);
  ASSERT_TRUE(pages) << pages.error().message();
  ASSERT_EQ(pages->size(), 149u);
  for (const RealPage& page : *pages) {
    EXPECT_GT(page.reference.size(), 20u) << page.name;
    EXPECT_TRUE(page.fields.empty()) << page.name;
  }
}

TEST_F(RealScansTest, LimitTakesTheFirstPagesByName) {
  auto pages = LoadRealSet(RealScans(), RealKind::kReceipts, 2);
  ASSERT_TRUE(pages) << pages.error().message();
  ASSERT_EQ(pages->size(), 2u);
  EXPECT_EQ((*pages)[0].name, "000");
  EXPECT_EQ((*pages)[1].name, "009");
}

}  // namespace
}  // namespace travet::ocr_bench
