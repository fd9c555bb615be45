#pragma once

// Internal to ocr/ (includes OpenCV): encodes a page image as PNG with
// libpng (OpenCV's imgcodecs is not linked: it would bring GDAL).

#include <opencv2/core.hpp>
#include <string>

#include "runtime/core/result.h"

namespace travet::ocr {

// `image` (8-bit, one channel grey or three BGR) as PNG bytes, compressed
// for speed rather than size (zlib level 1: a page is encoded while a person
// waits for it). Errors: kInvalidArgument for another pixel type, kInternal
// when libpng fails. Thread-safe.
Result<std::string> EncodePng(const cv::Mat& image);

}  // namespace travet::ocr
