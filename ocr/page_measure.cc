#include "ocr/page_measure.h"

#include <algorithm>
#include <opencv2/imgproc.hpp>
#include <vector>

namespace travet::ocr {
namespace {

constexpr int kMinLetters = 30;

struct Components {
  cv::Mat stats;
  int count = 0;  // without the background label
};

Components Label(const cv::Mat& ink) {
  cv::Mat labels, centroids;
  Components c;
  c.count = cv::connectedComponentsWithStats(ink, labels, c.stats, centroids, 8, CV_32S) - 1;
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

}  // namespace

cv::Mat InkMask(const cv::Mat& gray) {
  cv::Mat ink;
  cv::threshold(gray, ink, 0, 255, cv::THRESH_BINARY_INV | cv::THRESH_OTSU);
  return ink;
}

double EstimateXHeight(const cv::Mat& ink) {
  const Components c = Label(ink);
  std::vector<int> histogram(256, 0);
  int letters = 0;
  for (int i = 1; i <= c.count; ++i) {
    const int w = c.stats.at<int>(i, cv::CC_STAT_WIDTH);
    const int h = c.stats.at<int>(i, cv::CC_STAT_HEIGHT);
    const int area = c.stats.at<int>(i, cv::CC_STAT_AREA);
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

double SpeckleFraction(const cv::Mat& ink) {
  const Components c = Label(ink);
  if (c.count == 0) {
    return 0;
  }
  int specks = 0;
  for (int i = 1; i <= c.count; ++i) {
    if (c.stats.at<int>(i, cv::CC_STAT_AREA) <= 3) {
      ++specks;
    }
  }
  return static_cast<double>(specks) / c.count;
}

double BackgroundSpread(const cv::Mat& gray) {
  // At 1/8 scale a 15 px closing erases the text and keeps the lighting.
  cv::Mat small, background;
  cv::resize(gray, small, cv::Size(), 0.125, 0.125, cv::INTER_AREA);
  cv::morphologyEx(small, background, cv::MORPH_CLOSE,
                   cv::getStructuringElement(cv::MORPH_RECT, cv::Size(15, 15)));
  std::vector<unsigned char> v(background.begin<unsigned char>(), background.end<unsigned char>());
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

namespace {
// Squared coefficient of variation of the ink counts per row (dim 1) or per
// column (dim 0).
double ProfileVariation(const cv::Mat& ink, int dim) {
  cv::Mat sums;
  cv::reduce(ink, sums, dim, cv::REDUCE_SUM, CV_64F);
  cv::Scalar mean, stddev;
  cv::meanStdDev(sums, mean, stddev);
  return mean[0] > 0 ? (stddev[0] * stddev[0]) / (mean[0] * mean[0]) : 0;
}
}  // namespace

bool LinesLookVertical(const cv::Mat& ink) {
  return ProfileVariation(ink, 0) > ProfileVariation(ink, 1);
}

bool IsBilevel(const cv::Mat& gray) {
  const int between = cv::countNonZero((gray > 8) & (gray < 247));
  return between < static_cast<int>(gray.total() / 1000);
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
