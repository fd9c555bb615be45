#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "ocr/ocr_types.h"

namespace travet::ocr {

// Some words of a page in reading order, grouped in lines, with the text they
// make: words joined by single spaces, lines by '\n'. Field patterns are
// searched in `text`; `spans` maps the text back to the words. Built from the
// words rather than PageResult::text so that every offset is known.
struct PageLayout {
  std::vector<const Word*> words;               // not owned; they outlive the layout
  std::vector<std::size_t> line_of;             // per word: its index in `lines`
  std::vector<std::vector<std::size_t>> lines;  // per line: indices into `words`
  std::string text;
  std::vector<std::pair<std::size_t, std::size_t>> spans;  // per word: [begin, end) in `text`
};

// Lays out `words` in the order given (Tesseract's reading order); a new line
// starts where Word::block or Word::line changes. Words with empty text are
// skipped.
PageLayout LayOutWords(const std::vector<const Word*>& words);

// Indices of the words whose text overlaps [begin, end) of `layout.text`.
std::vector<std::size_t> WordsInSpan(const PageLayout& layout, std::size_t begin, std::size_t end);

// The smallest box holding every box in `words` (an empty box for none).
Box UnionBox(const std::vector<const Word*>& words);

}  // namespace travet::ocr
