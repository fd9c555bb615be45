#pragma once

#include <opencv2/core.hpp>
#include <vector>

#include "runtime/core/result.h"
#include "tools/scangen/page_renderer.h"

namespace travet::scangen {

// A rendered page before encoding: 8-bit grayscale (CV_8UC1), white paper.
struct Raster {
  cv::Mat gray;
  std::vector<PixelBox> boxes;  // one per run, in order
};

// Renders `spec` into a Raster. Errors as RenderPng in page_renderer.h.
Result<Raster> RenderRaster(const PageSpec& spec);

}  // namespace travet::scangen
