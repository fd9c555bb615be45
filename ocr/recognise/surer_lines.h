#pragma once

#include <vector>

#include "ocr/ocr_types.h"

namespace travet::ocr {

// Replaces each line of `kept` that another reading of the same page read
// more surely: the words of a reading in `others` that lie on the line
// (most of their height within the line's) replace its words when their
// confidence, weighted by length, is at least kSurerBy above the line's and
// they hold about as many characters (0.8 to 1.25 times). Of several such
// readings the surest wins. The text and the confidence of `kept` are then
// made again from its words; returns whether a line changed. All readings
// are of the same page, their boxes in the page as loaded; `kept` reads top
// to bottom (one block).
//
// Why: which reading of an unsure page is better differs from line to line.
// On the real receipts the reading kept for the whole page was worse than
// another on single lines (a price read as "5S.OO" where another reading has
// "55.00") while better on the rest; choosing per line read 43 receipts
// better and 16 worse (docs/ocr-benchmark.md "A surer reading of a line").
bool TakeSurerLines(PageResult& kept, const std::vector<PageResult>& others);

}  // namespace travet::ocr
