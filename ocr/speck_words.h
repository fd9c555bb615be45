#pragma once

#include <string>
#include <vector>

#include "ocr/ocr_types.h"

namespace travet::ocr {

// Whether Tesseract made `word` of specks, dotted rules or scanner dust rather
// than of print: read unsure (below 70) and mostly not letters or digits
// ("~", "._", "'|;"), or one letter or digit with at most one mark beside it.
// On the real scans of the benchmark (docs/ocr-benchmark.md) dropping such
// words took mean CER from 0.145 to 0.132 (receipts) and 0.244 to 0.216
// (forms); dropping every word read below 10, letters or not, lost on the
// receipts (faint print is read unsure and still mostly right).
bool IsSpeckWord(const Word& word);

// Removes the speck words of a page, keeping the others in order.
void DropSpeckWords(std::vector<Word>& words);

// The words as text: words of a line joined by a space, each line ended by
// '\n' (as Tesseract's own text is).
std::string TextOfWords(const std::vector<Word>& words);

}  // namespace travet::ocr
