#pragma once

// Internal to ocr/: measurements of a grey page that decide which
// preprocessing stages it needs.

#include <opencv2/core.hpp>

namespace travet::ocr {

// Ink as 255 on 0 (Otsu), for measuring only: the recogniser never sees it.
cv::Mat InkMask(const cv::Mat& gray);

// The most common height of letter-sized connected components (the x-height
// of the body text), in pixels; 0 when there are too few to tell.
double EstimateXHeight(const cv::Mat& ink);

// EstimateXHeight and the fraction of connected components that are specks
// of at most a few pixels (high on salt-and-pepper noise), from one labelling
// of `ink` (the labelling is most of their cost).
struct ComponentMeasures {
  double x_height = 0;
  double speckle_fraction = 0;
};
ComponentMeasures MeasureComponents(const cv::Mat& ink);

// The page's lighting: `gray` at 1/8 scale with the text closed away.
cv::Mat LightingOf(const cv::Mat& gray);

// The spread (95th - 5th percentile) of the background brightness across
// `lighting` (from LightingOf), in grey levels; high under uneven lighting or
// shading.
double LightingSpread(const cv::Mat& lighting);

// `gray` divided by its lighting: paper white everywhere, ink as dark as
// the light over it allowed.
cv::Mat FlattenLighting(const cv::Mat& gray, const cv::Mat& lighting);

// Whether the ink lines up in columns rather than rows, as on a page turned
// by a quarter: the column profile varies more than the row profile.
bool LinesLookVertical(const cv::Mat& ink);

// Whether the page has only two grey levels (a fax or a thresholded scan).
bool IsBilevel(const cv::Mat& gray);

// The widths of dark scanner margins on each side (0 when none).
struct Margins {
  int left = 0;
  int top = 0;
  int right = 0;
  int bottom = 0;
  bool any() const { return left + top + right + bottom > 0; }
};
Margins FindDarkMargins(const cv::Mat& gray);
// `bands` widened on each side over the grey fringe and thin edge lines
// beside them, which a white frame around the page would otherwise turn
// into lines of their own ("|" at every line start).
Margins WithFringes(const cv::Mat& gray, const Margins& bands);

}  // namespace travet::ocr
