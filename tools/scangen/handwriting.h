#pragma once

#include <opencv2/core.hpp>
#include <vector>

#include "tools/scangen/degrade.h"
#include "tools/scangen/random_source.h"

namespace travet::scangen {

// Adds `count` handwritten marks in pen to the 8-bit `page` at `dpi`, over or
// beside the text that `content` locates (anywhere in the page when it is
// empty): a tick beside a line, a circle around a value, an underline, a
// scribbled note of a few cursive letters, a signature-like scrawl. Returns
// one mark per stroke group, boxes clipped to the page.
std::vector<Mark> Handwrite(cv::Mat& page, int dpi, const PageContent& content, int count,
                            Random& random);

}  // namespace travet::scangen
