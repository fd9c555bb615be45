#include "ocr/load/internal/png_decode.h"

#include <gtest/gtest.h>
#include <leptonica/allheaders.h>
#include <png.h>

#include <csetjmp>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "ocr/load/image_loader.h"
#include "ocr/load/internal/page_image.h"
#include "tests/fakes/temp_dir.h"

namespace travet::ocr {
namespace {

// A PNG to write: each row holds its bytes as the file stores them (packed
// bits, 16-bit samples big-endian).
struct PngSpec {
  int width = 0;
  int height = 0;
  int bit_depth = 8;
  int color_type = PNG_COLOR_TYPE_GRAY;
  bool interlaced = false;
  std::vector<std::string> rows;
  std::vector<png_color> palette;
  std::vector<png_byte> palette_alpha;  // tRNS of a palette image
  int transparent_gray = -1;            // tRNS of a grey image
  double file_gamma = 0;                // a gAMA chunk when > 0
  int zlib_level = -1;                  // zlib's default
};

void AppendToString(png_structp png, png_bytep data, size_t length) {
  static_cast<std::string*>(png_get_io_ptr(png))->append(reinterpret_cast<char*>(data), length);
}

void NoFlush(png_structp /*png*/) {}

[[noreturn]] void OnWriteError(png_structp png, png_const_charp /*message*/) {
  png_longjmp(png, 1);
}

void SetChunks(png_structp png, png_infop info, const PngSpec& spec) {
  png_set_IHDR(png, info, spec.width, spec.height, spec.bit_depth, spec.color_type,
               spec.interlaced ? PNG_INTERLACE_ADAM7 : PNG_INTERLACE_NONE,
               PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
  if (!spec.palette.empty()) {
    png_set_PLTE(png, info, spec.palette.data(), static_cast<int>(spec.palette.size()));
  }
  if (!spec.palette_alpha.empty()) {
    png_set_tRNS(png, info, spec.palette_alpha.data(), static_cast<int>(spec.palette_alpha.size()),
                 nullptr);
  }
  if (spec.transparent_gray >= 0) {
    png_color_16 color{};
    color.gray = static_cast<png_uint_16>(spec.transparent_gray);
    png_set_tRNS(png, info, nullptr, 0, &color);
  }
  if (spec.file_gamma > 0) {
    png_set_gAMA(png, info, spec.file_gamma);
  }
}

// libpng leaves by longjmp on error: this frame holds nothing to destroy.
bool WritePng(png_structp png, png_infop info, const PngSpec& spec, png_bytepp rows) {
  if (setjmp(png_jmpbuf(png)) != 0) {
    return false;
  }
  SetChunks(png, info, spec);
  png_set_compression_level(png, spec.zlib_level);
  png_write_info(png, info);
  png_write_image(png, rows);  // every Adam7 pass, when interlaced
  png_write_end(png, nullptr);
  return true;
}

std::string Encode(const PngSpec& spec) {
  std::string out;
  std::vector<png_bytep> rows;
  for (const std::string& row : spec.rows) {
    rows.push_back(reinterpret_cast<png_bytep>(const_cast<char*>(row.data())));
  }
  png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, OnWriteError, nullptr);
  png_infop info = png_create_info_struct(png);
  png_set_write_fn(png, &out, AppendToString, NoFlush);
  const bool ok = WritePng(png, info, spec, rows.data());
  png_destroy_write_struct(&png, &info);
  EXPECT_TRUE(ok);
  return out;
}

// The image `spec` describes (width, height, bit depth, colour type) whose
// row y holds bytes(x, y) for each of `bytes_per_row` bytes.
template <typename Bytes>
PngSpec Image(PngSpec spec, int bytes_per_row, Bytes bytes) {
  for (int y = 0; y < spec.height; ++y) {
    std::string row;
    for (int i = 0; i < bytes_per_row; ++i) {
      row += static_cast<char>(bytes(i, y));
    }
    spec.rows.push_back(row);
  }
  return spec;
}

cv::Mat Decode(const PngSpec& spec) {
  auto gray = DecodePngGray(Encode(spec), "test.png");
  EXPECT_TRUE(gray.has_value()) << gray.error().ToString();
  if (!gray) {
    return {};
  }
  EXPECT_EQ(gray->type(), CV_8U);
  EXPECT_EQ(gray->cols, spec.width);
  EXPECT_EQ(gray->rows, spec.height);
  return *gray;
}

// The weights DecodePngGray promises (Leptonica's pixConvertRGBToLuminance).
double Luma(double r, double g, double b) {
  return 0.3 * r + 0.5 * g + 0.2 * b;
}

// `value` with opacity `alpha` over white, as an 8-bit sample.
int OverWhite(int value, int alpha) {
  return (value * alpha + 255 * (255 - alpha) + 127) / 255;
}

std::uint8_t Pattern(int x, int y) {
  return static_cast<std::uint8_t>((x * 7 + y * 13 + x * y) & 0xff);
}

// Every pixel of `gray` is Pattern(x, y).
void ExpectPattern(const cv::Mat& gray, const PngSpec& spec) {
  ASSERT_EQ(gray.size(), cv::Size(spec.width, spec.height));
  for (int y = 0; y < spec.height; ++y) {
    for (int x = 0; x < spec.width; ++x) {
      ASSERT_EQ(gray.at<std::uint8_t>(y, x), Pattern(x, y)) << x << "," << y;
    }
  }
}

TEST(PngDecodeTest, EightBitGreyIsExact) {
  const PngSpec spec = Image({61, 17, 8, PNG_COLOR_TYPE_GRAY}, 61, Pattern);
  ExpectPattern(Decode(spec), spec);
}

TEST(PngDecodeTest, SixteenBitGreyKeepsTheHighByte) {
  const PngSpec spec = Image({20, 9, 16, PNG_COLOR_TYPE_GRAY}, 40,
                             [](int i, int y) { return i % 2 == 0 ? Pattern(i / 2, y) : 0xff; });
  ExpectPattern(Decode(spec), spec);
}

TEST(PngDecodeTest, OneAndFourBitGreySpanTheFullRange) {
  // 1 bit: a set bit is white.
  const PngSpec one = Image({11, 3, 1, PNG_COLOR_TYPE_GRAY}, 2,
                            [](int i, int) { return i == 0 ? 0b1011'0000 : 0b1110'0000; });
  const cv::Mat mono = Decode(one);
  const std::vector<int> expected = {255, 0, 255, 255, 0, 0, 0, 0, 255, 255, 255};
  for (int x = 0; x < one.width; ++x) {
    EXPECT_EQ(mono.at<std::uint8_t>(2, x), expected[x]) << x;
  }
  const PngSpec four =
      Image({4, 1, 4, PNG_COLOR_TYPE_GRAY}, 2, [](int i, int) { return i == 0 ? 0x0f : 0x73; });
  const cv::Mat grey = Decode(four);
  EXPECT_EQ(grey.at<std::uint8_t>(0, 0), 0);
  EXPECT_EQ(grey.at<std::uint8_t>(0, 1), 255);
  EXPECT_EQ(grey.at<std::uint8_t>(0, 2), 7 * 17);
  EXPECT_EQ(grey.at<std::uint8_t>(0, 3), 3 * 17);
}

const std::vector<png_color> kColours = {
    {0, 0, 0},   {255, 255, 255}, {255, 0, 0},   {0, 255, 0},
    {0, 0, 255}, {200, 120, 40},  {17, 99, 230},
};

TEST(PngDecodeTest, PaletteAndRgbBecomeLuminance) {
  const int n = static_cast<int>(kColours.size());
  PngSpec palette = Image({n, 2, 8, PNG_COLOR_TYPE_PALETTE}, n, [](int i, int) { return i; });
  palette.palette = kColours;
  const PngSpec rgb = Image({n, 2, 8, PNG_COLOR_TYPE_RGB}, 3 * n, [](int i, int) {
    const png_color& c = kColours[i / 3];
    return i % 3 == 0 ? c.red : i % 3 == 1 ? c.green : c.blue;
  });
  for (const PngSpec& spec : {palette, rgb}) {
    const cv::Mat gray = Decode(spec);
    for (int x = 0; x < n; ++x) {
      const png_color& c = kColours[x];
      EXPECT_NEAR(gray.at<std::uint8_t>(1, x), Luma(c.red, c.green, c.blue), 1.0)
          << "colour " << x << " of " << (spec.palette.empty() ? "RGB" : "palette");
    }
  }
}

// Alpha 0, 255 and half of each colour, over white: transparent reads as paper.
void ExpectComposedOverWhite(const cv::Mat& gray, const std::string& what) {
  const int alphas[] = {0, 255, 128};
  for (int y = 0; y < 3; ++y) {
    for (int x = 0; x < static_cast<int>(kColours.size()); ++x) {
      const png_color& c = kColours[x];
      const int a = alphas[y];
      EXPECT_NEAR(gray.at<std::uint8_t>(y, x),
                  Luma(OverWhite(c.red, a), OverWhite(c.green, a), OverWhite(c.blue, a)), 1.0)
          << what << ": colour " << x << " alpha " << a;
    }
  }
}

PngSpec Rgba(int bit_depth) {
  const int n = static_cast<int>(kColours.size());
  const int bytes = bit_depth / 8;
  return Image({n, 3, bit_depth, PNG_COLOR_TYPE_RGBA}, 4 * n * bytes, [bytes](int i, int y) {
    const int sample = i / bytes;
    if (bytes == 2 && i % 2 == 1) {
      return 0x80;  // the low byte of a 16-bit sample
    }
    const png_color& c = kColours[sample / 4];
    const int alphas[] = {0, 255, 128};
    const int channel = sample % 4;
    return channel == 0 ? c.red : channel == 1 ? c.green : channel == 2 ? c.blue : alphas[y];
  });
}

TEST(PngDecodeTest, RgbaIsComposedOverWhite) {
  ExpectComposedOverWhite(Decode(Rgba(8)), "RGBA 8");
  // 16-bit alpha 0x0080 and 0xff80 are near 0 and 1; 0x8080 is 0.502.
  ExpectComposedOverWhite(Decode(Rgba(16)), "RGBA 16");
}

TEST(PngDecodeTest, GammaChunkIsIgnoredLikeLeptonica) {
  PngSpec spec = Rgba(8);
  spec.file_gamma = 1 / 2.2;
  ExpectComposedOverWhite(Decode(spec), "RGBA with gAMA");
}

TEST(PngDecodeTest, PaletteTransparencyIsWhite) {
  const int n = static_cast<int>(kColours.size());
  PngSpec spec = Image({n, 1, 8, PNG_COLOR_TYPE_PALETTE}, n, [](int i, int) { return i; });
  spec.palette = kColours;
  spec.palette_alpha = {0, 0, 0};  // black, white and red are transparent
  const cv::Mat gray = Decode(spec);
  EXPECT_EQ(gray.at<std::uint8_t>(0, 0), 255);
  EXPECT_EQ(gray.at<std::uint8_t>(0, 2), 255);
  EXPECT_NEAR(gray.at<std::uint8_t>(0, 4), Luma(0, 0, 255), 1.0);  // opaque blue
}

TEST(PngDecodeTest, GreyWithAlphaOrTransparentValueIsComposedOverWhite) {
  // Pixels (grey, alpha): (0, 0) (0, 255) (0, 128) (100, 128) (100, 255).
  const int pairs[] = {0, 0, 0, 255, 0, 128, 100, 128, 100, 255};
  const PngSpec alpha =
      Image({5, 1, 8, PNG_COLOR_TYPE_GRAY_ALPHA}, 10, [&pairs](int i, int) { return pairs[i]; });
  const cv::Mat gray = Decode(alpha);
  EXPECT_EQ(gray.at<std::uint8_t>(0, 0), 255);
  EXPECT_EQ(gray.at<std::uint8_t>(0, 1), 0);
  EXPECT_EQ(gray.at<std::uint8_t>(0, 2), OverWhite(0, 128));
  EXPECT_EQ(gray.at<std::uint8_t>(0, 3), OverWhite(100, 128));
  EXPECT_EQ(gray.at<std::uint8_t>(0, 4), 100);

  // A 1-bit page whose black (0) is declared transparent: all paper.
  PngSpec mono = Image({16, 2, 1, PNG_COLOR_TYPE_GRAY}, 2, [](int, int) { return 0x0f; });
  mono.transparent_gray = 0;
  const cv::Mat paper = Decode(mono);
  EXPECT_EQ(cv::countNonZero(paper != 255), 0);
}

TEST(PngDecodeTest, InterlacedImagesReadEveryPass) {
  // Odd sizes leave some Adam7 passes partly empty.
  PngSpec grey = Image({37, 23, 8, PNG_COLOR_TYPE_GRAY}, 37, Pattern);
  grey.interlaced = true;
  const cv::Mat gray = Decode(grey);
  for (int y = 0; y < grey.height; ++y) {
    for (int x = 0; x < grey.width; ++x) {
      ASSERT_EQ(gray.at<std::uint8_t>(y, x), Pattern(x, y)) << x << "," << y;
    }
  }
  PngSpec rgba = Rgba(8);
  rgba.interlaced = true;
  ExpectComposedOverWhite(Decode(rgba), "interlaced RGBA");
}

std::string CorruptError(const std::string& bytes) {
  auto gray = DecodePngGray(bytes, "scan.png");
  return gray ? "decoded" : gray.error().message();
}

TEST(PngDecodeTest, TruncatedOrDamagedDataIsAQuietError) {
  PngSpec spec = Image({300, 200, 8, PNG_COLOR_TYPE_GRAY}, 300, Pattern);
  spec.zlib_level = 0;  // stored: a changed pixel byte still inflates, only the CRC tells
  const std::string png = Encode(spec);
  const size_t idat = png.find("IDAT") + 4;
  std::string flipped = png;
  flipped[idat + 40] = static_cast<char>(flipped[idat + 40] ^ 0x10);
  ::testing::internal::CaptureStderr();
  const std::string empty = CorruptError("");
  const std::string signature = CorruptError(png.substr(0, 8));
  const std::string header = CorruptError(png.substr(0, 30));
  const std::string inside = CorruptError(png.substr(0, idat + 50));
  const std::string no_end = CorruptError(png.substr(0, png.size() - 12));
  const std::string damaged = CorruptError(flipped);
  EXPECT_EQ(::testing::internal::GetCapturedStderr(), "");
  const std::string corrupt = "scan.png: the image is truncated or corrupt";
  EXPECT_EQ(empty, corrupt);
  EXPECT_EQ(signature, corrupt);
  EXPECT_EQ(header, corrupt);
  EXPECT_EQ(inside, corrupt);
  EXPECT_EQ(no_end, corrupt);
  EXPECT_EQ(damaged, corrupt);  // the IDAT CRC catches it
  EXPECT_EQ(CorruptError(png), "decoded");
}

struct PixDeleter {
  void operator()(PIX* p) const { pixDestroy(&p); }
};

// What the loader gave before libpng: Leptonica's decode and grey conversion.
cv::Mat LeptonicaGray(const std::string& bytes) {
  std::unique_ptr<PIX, PixDeleter> pix(
      pixReadMem(reinterpret_cast<const l_uint8*>(bytes.data()), bytes.size()));
  if (!pix) {
    return {};
  }
  std::unique_ptr<PIX, PixDeleter> gray(pixGetDepth(pix.get()) == 32
                                            ? pixConvertRGBToLuminance(pix.get())
                                            : pixConvertTo8(pix.get(), 0));
  cv::Mat out(pixGetHeight(gray.get()), pixGetWidth(gray.get()), CV_8U);
  for (int y = 0; y < out.rows; ++y) {
    const l_uint32* line =
        pixGetData(gray.get()) + static_cast<std::ptrdiff_t>(y) * pixGetWpl(gray.get());
    for (int x = 0; x < out.cols; ++x) {
      out.at<std::uint8_t>(y, x) = static_cast<std::uint8_t>(GET_DATA_BYTE(line, x));
    }
  }
  return out;
}

TEST(PngDecodeTest, RealScanLoadsToTheSamePixelsAsLeptonica) {
  const auto scan =
      std::filesystem::path(TRAVET_SOURCE_DIR) / "samples/invoices/scans/invoice-0003-noisy.png";
  auto doc = DocumentSource::Open(scan);
  ASSERT_TRUE(doc.has_value()) << doc.error().ToString();
  auto page = LoadPage(*doc, 0);
  ASSERT_TRUE(page.has_value()) << page.error().ToString();
  const cv::Mat before = LeptonicaGray(travet::testing::ReadFile(scan));
  ASSERT_EQ(page->image.size(), before.size());
  ASSERT_EQ(page->image.type(), CV_8U);
  EXPECT_EQ(cv::norm(page->image, before, cv::NORM_INF), 0);
}

TEST(PngDecodeTest, ColourWithinOneOfLeptonica) {
  const PngSpec rgb = Image({64, 64, 8, PNG_COLOR_TYPE_RGB}, 192,
                            [](int i, int y) { return Pattern(i, y) ^ (i % 3 * 85); });
  const std::string png = Encode(rgb);
  const cv::Mat before = LeptonicaGray(png);
  ASSERT_EQ(before.size(), cv::Size(64, 64));
  EXPECT_LE(cv::norm(Decode(rgb), before, cv::NORM_INF), 1);
}

}  // namespace
}  // namespace travet::ocr
