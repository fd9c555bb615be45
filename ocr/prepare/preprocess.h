#pragma once

#include <string>
#include <string_view>

#include "runtime/core/result.h"

namespace travet::ocr {

// Which preprocessing stages may run on a page. In automatic mode every stage
// is a candidate and runs only when a measurement of the page says it helps
// (global thresholds and needless resampling make clean scans worse); an
// explicit list runs exactly the stages named, each still measuring its
// parameters (the skew angle, the scale factor).
struct PreprocessPlan {
  bool automatic = true;
  bool gray = true;      // colour to grey (always needed by the recogniser)
  bool border = true;    // paint black scan margins white, add a white frame
  bool denoise = true;   // 3x3 median on speckled pages
  bool orient = true;    // 0/90/180/270 from letter shapes, else Tesseract's detection
  bool deskew = true;    // straighten a skew of up to 15 degrees
  bool rescale = true;   // bring the x-height to ~25 px, declaring the new dpi
  bool binarize = true;  // Tesseract's Sauvola thresholding on uneven pages
};

// Parses "auto" (the default), "none", or a comma-separated list of stages
// among gray, border, denoise, orient, deskew, rescale, binarize.
// Errors: kInvalidArgument "unknown preprocessing stage 'blur' (expected auto,
// none or a list of gray, border, denoise, orient, deskew, rescale, binarize)".
Result<PreprocessPlan> ParsePreprocess(std::string_view spec);

}  // namespace travet::ocr
