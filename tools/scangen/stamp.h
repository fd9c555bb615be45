#pragma once

#include <opencv2/core.hpp>

#include "runtime/core/result.h"
#include "tools/scangen/degrade.h"
#include "tools/scangen/random_source.h"

namespace travet::scangen {

// Inks a rubber stamp on the 8-bit `page` at `dpi`, centred near `target` (a
// line of text, so that it covers some; the middle of the page when empty):
// a round stamp (two rings and three lines of text) or a rectangular one (a
// double border and two lines), in an office's words ("PROTOCOLLO",
// "PAGATO", a date ...), turned by up to 30 degrees, its coloured ink grey and
// patchy. Returns the mark (its box clipped to the page). kNotFound when the
// stamp's font is missing.
Result<Mark> Stamp(cv::Mat& page, int dpi, const cv::Rect& target, Random& random);

}  // namespace travet::scangen
