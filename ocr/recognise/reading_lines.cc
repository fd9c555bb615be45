#include "ocr/recognise/reading_lines.h"

namespace travet::ocr {

std::vector<ReadingLine> LinesOf(const std::vector<Word>& words) {
  std::vector<ReadingLine> lines;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (i == 0 || words[i].block != words[i - 1].block || words[i].line != words[i - 1].line) {
      lines.push_back({i, 0});
    }
    ++lines.back().count;
  }
  return lines;
}

float MeanConfidence(const std::vector<Word>& words) {
  double sum = 0;
  for (const Word& w : words) {
    sum += w.confidence;
  }
  return words.empty() ? 0 : static_cast<float>(sum / static_cast<double>(words.size()));
}

}  // namespace travet::ocr
