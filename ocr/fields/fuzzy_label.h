#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "ocr/page_layout.h"

namespace travet::ocr {

// Label keys at least this similar (see LabelSimilarity) are the same label.
// One look-alike slip ("Tota1e", "P.lVA") passes; in a 4-letter key one other
// substitution does not ("RIVA" is not "P.IVA").
inline constexpr double kLabelMatchThreshold = 0.8;

// What is compared when matching labels: ASCII letters and digits lowercased
// and Latin-1 accented letters (UTF-8) lowercased; punctuation, spaces and
// symbols dropped. "P.IVA", "P IVA", "piva:" all give "piva".
std::string LabelKey(std::string_view text);

// The number of single-character insertions, deletions and substitutions
// (bytes) that turn `a` into `b`.
std::size_t EditDistance(std::string_view a, std::string_view b);

// 1 - distance / longer length, where the distance is EditDistance except that
// substituting letters OCR confuses (l/1/i, o/0, s/5, b/8, z/2, g/6) costs 0.25.
// 1 for equal keys, 0 when either is empty and the other is not.
double LabelSimilarity(std::string_view a, std::string_view b);

// Where a label occurs in a laid-out page.
struct LabelMatch {
  std::size_t first = 0;  // index in layout.words of the label's first word
  std::size_t last = 0;   // and of its last word
  double similarity = 0;
  // When the value is glued to the label in its last word ("P.IVA:0123...",
  // "Totale€1.464,00"): the rest of that word; empty otherwise.
  std::string glued_value;
};

// Every place where a run of up to label-words + 2 consecutive words on one
// line matches `label_key` (a LabelKey) at least kLabelMatchThreshold, the
// best run per starting word, in reading order.
std::vector<LabelMatch> FindLabels(const PageLayout& layout, std::string_view label_key);

}  // namespace travet::ocr
