#include "ocr/recognise/speck_words.h"

#include <algorithm>
#include <cctype>

#include "ocr/page_layout.h"

namespace travet::ocr {
namespace {

// Below this word confidence a word may be a speck.
constexpr float kUnsureWord = 70;

// IsRuleWord's measures, and the words TypicalCharacterWidth counts.
constexpr float kNoConfidence = 10;
constexpr size_t kRuleWordLength = 14;
constexpr double kPacked = 0.6;
constexpr float kSureWord = 60;
constexpr size_t kMeasuredWordLength = 3;

// Whether the code point is a letter or digit, for Latin-script text: the
// non-ASCII characters Tesseract gives for specks are Latin-1 signs (« ° ·)
// and general punctuation (‘ ” — •); the others are accented letters.
bool IsLetterOrDigit(char32_t c) {
  if (c < 0x80) {
    return std::isalnum(static_cast<int>(c)) != 0;
  }
  const bool latin1_sign = c >= 0xA0 && c <= 0xBF;
  const bool punctuation = c >= 0x2000 && c <= 0x206F;
  return !latin1_sign && !punctuation;
}

// The code points of UTF-8 `text` (a malformed byte counts as itself).
std::vector<char32_t> CodePoints(const std::string& text) {
  std::vector<char32_t> out;
  for (size_t i = 0; i < text.size();) {
    const auto lead = static_cast<unsigned char>(text[i]);
    const int extra = lead >= 0xF0 ? 3 : lead >= 0xE0 ? 2 : lead >= 0xC0 ? 1 : 0;
    char32_t c = extra == 0 ? lead : lead & (0x3F >> extra);
    size_t k = 1;
    for (; k <= static_cast<size_t>(extra) && i + k < text.size(); ++k) {
      c = (c << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
    }
    out.push_back(c);
    i += k;
  }
  return out;
}

}  // namespace

size_t LettersAndDigits(const std::string& text) {
  const std::vector<char32_t> characters = CodePoints(text);
  return static_cast<size_t>(std::count_if(characters.begin(), characters.end(), IsLetterOrDigit));
}

bool IsSpeckWord(const Word& word) {
  if (word.confidence >= kUnsureWord || word.text.empty()) {
    return false;
  }
  const std::vector<char32_t> characters = CodePoints(word.text);
  const size_t letters = LettersAndDigits(word.text);
  const bool mostly_marks = 2 * letters < characters.size();
  const bool lone_mark = characters.size() <= 2 && letters <= 1;
  return mostly_marks || lone_mark;
}

double TypicalCharacterWidth(const std::vector<Word>& words) {
  std::vector<double> widths;
  for (const Word& w : words) {
    const size_t length = CodePoints(w.text).size();
    if (w.confidence >= kSureWord && length >= kMeasuredWordLength) {
      widths.push_back(static_cast<double>(w.box.width) / static_cast<double>(length));
    }
  }
  if (widths.empty()) {
    return 0;
  }
  const auto middle = widths.begin() + static_cast<std::ptrdiff_t>(widths.size() / 2);
  std::nth_element(widths.begin(), middle, widths.end());
  return *middle;
}

bool IsRuleWord(const Word& word, double typical_width) {
  if (word.confidence >= kNoConfidence || typical_width <= 0) {
    return false;
  }
  const size_t length = CodePoints(word.text).size();
  return length >= kRuleWordLength && static_cast<double>(word.box.width) <
                                          kPacked * typical_width * static_cast<double>(length);
}

void DropSpeckWords(std::vector<Word>& words) {
  std::erase_if(words, IsSpeckWord);
  const double typical_width = TypicalCharacterWidth(words);
  std::erase_if(words, [typical_width](const Word& w) { return IsRuleWord(w, typical_width); });
}

std::string TextOfWords(const std::vector<Word>& words) {
  std::vector<const Word*> all;
  all.reserve(words.size());
  for (const Word& w : words) {
    all.push_back(&w);
  }
  std::string text = LayOutWords(all).text;
  if (!text.empty()) {
    text += '\n';  // as Tesseract ends its text: each line ends with one
  }
  return text;
}

}  // namespace travet::ocr
