#include "ocr/fields/field_label_place.h"

#include <algorithm>
#include <string_view>

namespace travet::ocr {
namespace {

constexpr double kWideGapHeights = 1.5;
constexpr std::string_view kSeparators = ":;=-|";

bool WideGap(const Box& left, const Box& right) {
  const int height = std::max(left.height, right.height);
  return right.x - (left.x + left.width) > kWideGapHeights * height;
}

bool EndsWithSeparator(std::string_view text) {
  return !text.empty() && kSeparators.find(text.back()) != std::string_view::npos;
}

// A word that is only separators: ":", "-", "=", or an en dash.
bool IsSeparator(std::string_view text) {
  if (text == "\xE2\x80\x93")
    return true;
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
    return kSeparators.find(c) != std::string_view::npos;
  });
}

// A word that starts a value rather than a phrase: it holds a digit, or
// starts with a currency sign (€, $, £) or a bracket before a number.
bool LooksLikeValue(std::string_view text) {
  if (std::any_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return true;
  return text.starts_with("\xE2\x82\xAC") || text.starts_with("$") || text.starts_with("\xC2\xA3");
}

bool SameRow(const Box& a, const Box& b) {
  const int overlap = std::min(a.y + a.height, b.y + b.height) - std::max(a.y, b.y);
  return overlap * 2 >= std::min(a.height, b.height);
}

// Whether some word of another line stands level with and right of `label`,
// the end of its line: Tesseract splits a row into lines at a wide gap.
bool LevelWordToTheRight(const PageLayout& layout, std::size_t line, const Box& label) {
  for (std::size_t i = 0; i < layout.words.size(); ++i) {
    const Box& box = layout.words[i]->box;
    if (layout.line_of[i] != line && box.x >= label.x + label.width && SameRow(box, label))
      return true;
  }
  return false;
}

}  // namespace

Box LabelBox(const PageLayout& layout, const LabelMatch& match) {
  std::vector<const Word*> words;
  for (std::size_t i = match.first; i <= match.last; ++i)
    words.push_back(layout.words[i]);
  return UnionBox(words);
}

LabelPlace PlaceOfLabel(const PageLayout& layout, const LabelMatch& match) {
  const std::size_t line = layout.line_of[match.first];
  const std::vector<std::size_t>& words = layout.lines[line];
  const auto first = std::find(words.begin(), words.end(), match.first);
  const auto last = std::find(words.begin(), words.end(), match.last);
  const Word& first_word = *layout.words[match.first];
  const Word& last_word = *layout.words[match.last];
  const bool apart_before =
      first == words.begin() || WideGap(layout.words[*(first - 1)]->box, first_word.box);
  bool followed = !match.glued_value.empty() || EndsWithSeparator(last_word.text);
  const bool line_end = last + 1 == words.end();
  if (!line_end) {
    const Word& next = *layout.words[*(last + 1)];
    followed = followed || IsSeparator(next.text) || WideGap(last_word.box, next.box) ||
               LooksLikeValue(next.text);
  } else {
    followed = followed || LevelWordToTheRight(layout, line, last_word.box);
  }
  return LabelPlace{apart_before || followed, apart_before && (followed || line_end)};
}

}  // namespace travet::ocr
