#pragma once

// Internal to ocr/ (includes OpenCV): the page as handed to the recogniser.

#include <functional>
#include <opencv2/core.hpp>
#include <string>
#include <vector>

#include "ocr/prepare/preprocess.h"

namespace travet::ocr {

struct PreparedPage {
  cv::Mat image;  // 8-bit grey
  int dpi = 300;  // the resolution to declare to Tesseract
  // Maps a point of `image` back to the page as loaded.
  cv::Matx23d to_original = cv::Matx23d(1, 0, 0, 0, 1, 0);
  bool sauvola = false;             // ask Tesseract for its Sauvola thresholding
  int orientation = 0;              // clockwise degrees the content was turned (undone)
  std::vector<std::string> stages;  // e.g. "gray", "deskew:1.80", "rescale:1.60"
};

// How many degrees clockwise the page's content is turned (0, 90, 180, 270),
// or 0 when unsure.
using OrientationDetector = std::function<int(const cv::Mat& gray, int dpi)>;

// Runs the stages of `plan` on `image` (any 8-bit page) recorded at `dpi`.
// In automatic mode orientation detection (slow) runs only when the lines
// look vertical or the caller `suspects_rotation` (e.g. after a first reading
// with a low confidence, as an upside-down page gives).
PreparedPage Preprocess(const cv::Mat& image, int dpi, const PreprocessPlan& plan,
                        const OrientationDetector& detect_orientation,
                        bool suspects_rotation = false);

}  // namespace travet::ocr
