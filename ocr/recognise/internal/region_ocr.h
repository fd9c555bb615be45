#pragma once

// Internal to ocr/ (includes OpenCV and Tesseract): the text of one box of
// a page, for a person who drew the box around a value.

#include <tesseract/baseapi.h>

#include <opencv2/core.hpp>

#include "ocr/ocr_types.h"
#include "ocr/recognise/page_viewer.h"

namespace travet::ocr {

// Reads `box` (inside `page`, 8-bit grey or BGR at `dpi`) with `api`, whose
// language is set: one line (PSM 7) when the box is at most a large line
// high, else one block (PSM 6). The box is widened by a small margin and
// the crop padded with white, brought to 300 dpi when scanned coarser.
// Errors: kInternal when Tesseract fails.
Result<RegionText> ReadBox(tesseract::TessBaseAPI& api, const cv::Mat& page, int dpi,
                           const Box& box);

}  // namespace travet::ocr
