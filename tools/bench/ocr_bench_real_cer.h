#pragma once

// Character error rate on real scans, as issue 9 defines it: Unicode NFKC,
// whitespace collapsed, and upper case where the ground truth is upper case.

#include <string>
#include <string_view>

#include "tools/bench/ocr_bench_text.h"

namespace travet::ocr_bench {

// `utf8` in NFKC (ﬁ -> fi, full-width and no-break forms to their plain
// letters and spaces), upper-cased (full Unicode case mapping, root locale)
// when `upper_case`, then every run of Unicode whitespace (newlines included)
// is one space and the ends are trimmed. Invalid UTF-8 bytes become U+FFFD.
std::u32string NormaliseForRealCer(std::string_view utf8, bool upper_case);

// Levenshtein distance between the normalised `hypothesis` and the
// normalised `reference`, and the normalised reference's length in code
// points: CER = edits / reference.
CerCount CountRealErrors(std::string_view reference, std::string_view hypothesis, bool upper_case);

}  // namespace travet::ocr_bench
