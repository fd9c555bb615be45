#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "ocr/ocr_types.h"

namespace travet::ocr {

// How many letters and digits `text` holds, accented letters included; the
// Latin-1 signs and general punctuation Tesseract gives for specks are not.
std::size_t LettersAndDigits(const std::string& text);

// Whether Tesseract made `word` of specks, dotted rules or scanner dust rather
// than of print: read unsure (below 70) and mostly not letters or digits
// ("~", "._", "'|;"), or one letter or digit with at most one mark beside it.
// On the real scans of the benchmark (docs/ocr-benchmark.md) dropping such
// words took mean CER from 0.145 to 0.132 (receipts) and 0.244 to 0.216
// (forms); dropping every word read below 10, letters or not, lost on the
// receipts (faint print is read unsure and still mostly right).
bool IsSpeckWord(const Word& word);

// A page's typical character width in pixels: the median, over the words
// read surely (60 and up) of 3 characters or more, of box width per
// character; 0 when there are none.
double TypicalCharacterWidth(const std::vector<Word>& words);

// Whether Tesseract read a dotted or dashed rule, or a scanner's streak, as a
// long word of letters: 14 characters or more at a confidence below 10,
// packed into less than 0.6 of the width the page's text takes
// (`typical_width` per character). A form's dotted leaders came out as
// "suevonansnngnannonvsnc..." (70 letters at confidence 0); dropping such
// words took the real forms from 0.217 to 0.212 mean CER and changed only
// pages where they were garbage (docs/ocr-benchmark.md). Shorter or surer
// words in small type stay: "SIGNATURE(S)," at 4 pixels a letter was real.
bool IsRuleWord(const Word& word, double typical_width);

// Removes the speck words of a page, then its rule words, keeping the others
// in order.
void DropSpeckWords(std::vector<Word>& words);

// The words as text: words of a line joined by a space, each line ended by
// '\n' (as Tesseract's own text is).
std::string TextOfWords(const std::vector<Word>& words);

}  // namespace travet::ocr
