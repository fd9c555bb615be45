#pragma once

// Internal to ocr/ (includes OpenCV): ink on the page that no word read
// covers, and the page with its faint ink made dark.

#include <opencv2/core.hpp>
#include <vector>

#include "ocr/ocr_types.h"

namespace travet::ocr {

// Text-sized marks on `gray` (the page as loaded) darker than its paper by
// more than its noise, and how many of them lie in no box of `words`.
struct InkCoverage {
  int marks = 0;   // connected components of letter size
  int unread = 0;  // of those, with their centre in no word's box
};
InkCoverage MeasureInkCoverage(const cv::Mat& gray, const std::vector<Word>& words, int dpi);

// Whether a reading left out text the page shows: many letter-sized marks,
// most of them outside every word it read. A page of faint small print
// beside one bold line reads as the bold line alone, surely (Otsu's
// threshold, Tesseract's and ours, falls between the bold and the faint ink
// and drops the faint); its confidence says nothing of what it did not read.
bool LeftOutText(const InkCoverage& coverage);

// `gray` as black ink on white paper, the ink being everything darker than
// the paper by more than its noise: faint print as dark as bold.
cv::Mat FaintInkDarkened(const cv::Mat& gray);

}  // namespace travet::ocr
