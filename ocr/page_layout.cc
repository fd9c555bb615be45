#include "ocr/page_layout.h"

#include <algorithm>

namespace travet::ocr {

PageLayout LayOutWords(const std::vector<const Word*>& words) {
  PageLayout layout;
  const Word* previous = nullptr;
  for (const Word* word : words) {
    if (word->text.empty())
      continue;
    bool new_line =
        previous == nullptr || word->line != previous->line || word->block != previous->block;
    if (new_line) {
      if (previous != nullptr)
        layout.text += '\n';
      layout.lines.emplace_back();
    } else {
      layout.text += ' ';
    }
    layout.lines.back().push_back(layout.words.size());
    layout.line_of.push_back(layout.lines.size() - 1);
    layout.spans.emplace_back(layout.text.size(), layout.text.size() + word->text.size());
    layout.text += word->text;
    layout.words.push_back(word);
    previous = word;
  }
  return layout;
}

std::vector<std::size_t> WordsInSpan(const PageLayout& layout, std::size_t begin, std::size_t end) {
  std::vector<std::size_t> indices;
  for (std::size_t i = 0; i < layout.spans.size(); ++i) {
    if (layout.spans[i].first < end && begin < layout.spans[i].second)
      indices.push_back(i);
  }
  return indices;
}

Box UnionBox(const std::vector<const Word*>& words) {
  if (words.empty())
    return Box{};
  int left = words.front()->box.x;
  int top = words.front()->box.y;
  int right = left + words.front()->box.width;
  int bottom = top + words.front()->box.height;
  for (const Word* word : words) {
    left = std::min(left, word->box.x);
    top = std::min(top, word->box.y);
    right = std::max(right, word->box.x + word->box.width);
    bottom = std::max(bottom, word->box.y + word->box.height);
  }
  return Box{left, top, right - left, bottom - top};
}

}  // namespace travet::ocr
