#include "ocr/recognise/missed_lines.h"

#include <algorithm>
#include <cstddef>
#include <vector>

#include "ocr/recognise/reading_lines.h"
#include "ocr/recognise/speck_words.h"

namespace travet::ocr {
namespace {

using Line = ReadingLine;

double CentreY(const std::vector<Word>& words, const Line& line) {
  double sum = 0;
  for (std::size_t i = line.first; i < line.first + line.count; ++i) {
    sum += words[i].box.y + words[i].box.height / 2.0;
  }
  return sum / static_cast<double>(line.count);
}

double MeanConfidence(const std::vector<Word>& words, const Line& line) {
  double sum = 0;
  for (std::size_t i = line.first; i < line.first + line.count; ++i) {
    sum += words[i].confidence;
  }
  return sum / static_cast<double>(line.count);
}

// A line of marks ("|", "' '") is a rule, a border or a speck Tesseract read
// surely; a missed line worth taking has a word's worth of letters or digits.
bool HasText(const std::vector<Word>& words, const Line& line) {
  constexpr std::size_t kLettersOrDigits = 3;
  std::size_t n = 0;
  for (std::size_t i = line.first; i < line.first + line.count; ++i) {
    n += LettersAndDigits(words[i].text);
  }
  return n >= kLettersOrDigits;
}

bool Overlap(const Box& a, const Box& b) {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

bool ClearOf(const std::vector<Word>& words, const Line& line, const std::vector<Word>& kept) {
  for (std::size_t i = line.first; i < line.first + line.count; ++i) {
    const Box& box = words[i].box;
    if (std::any_of(kept.begin(), kept.end(), [&](const Word& k) { return Overlap(box, k.box); })) {
      return false;
    }
  }
  return true;
}

// Where a line centred at `centre_y` goes in `kept`: before the first line
// whose centre lies below it.
std::size_t InsertionPoint(const std::vector<Word>& kept, double centre_y) {
  for (const Line& line : LinesOf(kept)) {
    if (CentreY(kept, line) > centre_y) {
      return line.first;
    }
  }
  return kept.size();
}

int LastLineId(const std::vector<Word>& words) {
  int id = 0;
  for (const Word& w : words) {
    id = std::max(id, w.line);
  }
  return id;
}

void Insert(std::vector<Word>& kept, const std::vector<Word>& words, const Line& line) {
  const std::size_t at = InsertionPoint(kept, CentreY(words, line));
  const int block = kept.empty() ? 1 : kept[std::min(at, kept.size() - 1)].block;
  const int id = LastLineId(kept) + 1;
  std::vector<Word> added(words.begin() + static_cast<std::ptrdiff_t>(line.first),
                          words.begin() + static_cast<std::ptrdiff_t>(line.first + line.count));
  for (Word& w : added) {
    w.block = block;
    w.line = id;
  }
  kept.insert(kept.begin() + static_cast<std::ptrdiff_t>(at), added.begin(), added.end());
}

}  // namespace

void AddMissedLines(PageResult& kept, const PageResult& other, float sure) {
  bool added = false;
  for (const Line& line : LinesOf(other.words)) {
    if (MeanConfidence(other.words, line) >= sure && HasText(other.words, line) &&
        ClearOf(other.words, line, kept.words)) {
      Insert(kept.words, other.words, line);
      added = true;
    }
  }
  if (added) {
    kept.text = TextOfWords(kept.words);
    kept.confidence = MeanConfidence(kept.words);
  }
}

}  // namespace travet::ocr
