#include "ocr/export/ocr_export.h"

#include <gtest/gtest.h>
#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-page.h>

#include <memory>
#include <regex>

#include "tests/fakes/temp_dir.h"
#include "tests/ocr/ocr_test_pages.h"

namespace travet::ocr {
namespace {

using travet::testing::TempDir;

DocumentResult TwoWords() {
  PageResult page;
  page.page = 1;
  page.width = 1000;
  page.height = 500;
  page.dpi = 300;
  page.words = {{"Totale:", 96.5f, {10, 20, 100, 30}, 1, 1},
                {"<1.234,56>", 88.25f, {120, 22, 140, 28}, 1, 1},
                {"R&D\tdue", 70.0f, {10, 80, 90, 30}, 2, 2}};
  return DocumentResult{"fattura.png", {page}};
}

// Tags opened and closed in order: enough to catch a broken nesting.
bool Balanced(const std::string& xml) {
  std::vector<std::string> open;
  const std::regex tag("<(/?)([a-z]+)[^>]*?(/?)>");
  for (std::sregex_iterator it(xml.begin(), xml.end(), tag), end; it != end; ++it) {
    const std::string name = (*it)[2];
    if ((*it)[3] == "/" || name == "meta")
      continue;
    if ((*it)[1] == "/") {
      if (open.empty() || open.back() != name)
        return false;
      open.pop_back();
    } else {
      open.push_back(name);
    }
  }
  return open.empty();
}

TEST(OcrExportTest, TsvHasTesseractColumns) {
  EXPECT_EQ(ToTsv(TwoWords()),
            "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\t"
            "conf\ttext\n"
            "1\t1\t0\t1\t0\t0\t0\t0\t1000\t500\t-1\t\n"
            "5\t1\t1\t1\t1\t1\t10\t20\t100\t30\t96.50\tTotale:\n"
            "5\t1\t1\t1\t1\t2\t120\t22\t140\t28\t88.25\t<1.234,56>\n"
            "5\t1\t2\t1\t2\t1\t10\t80\t90\t30\t70.00\tR&D due\n");
}

TEST(OcrExportTest, HocrIsWellFormedWithBoxesAndConfidences) {
  const std::string hocr = ToHocr(TwoWords());
  EXPECT_TRUE(Balanced(hocr)) << hocr;
  EXPECT_NE(hocr.find("<div class='ocr_page' id='page_1' title='image \"fattura.png\"; "
                      "bbox 0 0 1000 500; ppageno 0; scan_res 300 300'>"),
            std::string::npos);
  EXPECT_NE(hocr.find("<span class='ocr_line' id='line_1_1' title='bbox 10 20 260 50'>"),
            std::string::npos);
  EXPECT_NE(hocr.find("title='bbox 120 22 260 50; x_wconf 88'>&lt;1.234,56&gt;</span>"),
            std::string::npos);
  EXPECT_NE(hocr.find(">R&amp;D\tdue</span>"), std::string::npos);
}

TEST(OcrExportTest, SearchablePdfHasATextLayer) {
  TempDir dir;
  const auto png = dir.path() / "page.png";
  ASSERT_TRUE(scangen::WritePng(testing::TextPage(testing::SampleLines()), png).ok());
  const auto out = dir.path() / "out.pdf";
  ASSERT_TRUE(WriteSearchablePdf(png, out, RecognizeOptions{}).ok());
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir.path()),
                          std::filesystem::directory_iterator()),
            2);  // no temporary file left
  const std::string bytes = travet::testing::ReadFile(out);
  std::unique_ptr<poppler::document> pdf(
      poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
  ASSERT_NE(pdf, nullptr);
  ASSERT_EQ(pdf->pages(), 1);
  std::unique_ptr<poppler::page> page(pdf->create_page(0));
  const auto utf8 = page->text().to_utf8();
  const std::string text(utf8.begin(), utf8.end());
  EXPECT_NE(text.find("Fattura numero 2024/118"), std::string::npos) << text;
  EXPECT_NE(text.find("società"), std::string::npos) << text;
  // A4-like width: 180 mm at 300 dpi is 510 pt.
  EXPECT_NEAR(page->page_rect().width(), 510, 3);
}

TEST(OcrExportTest, SearchablePdfErrorsLeaveNoFile) {
  TempDir dir;
  const auto out = dir.path() / "out.pdf";
  const Status status = WriteSearchablePdf(dir.Write("bad.png", "nope"), out, RecognizeOptions{});
  EXPECT_EQ(status.message(), "bad.png: not an image (PNG, JPEG, TIFF or PDF)");
  EXPECT_FALSE(std::filesystem::exists(out));
}

}  // namespace
}  // namespace travet::ocr
