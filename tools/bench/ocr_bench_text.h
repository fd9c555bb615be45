#pragma once

// Character error rate for ocr_bench.

#include <cstddef>
#include <string>
#include <string_view>

namespace travet::ocr_bench {

// Text as compared: UTF-8 decoded to code points; every run of whitespace
// (space, tab, newline, form feed, no-break space) becomes one space and the
// ends are trimmed; typographic variants that a reader would not call an
// error are folded on both sides: the ligatures ﬁ ﬂ ﬀ ﬃ ﬄ to their letters,
// ‘ ’ ‚ ′ to ', “ ” „ ″ to ", – — ‐ ‑ − to -, … to "...". Case, accents and
// punctuation are kept.
std::u32string NormaliseForCer(std::string_view utf8);

// Levenshtein distance (insertions, deletions, substitutions of code points).
std::size_t EditDistance(const std::u32string& a, const std::u32string& b);

// Edits and reference length of one page: CER = edits / reference.
struct CerCount {
  std::size_t edits = 0;
  std::size_t reference = 0;
  void Add(const CerCount& other) {
    edits += other.edits;
    reference += other.reference;
  }
  double Rate() const { return reference == 0 ? 0 : static_cast<double>(edits) / reference; }
};

// The CER count of `hypothesis` against the ground truth `reference`.
CerCount CountErrors(std::string_view reference, std::string_view hypothesis);

}  // namespace travet::ocr_bench
