#pragma once

// Internal to ocr/ (includes OpenCV): decodes a PNG with libpng straight into
// the rows of an 8-bit grey cv::Mat, with no intermediate image.

#include <opencv2/core.hpp>
#include <string>
#include <string_view>

#include "runtime/core/result.h"

namespace travet::ocr {

// Decodes the PNG in `bytes` to one channel of 8-bit grey, whatever its form:
// grey of 1 to 16 bits, palette, RGB, with alpha or tRNS (composited over
// white, so a transparent background reads as paper), Adam7 interlaced.
// 16-bit samples keep their high byte; colour becomes grey with the weights
// 0.3 R + 0.5 G + 0.2 B. Gamma chunks (gAMA, sRGB, iCCP) are ignored: samples
// are used as stored. Errors name the file by `name`:
// "NAME: the image is truncated or corrupt" when libpng rejects the data
// (bad structure, CRC or zlib error); nothing is printed. The caller checks
// the size against its pixel limit first (DocumentSource::Open does): this
// allocates width x height bytes. Thread-safe; `bytes` is only read.
Result<cv::Mat> DecodePngGray(std::string_view bytes, const std::string& name);

}  // namespace travet::ocr
