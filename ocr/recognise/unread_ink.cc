#include "ocr/recognise/internal/unread_ink.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <opencv2/imgproc.hpp>

namespace travet::ocr {
namespace {

// The least and most height of a mark taken for a letter, in millimetres:
// 0.8 mm is the x-height of 5-point print, 8 mm a headline's capital. Specks
// and rules fall outside.
constexpr double kMinLetterMm = 0.8;
constexpr double kMaxLetterMm = 8.0;
constexpr double kMaxMarkWidthMm = 25.0;  // letters run together, a word at most
constexpr double kMmPerInch = 25.4;

// Ink is darker than the paper by at least this many grey levels, and by
// four times the paper's noise (its median absolute deviation, scaled to a
// standard deviation): faint thermal print is 40-70 levels lighter than
// black on white, paper grain 3-8.
constexpr int kMinInkContrast = 24;
constexpr double kNoiseSigmas = 4.0;
constexpr double kMadToSigma = 1.4826;

// A reading left out text when at least this many letter-sized marks (a few
// lines' worth) and at least this share of all of them lie outside its
// words. Handwriting, stamps and logos beside well-read print stay under the
// share; a page whose body was dropped is far above it.
constexpr int kMinUnreadMarks = 150;
constexpr double kMinUnreadShare = 0.5;

using Histogram = std::array<double, 256>;

Histogram HistogramOf(const cv::Mat& gray) {
  Histogram h{};
  for (int y = 0; y < gray.rows; ++y) {
    const uchar* row = gray.ptr<uchar>(y);
    for (int x = 0; x < gray.cols; ++x) {
      h[row[x]] += 1;
    }
  }
  return h;
}

// The grey level below which `share` of the pixels lie, from `h`; for a
// histogram of distances, their median with share 0.5.
int Quantile(const Histogram& h, double share) {
  double total = 0;
  for (double n : h) {
    total += n;
  }
  double seen = 0;
  for (int v = 0; v < 256; ++v) {
    seen += h[static_cast<size_t>(v)];
    if (seen >= share * total) {
      return v;
    }
  }
  return 255;
}

// The grey level at and below which a pixel is ink: the paper is the
// median pixel (most of a page is paper), its noise the median distance
// from it.
int InkLevel(const cv::Mat& gray) {
  const Histogram h = HistogramOf(gray);
  const int paper = Quantile(h, 0.5);
  Histogram distances{};
  for (int v = 0; v < 256; ++v) {
    distances[static_cast<size_t>(std::abs(v - paper))] += h[static_cast<size_t>(v)];
  }
  const double noise = kMadToSigma * Quantile(distances, 0.5);
  const int contrast =
      std::max(kMinInkContrast, static_cast<int>(std::lround(kNoiseSigmas * noise)));
  return paper - contrast;
}

cv::Mat InkOf(const cv::Mat& gray) {
  cv::Mat ink;
  cv::threshold(gray, ink, InkLevel(gray), 255, cv::THRESH_BINARY_INV);
  return ink;
}

cv::Mat WordMask(cv::Size size, const std::vector<Word>& words, int scale) {
  cv::Mat mask = cv::Mat::zeros(size, CV_8U);
  for (const Word& w : words) {
    const cv::Rect box(w.box.x / scale, w.box.y / scale, (w.box.width + scale - 1) / scale,
                       (w.box.height + scale - 1) / scale);
    cv::rectangle(mask, box, 255, cv::FILLED);
  }
  return mask;
}

// Pages of 200 dpi and more are measured at half their size, each pixel the
// mean of the four it stands for: a quarter of the pixels to label, and salt
// and pepper noise averaged away (taking the darkest of the four instead
// grew the pepper into letter-sized marks). Letters of 5-point print stay
// taller than kMinLetterMm there.
constexpr int kMinDpiToMeasureHalved = 200;

cv::Mat Measured(const cv::Mat& gray, int dpi, int& scale) {
  scale = dpi >= kMinDpiToMeasureHalved ? 2 : 1;
  if (scale == 1) {
    return gray;
  }
  cv::Mat half;
  cv::resize(gray, half, cv::Size(gray.cols / 2, gray.rows / 2), 0, 0, cv::INTER_AREA);
  return half;
}

bool LetterSized(const int* stats, double px_per_mm) {
  const double height = stats[cv::CC_STAT_HEIGHT] / px_per_mm;
  const double width = stats[cv::CC_STAT_WIDTH] / px_per_mm;
  return height >= kMinLetterMm && height <= kMaxLetterMm && width <= kMaxMarkWidthMm;
}

}  // namespace

InkCoverage MeasureInkCoverage(const cv::Mat& page, const std::vector<Word>& words, int dpi) {
  InkCoverage coverage;
  if (page.empty() || InkLevel(page) <= 0) {
    return coverage;  // no paper lighter than ink: nothing to measure
  }
  int scale = 1;
  const cv::Mat gray = Measured(page, dpi, scale);
  cv::Mat labels, stats, centroids;
  const int n = cv::connectedComponentsWithStats(InkOf(gray), labels, stats, centroids, 8, CV_32S);
  const cv::Mat read = WordMask(gray.size(), words, scale);
  const double px_per_mm = std::max(dpi, 1) / kMmPerInch / scale;
  for (int i = 1; i < n; ++i) {
    if (!LetterSized(stats.ptr<int>(i), px_per_mm)) {
      continue;
    }
    ++coverage.marks;
    const cv::Point centre(static_cast<int>(centroids.at<double>(i, 0)),
                           static_cast<int>(centroids.at<double>(i, 1)));
    if (read.at<uchar>(centre) == 0) {
      ++coverage.unread;
    }
  }
  return coverage;
}

bool LeftOutText(const InkCoverage& coverage) {
  return coverage.unread >= kMinUnreadMarks && coverage.unread >= kMinUnreadShare * coverage.marks;
}

cv::Mat FaintInkDarkened(const cv::Mat& gray) {
  cv::Mat page;
  cv::threshold(gray, page, InkLevel(gray), 255, cv::THRESH_BINARY);
  return page;
}

}  // namespace travet::ocr
