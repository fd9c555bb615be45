#pragma once

// Internal to ocr/: the lines of one reading of a page.

#include <cstddef>
#include <vector>

#include "ocr/ocr_types.h"

namespace travet::ocr {

// A line of a reading: its words, consecutive in reading order.
struct ReadingLine {
  std::size_t first = 0;  // index of its first word
  std::size_t count = 0;
};

// The lines of `words`, in their order: a line is a run of words with the
// same block and line ids.
std::vector<ReadingLine> LinesOf(const std::vector<Word>& words);

// The mean confidence of `words` (0 for none): a page's confidence.
float MeanConfidence(const std::vector<Word>& words);

}  // namespace travet::ocr
