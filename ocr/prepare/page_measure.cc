#include "ocr/prepare/internal/page_measure.h"

#include <algorithm>
#include <opencv2/imgproc.hpp>
#include <vector>

namespace travet::ocr {
namespace {

constexpr int kMinLetters = 30;

// Labelled in strips of this many rows: a whole-page label image (4 bytes a
// pixel, 35 MB at A4 300 dpi) doubled the pipeline's memory per worker. A
// letter cut by a strip edge is counted as two pieces, which moves neither
// the x-height mode nor the speck share measurably.
constexpr int kStripRows = 256;
// On pages of this many rows or more (A4 from about 260 dpi) every other strip
// is labelled: the other half still holds a thousand letters and more, and
// labelling was the largest cost of preprocessing a clean page (24 of 50 ms).
// Same decisions on every such page of the benchmark set. Below it a strip is
// too large a share of the page to leave out: on a 100 dpi invoice the
// x-height mode moved from the letters to the capitals.
constexpr int kRowsToSample = 3000;

struct Blob {
  int width;
  int height;
  int area;
};

struct Components {
  std::vector<Blob> blobs;
  int count = 0;
};

Components Label(const cv::Mat& ink) {
  Components c;
  cv::Mat labels, stats, centroids;
  const int step = ink.rows >= kRowsToSample ? 2 * kStripRows : kStripRows;
  for (int top = 0; top < ink.rows; top += step) {
    const cv::Mat strip = ink.rowRange(top, std::min(ink.rows, top + kStripRows));
    const int n = cv::connectedComponentsWithStats(strip, labels, stats, centroids, 8, CV_32S);
    for (int i = 1; i < n; ++i) {
      c.blobs.push_back({stats.at<int>(i, cv::CC_STAT_WIDTH), stats.at<int>(i, cv::CC_STAT_HEIGHT),
                         stats.at<int>(i, cv::CC_STAT_AREA)});
    }
  }
  c.count = static_cast<int>(c.blobs.size());
  return c;
}

// The first row or column (from the edge inward) that is mostly light.
int DarkRun(const cv::Mat& gray, bool rows, bool from_end) {
  const int n = rows ? gray.rows : gray.cols;
  const int limit = n / 4;  // a margin is never a quarter of the page
  for (int k = 0; k < limit; ++k) {
    const int i = from_end ? n - 1 - k : k;
    const cv::Mat line = rows ? gray.row(i) : gray.col(i);
    const double dark = static_cast<double>(cv::countNonZero(line < 96)) / line.total();
    if (dark < 0.6) {
      return k;
    }
  }
  return 0;
}

// How far past `start` lines (from the edge inward) stay darker than paper:
// the grey fringe a scanner leaves between its dark band and the page, and
// a one- or two-pixel edge line too thin to count as a band. Bounded, so
// that a rule or a column of text near the edge is never taken for it.
int FringeEnd(const cv::Mat& gray, bool rows, bool from_end, int start) {
  const int n = rows ? gray.rows : gray.cols;
  const int limit = std::min(n / 4, start + std::max(3, n / 100));
  int k = start;
  while (k < limit) {
    const int i = from_end ? n - 1 - k : k;
    const cv::Mat line = rows ? gray.row(i) : gray.col(i);
    if (static_cast<double>(cv::countNonZero(line < 160)) / line.total() < 0.1) {
      break;
    }
    ++k;
  }
  return k;
}

}  // namespace

Margins WithFringes(const cv::Mat& gray, const Margins& bands) {
  return {FringeEnd(gray, false, false, bands.left), FringeEnd(gray, true, false, bands.top),
          FringeEnd(gray, false, true, bands.right), FringeEnd(gray, true, true, bands.bottom)};
}

cv::Mat InkMask(const cv::Mat& gray) {
  cv::Mat ink;
  cv::threshold(gray, ink, 0, 255, cv::THRESH_BINARY_INV | cv::THRESH_OTSU);
  return ink;
}

namespace {

double XHeightOf(const Components& c) {
  std::vector<int> histogram(256, 0);
  int letters = 0;
  for (const Blob& b : c.blobs) {
    const int w = b.width;
    const int h = b.height;
    const int area = b.area;
    // Letter-like: not a speck, not a rule or a frame, not a solid blot.
    if (h >= 4 && h < 256 && w >= 2 && w <= 3 * h && area >= 8 && area < 0.9 * w * h) {
      ++histogram[h];
      ++letters;
    }
  }
  if (letters < kMinLetters) {
    return 0;
  }
  // The mode, smoothed over neighbouring heights: x-height letters
  // (a c e m n o r s u v w x z) are the most common.
  int best = 0;
  int best_count = -1;
  for (int h = 4; h < 255; ++h) {
    const int count = histogram[h - 1] + 2 * histogram[h] + histogram[h + 1];
    if (count > best_count) {
      best_count = count;
      best = h;
    }
  }
  return best;
}

double SpecklesOf(const Components& c) {
  if (c.count == 0) {
    return 0;
  }
  int specks = 0;
  for (const Blob& b : c.blobs) {
    if (b.area <= 3) {
      ++specks;
    }
  }
  return static_cast<double>(specks) / c.count;
}

}  // namespace

double EstimateXHeight(const cv::Mat& ink) {
  return XHeightOf(Label(ink));
}

ComponentMeasures MeasureComponents(const cv::Mat& ink) {
  const Components c = Label(ink);
  return {XHeightOf(c), SpecklesOf(c)};
}

cv::Mat LightingOf(const cv::Mat& gray) {
  // At 1/8 scale a 15 px closing (120 px of the page, more than any letter)
  // erases the text and keeps the paper under its light.
  cv::Mat small, lighting;
  cv::resize(gray, small, cv::Size(), 0.125, 0.125, cv::INTER_AREA);
  cv::morphologyEx(small, lighting, cv::MORPH_CLOSE,
                   cv::getStructuringElement(cv::MORPH_RECT, cv::Size(15, 15)));
  return lighting;
}

double LightingSpread(const cv::Mat& lighting) {
  std::vector<unsigned char> v(lighting.begin<unsigned char>(), lighting.end<unsigned char>());
  if (v.empty()) {
    return 0;
  }
  const auto at = [&](double q) {
    auto it = v.begin() + static_cast<long>(q * (v.size() - 1));
    std::nth_element(v.begin(), it, v.end());
    return static_cast<double>(*it);
  };
  return at(0.95) - at(0.05);
}

cv::Mat FlattenLighting(const cv::Mat& gray, const cv::Mat& lighting) {
  cv::Mat smooth, full, flat;
  cv::blur(lighting, smooth, cv::Size(5, 5));
  cv::resize(smooth, full, gray.size(), 0, 0, cv::INTER_LINEAR);
  cv::max(full, 1, full);
  cv::divide(gray, full, flat, 255.0);
  return flat;
}

namespace {
// Squared coefficient of variation of the ink counts per row (dim 1) or per
// column (dim 0).
double ProfileVariation(const cv::Mat& ink, int dim) {
  cv::Mat sums;
  cv::reduce(ink, sums, dim, cv::REDUCE_SUM, CV_32S);  // 4x cheaper than CV_64F
  cv::Scalar mean, stddev;
  cv::meanStdDev(sums, mean, stddev);
  return mean[0] > 0 ? (stddev[0] * stddev[0]) / (mean[0] * mean[0]) : 0;
}
}  // namespace

bool LinesLookVertical(const cv::Mat& ink) {
  return ProfileVariation(ink, 0) > ProfileVariation(ink, 1);
}

bool IsBilevel(const cv::Mat& gray) {
  // A histogram: one vectorised pass, no page-sized mask to allocate.
  cv::Mat hist;
  const int channels[] = {0};
  const int bins[] = {256};
  const float range[] = {0, 256};
  const float* ranges[] = {range};
  cv::calcHist(&gray, 1, channels, cv::Mat(), hist, 1, bins, ranges);
  const double between = cv::sum(hist.rowRange(9, 247))[0];  // levels 9..246
  return between < static_cast<double>(gray.total()) / 1000;
}

Margins FindDarkMargins(const cv::Mat& gray) {
  Margins m;
  m.top = DarkRun(gray, true, false);
  m.bottom = DarkRun(gray, true, true);
  m.left = DarkRun(gray, false, false);
  m.right = DarkRun(gray, false, true);
  return m;
}

}  // namespace travet::ocr
