#pragma once

#include <regex>
#include <string>
#include <string_view>
#include <vector>

#include "ocr/fields/field_label_place.h"
#include "ocr/page_layout.h"
#include "runtime/core/result.h"

namespace travet::ocr {

// A possible value of a field: some words and the part of their text that
// makes the value.
struct Candidate {
  std::vector<const Word*> words;
  std::string raw;
  // Lower is better: 0 where the value is expected (the pattern's match, the
  // words right after the label), more for words below a label or further away.
  int rank = 0;
  double similarity = 1;  // of the label that led here; 1 without a label
};

// How candidates are generated.
struct CandidateOptions {
  // Besides the whole run of words next to a label (or in a zone), also every
  // shorter run inside it, so a typed field can skip words around its value:
  // "Totale documento € 1.464,00" -> "€ 1.464,00".
  bool sub_spans = false;
  // A shorter run never starts or ends between two digits: "RM 64 13" (a
  // total that lost its decimal point) gives no "64", "45.00 2.70" (two
  // columns) no "45.00". For amounts, where a number cut in two is a wrong
  // payment that reads confidently.
  bool whole_numbers = false;
};

// The matches of `pattern` in `layout.text` (at most 100), in text order; the
// value is the first capture group when the pattern has one, else the whole
// match. Empty matches are skipped. Errors: "bad pattern: <message>" when the
// regex library gives up on the text (too complex).
Result<std::vector<Candidate>> PatternCandidates(const PageLayout& layout,
                                                 const std::regex& pattern);

// One place where a label reads as a label, and the values next to it.
struct LabelOccurrence {
  LabelMatch match;
  LabelPlace place;
  std::vector<Candidate> candidates;
};

// Each occurrence of `label_key` (a LabelKey) that reads as a label (see
// PlaceOfLabel; running text is skipped), in reading order, with its values:
// the words right of the label on its row, cut into segments where a gap is
// wider than twice the text height (the first segment may be at any distance:
// amounts are often right-aligned), then the words of the first line below
// the label that overlap it horizontally (within 3 label heights). A value
// ranks lower the more words lie between it and the label; below ranks just
// after right. Without sub_spans only the first segment right of the label is
// a value.
std::vector<LabelOccurrence> LabelOccurrences(const PageLayout& layout, std::string_view label_key,
                                              CandidateOptions options);

// All the words of `layout` as one value (lines joined by '\n'), then, with
// sub_spans, each line and the runs inside it.
std::vector<Candidate> ZoneCandidates(const PageLayout& layout, CandidateOptions options);

}  // namespace travet::ocr
