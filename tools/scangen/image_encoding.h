#pragma once

#include <opencv2/core.hpp>
#include <string>

#include "runtime/core/result.h"

namespace travet::scangen {

// Encoders that record the resolution in the file, so a loader can read the
// dpi: PNG gets a pHYs chunk, JPEG a JFIF density in dots per inch. Both are
// deterministic. kInternal when OpenCV cannot encode the image.

// `image` is 8-bit, 1 channel.
Result<std::string> EncodePng(const cv::Mat& image, int dpi);

// `quality` 1..100 (OpenCV's IMWRITE_JPEG_QUALITY).
Result<std::string> EncodeJpeg(const cv::Mat& image, int dpi, int quality);

}  // namespace travet::scangen
