#include "ocr/orientation.h"

#include <leptonica/allheaders.h>

#include <cmath>
#include <memory>
#include <opencv2/imgproc.hpp>

namespace travet::ocr {
namespace {

// Leptonica's own decision threshold: a confidence is twice the difference
// of the up and down counts over its standard error, and 8 is far out on the
// tail of chance. On the benchmark set at 300 dpi, turned pages gave 8.6-37
// with the right sign, upright ones 8.8-37; at 150 dpi the invoices (digits,
// rules) fell to 6-7.5, so the page is read at its own resolution.
constexpr float kMinConfidence = 8.0f;
// The letter shapes the detector looks for are a few pixels tall, sized for
// 150-300 dpi text: finer scans are halved.
constexpr int kMaxDpi = 400;

struct PixDeleter {
  void operator()(PIX* p) const { pixDestroy(&p); }
};
using PixPtr = std::unique_ptr<PIX, PixDeleter>;

// `ink` (255 on 0) as a 1 bpp Pix, ink = 1.
PixPtr InkPix(const cv::Mat& ink) {
  PixPtr pix(pixCreate(ink.cols, ink.rows, 1));  // zeroed
  if (!pix) {
    return pix;
  }
  l_uint32* data = pixGetData(pix.get());
  const int wpl = pixGetWpl(pix.get());
  for (int y = 0; y < ink.rows; ++y) {
    const auto* row = ink.ptr<unsigned char>(y);
    l_uint32* line = data + static_cast<std::ptrdiff_t>(y) * wpl;
    for (int x = 0; x < ink.cols; ++x) {
      line[x >> 5] |= static_cast<l_uint32>(row[x] >> 7) << (31 - (x & 31));  // MSB first
    }
  }
  return pix;
}

}  // namespace

std::optional<int> TurnFromAscenders(const cv::Mat& ink, int dpi, bool lines_vertical) {
  cv::Mat scaled = ink;
  if (dpi > kMaxDpi) {
    cv::resize(ink, scaled, cv::Size(), 0.5, 0.5, cv::INTER_AREA);
    cv::threshold(scaled, scaled, 127, 255, cv::THRESH_BINARY);
  }
  PixPtr pix = InkPix(scaled);
  if (!pix) {
    return std::nullopt;
  }
  // Turned a quarter clockwise, a page whose lines run vertically has them
  // horizontal: upright if it was turned 270, upside down if 90.
  PixPtr asked(lines_vertical ? pixRotate90(pix.get(), 1) : pixClone(pix.get()));
  float up = 0;
  const bool failed = !asked || pixUpDownDetect(asked.get(), &up, 0, 0, 0) != 0;
  if (failed || std::abs(up) < kMinConfidence) {
    return std::nullopt;
  }
  if (lines_vertical) {
    return up > 0 ? 270 : 90;
  }
  return up > 0 ? 0 : 180;
}

}  // namespace travet::ocr
