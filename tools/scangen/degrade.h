#pragma once

#include <opencv2/core.hpp>
#include <string>
#include <string_view>
#include <vector>

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
  // The defects of real paper, one at a time (paper.h says how each is made):
  kEdge,         // a dark scanner band along one side of a straight page
  kThermal,      // thermal print: grey, uneven, fading along the roll
  kDotMatrix,    // glyphs made of dots
  kStamped,      // an ink stamp with its own text over the body text
  kHandwritten,  // ticks, a circled value, a scribbled note, a signature
  kRuled,        // table and field rulings around the text
  kSmall,        // the document small in the middle of a large scan
  // Several of those at once, at a scanner's low resolution, as real pages
  // come: the mix of paper.h's MakeReal.
  kReal,
};

// "clean", "skewed", "rotated", "fax", "noisy", "lowdpi", "photo", "edge",
// "thermal", "dotmatrix", "stamped", "handwritten", "ruled", "small", "real".
std::string_view ConditionName(Condition condition);

// The condition named `name`; kInvalidArgument lists the known names.
Result<Condition> ParseCondition(std::string_view name);

// Ink put on a page that is not part of its text: a stamp, a handwritten
// mark, a ruled table. Its box is in pixels of the rendered page (marks are
// made before any geometric step); the ground truth maps it to the output.
struct Mark {
  std::string kind;  // "stamp", "tick", "circle", "underline", "note", "signature", "table"
  std::string text;  // what a stamp says; empty for the others
  cv::Rect box;
};

// What a page holds, for the defects that go where the text is: the ink box
// of each cell of each visual line, left to right, lines top to bottom (empty
// when unknown: the marks then go anywhere on the page).
struct PageContent {
  std::vector<std::vector<cv::Rect>> lines;
  bool receipt = false;  // a narrow till roll: thermal or dot-matrix print
};

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
  // The real-paper defects; the JSON holds only those applied.
  std::string print;          // "thermal" or "dotmatrix"; empty: plain print
  double print_strength = 0;  // thermal: share of the ink kept where it is faintest
  int dot_pitch = 0;          // dot matrix: distance of the dots, rendered pixels
  std::string edge;           // side of the scanner band: "left", "right", "top", "bottom"
  int edge_width = 0;         // its width in pixels of the image it was drawn on
  double sheet_scale = 0;     // small: scale of the document on the larger sheet
  std::vector<Mark> marks;
  // Maps a pixel of the rendered page to the output image (3x3 homography).
  cv::Matx33d transform = cv::Matx33d::eye();
};

// A degraded page, 8-bit grayscale, and what was done to it.
struct DegradedPage {
  cv::Mat image;
  Degradation applied;
};

// Applies `condition` to the rendered 8-bit page `page` at `dpi`, drawing the
// amounts from `random` (deterministic). Stamps, handwriting and rulings go
// where `content` says the text is. kInternal when OpenCV fails.
Result<DegradedPage> Degrade(const cv::Mat& page, int dpi, Condition condition, Random& random,
                             const PageContent& content = {});

}  // namespace travet::scangen
