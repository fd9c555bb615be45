#pragma once

// Readings of a page made by hand for the tests that merge readings: words
// with boxes on rows, as Tesseract gives them.

#include <string>
#include <utility>
#include <vector>

#include "ocr/ocr_types.h"

namespace travet::ocr::testing {

// A word on line `line` of a reading, at x, on the 20-pixel row whose top is
// y, 12 pixels a character wide.
inline Word OnRow(std::string text, float confidence, int x, int y, int line) {
  const int width = 12 * static_cast<int>(text.size());
  return Word{std::move(text), confidence, Box{x, y, width, 20}, 1, line};
}

inline PageResult ReadingOf(std::vector<Word> words) {
  PageResult page;
  page.words = std::move(words);
  return page;
}

}  // namespace travet::ocr::testing
