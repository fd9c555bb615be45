#pragma once

#include <opencv2/core.hpp>

#include "runtime/core/result.h"
#include "tools/scangen/degrade.h"
#include "tools/scangen/random_source.h"

namespace travet::scangen {

// The conditions that imitate real paper (kEdge .. kReal), made here; the
// others are degrade.cc's.
bool IsPaperCondition(Condition condition);

// Applies real-paper `condition` to the rendered 8-bit `image` at the
// resolution `d.dpi` records, drawing every amount from `random` and
// recording it in `d`. Marks (stamps,
// handwriting, rulings) are made first, on the rendered page, where `content`
// puts the text. Errors: kNotFound when the stamp font is missing. OpenCV may
// throw; Degrade catches.
Status MakePaper(cv::Mat& image, Condition condition, const PageContent& content, Random& random,
                 Degradation& d);

}  // namespace travet::scangen
