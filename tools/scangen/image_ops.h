#pragma once

#include <opencv2/core.hpp>
#include <string>

#include "tools/scangen/degrade.h"
#include "tools/scangen/random_source.h"

namespace travet::scangen {

// The steps the conditions of degrade.h are made of. Each changes the 8-bit
// grayscale `image` in place and records itself in `d` (its amount, and the
// geometric ones their mapping in d.transform). OpenCV may throw; Degrade
// catches.

// Rotates counter-clockwise by `degrees`, growing the canvas (white) so that
// no corner of the page is cut off.
void Skew(cv::Mat& image, double degrees, Degradation& d);
// Turns clockwise by 90, 180 or 270 degrees.
void QuarterTurn(cv::Mat& image, int degrees, Degradation& d);
// Scales by (sx, sy) with the OpenCV `interpolation`.
void Resample(cv::Mat& image, double sx, double sy, int interpolation, Degradation& d);
void Blur(cv::Mat& image, double sigma, Degradation& d);
// Sets `fraction` of the pixels, at random, to black or white.
void SaltAndPepper(cv::Mat& image, double fraction, Random& random, Degradation& d);
// Encodes as JPEG at `quality` and decodes again: block artefacts.
void JpegRoundTrip(cv::Mat& image, int quality, Degradation& d);
// Pixels above `level` become white, the others black.
void Threshold(cv::Mat& image, double level, Degradation& d);
// Multiplies by a smooth light field (a tilted plane and a vignette) whose
// darkest part keeps `min_light` (0..1) of the brightness.
void Shade(cv::Mat& image, double min_light, Random& random, Degradation& d);
// Moves each corner of the page inward by up to `max_shift` of the size and
// fills what is outside the page with `background`, as a photo of a sheet on
// a desk.
void Perspective(cv::Mat& image, double max_shift, int background, Random& random, Degradation& d);
// Adds Gaussian noise of `sigma` grey levels.
void SensorNoise(cv::Mat& image, double sigma, Random& random);

// A flatbed scanner's dark band along one side of a straight page: the lid
// or the bed beyond the sheet's edge.
struct EdgeBandSpec {
  std::string side = "left";  // "left", "right", "top" or "bottom"
  int width = 60;             // pixels covered by the band, nearly black
  int shadow = 30;            // then pixels of a shadow fading into the page
  int core = 30;              // grey level of the band
};
// Covers the pixels within spec.width of the side with the band (grey
// spec.core, with streaks along the side) and darkens the next spec.shadow
// pixels less and less. Geometry unchanged.
void EdgeBand(cv::Mat& image, const EdgeBandSpec& spec, Random& random, Degradation& d);

// Where a small document lies on a scanner's bed.
struct Placement {
  double scale;    // of the page
  cv::Size sheet;  // the bed, in pixels
  cv::Point at;    // the page's top-left corner on it
  int background;  // the bed's grey
};

// Scales the page by `where.scale` and puts it on a sheet filled with grey,
// with a faint shadow along its edges: a small document scanned on a large
// bed. The page must fit on the sheet.
void PlaceOnSheet(cv::Mat& image, const Placement& where, Degradation& d);

}  // namespace travet::scangen
