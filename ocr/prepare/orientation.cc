#include "ocr/prepare/internal/orientation.h"

#include <leptonica/allheaders.h>

#include <cmath>
#include <memory>
#include <opencv2/imgproc.hpp>

#include "ocr/recognise/internal/pix_ptr.h"

namespace travet::ocr {
namespace {

// Leptonica's own decision threshold: a confidence is twice the difference
// of the up and down counts over its standard error, and 8 is far out on the
// tail of chance. On the benchmark set at 300 dpi, turned pages gave 8.6-37
// with the right sign, upright ones 8.8-37.
constexpr float kMinConfidence = 8.0f;
// The letter shapes the detector looks for are a few pixels tall, sized for
// 150-300 dpi text. A page is read at 150 dpi first (a quarter of the pixels:
// 7 of the 10 turned pages of the benchmark set were decided there, all the
// right way) and at up to 300 dpi when that does not decide (invoices, with
// their digits and rules, gave 6-7.5 at 150 dpi).
constexpr int kFirstDpi = 150;
constexpr int kSecondDpi = 300;

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

namespace {

// The up/down confidence of `ink` read at `at_dpi` (never upscaled).
float UpConfidence(const cv::Mat& ink, int dpi, int at_dpi, bool lines_vertical) {
  cv::Mat scaled = ink;
  if (dpi > at_dpi) {
    const double f = static_cast<double>(at_dpi) / dpi;
    cv::resize(ink, scaled, cv::Size(), f, f, cv::INTER_AREA);
    cv::threshold(scaled, scaled, 127, 255, cv::THRESH_BINARY);
  }
  PixPtr pix = InkPix(scaled);
  // Turned a quarter clockwise, a page whose lines run vertically has them
  // horizontal: upright if it was turned 270, upside down if 90.
  PixPtr asked(!pix ? nullptr : lines_vertical ? pixRotate90(pix.get(), 1) : pixClone(pix.get()));
  float up = 0;
  if (!asked || pixUpDownDetect(asked.get(), &up, 0, 0, 0) != 0) {
    return 0;
  }
  return up;
}

}  // namespace

std::optional<int> TurnFromAscenders(const cv::Mat& ink, int dpi, bool lines_vertical) {
  float up = 0;
  for (int at_dpi : {kFirstDpi, kSecondDpi}) {
    up = UpConfidence(ink, dpi, at_dpi, lines_vertical);
    if (std::abs(up) >= kMinConfidence || dpi <= at_dpi) {
      break;
    }
  }
  if (std::abs(up) < kMinConfidence) {
    return std::nullopt;
  }
  if (lines_vertical) {
    return up > 0 ? 270 : 90;
  }
  return up > 0 ? 0 : 180;
}

}  // namespace travet::ocr
