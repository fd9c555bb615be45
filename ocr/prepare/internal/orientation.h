#pragma once

// Internal to ocr/: which way up the text of a page is, from the shapes of
// its letters, without a recogniser.

#include <opencv2/core.hpp>
#include <optional>

namespace travet::ocr {

// How far (0, 90, 180 or 270 degrees) the page whose ink (255 on 0) is `ink`
// is turned
// clockwise, read from the ascenders of its letters (b d h k l stand out
// above the x-height more often than g p q below it; Bloomberg, Kopec and
// Dasari 1995, as Leptonica implements it). `lines_vertical` says which axis
// the text lines run along (LinesLookVertical), so only the direction along
// that axis is asked: 0 or 180 for horizontal lines, 90 or 270 for vertical
// ones. nullopt when the count is too small or too even to tell: then ask a
// recogniser.
std::optional<int> TurnFromAscenders(const cv::Mat& ink, int dpi, bool lines_vertical);

}  // namespace travet::ocr
