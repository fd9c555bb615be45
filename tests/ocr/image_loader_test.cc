#include "ocr/load/image_loader.h"

#include <gtest/gtest.h>

#include <opencv2/imgcodecs.hpp>

#include "ocr/load/internal/page_image.h"
#include "tests/fakes/temp_dir.h"
#include "tests/ocr/ocr_test_pages.h"

namespace travet::ocr {
namespace {

using testing::RenderGray;
using testing::TextPage;
using travet::testing::TempDir;

std::string Encode(const cv::Mat& image, const std::string& ext,
                   const std::vector<int>& params = {}) {
  std::vector<unsigned char> bytes;
  EXPECT_TRUE(cv::imencode(ext, image, bytes, params));
  return std::string(bytes.begin(), bytes.end());
}

const cv::Mat& SmallPage() {
  static const cv::Mat kPage = RenderGray(TextPage({"Una riga di prova"}, 80, 40, 150));
  return kPage;
}

std::string ErrorOf(const std::filesystem::path& file, const LoadLimits& limits = {}) {
  auto doc = DocumentSource::Open(file, limits);
  return doc.has_value() ? "opened" : doc.error().message();
}

// A PNG signature and an IHDR chunk claiming `width` x `height`, then nothing.
std::string PngHeaderOnly(std::uint32_t width, std::uint32_t height) {
  std::string png = "\x89PNG\r\n\x1a\n";
  png += std::string("\0\0\0\x0d", 4) + "IHDR";
  for (std::uint32_t v : {width, height}) {
    for (int shift = 24; shift >= 0; shift -= 8)
      png += static_cast<char>((v >> shift) & 0xff);
  }
  png += std::string("\x08\x00\x00\x00\x00", 5) + std::string(4, '\0');  // depth..., CRC
  return png;
}

TEST(ImageLoaderTest, MissingEmptyAndUnknownFiles) {
  TempDir dir;
  EXPECT_EQ(ErrorOf(dir.path() / "gone.png"), "gone.png: no such file");
  EXPECT_EQ(DocumentSource::Open(dir.path() / "gone.png").error().code(), StatusCode::kNotFound);
  EXPECT_EQ(ErrorOf(dir.Write("empty.png", "")), "empty.png: the file is empty");
  EXPECT_EQ(ErrorOf(dir.Write("scan.png", "hello, this is text")),
            "scan.png: not an image (PNG, JPEG, TIFF or PDF)");
}

TEST(ImageLoaderTest, DecompressionBombIsRejectedBeforeDecoding) {
  TempDir dir;
  EXPECT_EQ(ErrorOf(dir.Write("big.png", PngHeaderOnly(100000, 100000))),
            "big.png: page 1 is 100000x100000 pixels (10000 Mpx); the limit is 100 Mpx");
  EXPECT_EQ(ErrorOf(dir.Write("wide.png", PngHeaderOnly(40000, 40000))),
            "wide.png: page 1 is 40000x40000 pixels (1600 Mpx); the limit is 100 Mpx");
}

TEST(ImageLoaderTest, TruncatedImagesAreCleanErrors) {
  TempDir dir;
  const std::string png = Encode(SmallPage(), ".png");
  const std::string jpeg = Encode(SmallPage(), ".jpg");
  auto cut_png = DocumentSource::Open(dir.Write("cut.png", png.substr(0, png.size() / 2)));
  ASSERT_TRUE(cut_png.has_value());  // the header is intact
  auto page = LoadPage(*cut_png, 0);
  ASSERT_FALSE(page.has_value());
  EXPECT_TRUE(page.error().message().starts_with("cut.png: truncated PNG: chunk IDAT ends after "))
      << page.error().message();
  EXPECT_EQ(ErrorOf(dir.Write("cut.jpg", jpeg.substr(0, jpeg.size() / 2))),
            "cut.jpg: the image is truncated or corrupt");
  EXPECT_EQ(ErrorOf(dir.Write("head.png", png.substr(0, 20))),
            "head.png: the image is truncated or corrupt");
  EXPECT_EQ(ErrorOf(dir.Write("bad.tif", std::string("II*\0", 4) + std::string(100, 'x'))),
            "bad.tif: the image is truncated or corrupt");
  EXPECT_EQ(ErrorOf(dir.Write("bad.pdf", "%PDF-1.4\nnot really a pdf")),
            "bad.pdf: the PDF is truncated or corrupt");
}

// Where the first IDAT chunk's data starts in `png`, and its declared length.
std::pair<size_t, size_t> FirstIdat(const std::string& png) {
  const size_t type = png.find("IDAT");
  size_t len = 0;
  for (size_t i = type - 4; i < type; ++i) {
    len = (len << 8) | static_cast<unsigned char>(png[i]);
  }
  return {type + 4, len};
}

std::string LoadError(const std::filesystem::path& file) {
  auto doc = DocumentSource::Open(file);
  if (!doc) {
    return doc.error().message();
  }
  auto page = LoadPage(*doc, 0);
  return page ? "loaded" : page.error().message();
}

TEST(ImageLoaderTest, TruncatedPngIsNamedBeforeDecodingAndQuiet) {
  TempDir dir;
  const std::string png = Encode(SmallPage(), ".png");
  const auto [data, len] = FirstIdat(png);
  ASSERT_GT(len, 100u);
  ::testing::internal::CaptureStderr();
  const std::string inside = LoadError(dir.Write("cut.png", png.substr(0, data + 100)));
  const std::string header = LoadError(dir.Write("head.png", png.substr(0, data - 6)));
  const std::string no_end = LoadError(dir.Write("noend.png", png.substr(0, png.size() - 12)));
  const std::string whole = LoadError(dir.Write("whole.png", png));
  EXPECT_EQ(::testing::internal::GetCapturedStderr(), "");  // libpng never got the cut data
  EXPECT_EQ(inside, "cut.png: truncated PNG: chunk IDAT ends after 100 of its " +
                        std::to_string(len) + " bytes");
  EXPECT_EQ(header, "head.png: truncated PNG: ends inside a chunk header at byte " +
                        std::to_string(data - 6));
  EXPECT_EQ(no_end, "noend.png: truncated PNG: no IEND chunk");
  EXPECT_EQ(whole, "loaded");
}

TEST(ImageLoaderTest, SizeAndPageLimits) {
  TempDir dir;
  const auto png = dir.Write("page.png", Encode(SmallPage(), ".png"));
  LoadLimits small;
  small.max_file_bytes = 100;
  EXPECT_EQ(ErrorOf(png, small), "page.png: the file is 1 MB; the limit is 1 MB");
  LoadLimits few_pixels;
  few_pixels.max_page_pixels = 1'000'000;
  const auto big = dir.path() / "big.tif";
  ASSERT_TRUE(cv::imwrite(big.string(), cv::Mat(1200, 1000, CV_8U, cv::Scalar(255))));
  EXPECT_EQ(ErrorOf(big, few_pixels),
            "big.tif: page 1 is 1000x1200 pixels (1 Mpx); the limit is 1 Mpx");
  LoadLimits two_pages;
  two_pages.max_pages = 2;
  const auto multi = dir.path() / "multi.tif";
  ASSERT_TRUE(cv::imwritemulti(multi.string(), std::vector<cv::Mat>(3, SmallPage())));
  EXPECT_EQ(ErrorOf(multi, two_pages), "multi.tif: 3 pages; the limit is 2");
}

TEST(ImageLoaderTest, ReadsDpiFromPngAndJpegHeaders) {
  TempDir dir;
  const auto png = dir.path() / "dpi.png";
  ASSERT_TRUE(scangen::WritePng(TextPage({"riga"}, 80, 40, 200), png).ok());  // has pHYs
  auto doc = DocumentSource::Open(png);
  ASSERT_TRUE(doc.has_value()) << doc.error().ToString();
  EXPECT_EQ(doc->page(0).dpi, 200);
  EXPECT_FALSE(doc->page(0).dpi_assumed);

  std::string jpeg = Encode(SmallPage(), ".jpg");
  ASSERT_EQ(jpeg.substr(6, 5), std::string("JFIF\0", 5));
  jpeg[13] = 1;  // density unit: dots per inch
  jpeg[14] = 0;
  jpeg[15] = static_cast<char>(150);
  auto jdoc = DocumentSource::Open(dir.Write("dpi.jpg", jpeg));
  ASSERT_TRUE(jdoc.has_value()) << jdoc.error().ToString();
  EXPECT_EQ(jdoc->page(0).dpi, 150);
  EXPECT_EQ(jdoc->page(0).width, SmallPage().cols);

  auto plain = DocumentSource::Open(dir.Write("plain.png", Encode(SmallPage(), ".png")));
  ASSERT_TRUE(plain.has_value());
  EXPECT_EQ(plain->page(0).dpi, 300);
  EXPECT_TRUE(plain->page(0).dpi_assumed);
}

TEST(ImageLoaderTest, EveryPageOfAMultiPageTiffWithItsResolution) {
  TempDir dir;
  const auto tif = dir.path() / "pages.tif";
  std::vector<cv::Mat> pages = {SmallPage(), SmallPage().t(), SmallPage()};
  ASSERT_TRUE(cv::imwritemulti(
      tif.string(), pages,
      {cv::IMWRITE_TIFF_RESUNIT, 2, cv::IMWRITE_TIFF_XDPI, 150, cv::IMWRITE_TIFF_YDPI, 150}));
  auto doc = DocumentSource::Open(tif);
  ASSERT_TRUE(doc.has_value()) << doc.error().ToString();
  ASSERT_EQ(doc->page_count(), 3);
  EXPECT_EQ(doc->page(1).width, SmallPage().rows);
  EXPECT_EQ(doc->page(0).dpi, 150);
  for (int i = 0; i < 3; ++i) {
    auto page = LoadPage(*doc, i);
    ASSERT_TRUE(page.has_value()) << page.error().ToString();
    EXPECT_EQ(cv::norm(page->image, pages[i], cv::NORM_INF), 0) << "page " << i + 1;
  }
}

TEST(ImageLoaderTest, TransparentPngIsComposedOnWhite) {
  TempDir dir;
  cv::Mat rgba(20, 30, CV_8UC4, cv::Scalar(0, 0, 0, 0));  // transparent black
  auto doc = DocumentSource::Open(dir.Write("alpha.png", Encode(rgba, ".png")));
  ASSERT_TRUE(doc.has_value());
  auto page = LoadPage(*doc, 0);
  ASSERT_TRUE(page.has_value());
  EXPECT_NEAR(cv::mean(page->image)[0], 255, 0.5);
}

TEST(ImageLoaderTest, PdfPagesAreRasterisedAt300Dpi) {
  TempDir dir;
  const auto pdf = dir.Write("scan.pdf", testing::ImageOnlyPdf({SmallPage(), SmallPage()}, 150));
  auto doc = DocumentSource::Open(pdf);
  ASSERT_TRUE(doc.has_value()) << doc.error().ToString();
  ASSERT_EQ(doc->page_count(), 2);
  EXPECT_NEAR(doc->page(0).width, SmallPage().cols * 2, 2);
  EXPECT_EQ(doc->page(0).dpi, 300);
  auto page = LoadPage(*doc, 1);
  ASSERT_TRUE(page.has_value()) << page.error().ToString();
  EXPECT_FALSE(page->from_text_layer);
  EXPECT_NEAR(page->image.cols, SmallPage().cols * 2, 2);
}

TEST(ImageLoaderTest, BornDigitalPdfPageGivesItsTextLayer) {
  TempDir dir;
  const auto pdf =
      dir.Write("digital.pdf",
                testing::TextLayerPdf({"Fattura numero 42 del 3 marzo", "Totale 1.234,56 euro"}));
  auto doc = DocumentSource::Open(pdf);
  ASSERT_TRUE(doc.has_value()) << doc.error().ToString();
  auto page = LoadPage(*doc, 0);
  ASSERT_TRUE(page.has_value()) << page.error().ToString();
  ASSERT_TRUE(page->from_text_layer);
  EXPECT_EQ(page->text, "Fattura numero 42 del 3 marzo\nTotale 1.234,56 euro");
  ASSERT_EQ(page->words.size(), 9u);
  EXPECT_EQ(page->words[0].text, "Fattura");
  EXPECT_NEAR(page->words[0].box.x, 300, 3);  // 72 pt from the left at 300 dpi
  EXPECT_EQ(page->words[6].line, 2);
}

}  // namespace
}  // namespace travet::ocr
