#pragma once

#include <opencv2/core.hpp>
#include <string_view>

#include "runtime/core/result.h"
#include "tools/scangen/random_source.h"

namespace travet::scangen {

// How a page got onto the disk: a clean scan or one of the usual defects.
enum class Condition {
  kClean,    // nothing
  kSkewed,   // fed crooked: rotated by 1..7 degrees either way, slight blur
  kRotated,  // fed sideways or upside down: 90, 180 or 270 degrees
  kFax,      // small skew, 200x100 dpi, hard threshold, bilevel, line noise
  kNoisy,    // blur (sigma 0.6..1.2), salt and pepper (0.5..2 %), JPEG q 25..45
  kLowDpi,   // scanned at 150 or 100 dpi
  kPhoto,    // phone photo: perspective, uneven light, sensor noise, JPEG
};

// "clean", "skewed", "rotated", "fax", "noisy", "lowdpi", "photo".
std::string_view ConditionName(Condition condition);

// The condition named `name`; kInvalidArgument lists the known names.
Result<Condition> ParseCondition(std::string_view name);

// What was done to a page: the ground truth of the degradation.
struct Degradation {
  int dpi = 300;              // resolution of the output image
  double skew_degrees = 0;    // counter-clockwise (text rises to the right)
  int rotation = 0;           // clockwise quarter turns, in degrees: 0/90/180/270
  double blur_sigma = 0;      // Gaussian blur, in pixels of the rendered page
  double noise_fraction = 0;  // share of pixels set to black or white
  int jpeg_quality = 0;       // 0: no JPEG round trip
  bool bilevel = false;       // only 0 and 255 remain
  bool shading = false;       // uneven illumination
  bool perspective = false;
  // Maps a pixel of the rendered page to the output image (3x3 homography).
  cv::Matx33d transform = cv::Matx33d::eye();
};

// A degraded page, 8-bit grayscale, and what was done to it.
struct DegradedPage {
  cv::Mat image;
  Degradation applied;
};

// Applies `condition` to the rendered 8-bit page `page` at `dpi`, drawing the
// amounts from `random` (deterministic). kInternal when OpenCV fails.
Result<DegradedPage> Degrade(const cv::Mat& page, int dpi, Condition condition, Random& random);

}  // namespace travet::scangen
