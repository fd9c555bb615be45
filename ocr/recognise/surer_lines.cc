#include "ocr/recognise/surer_lines.h"

#include <algorithm>
#include <cstddef>

#include "ocr/recognise/reading_lines.h"
#include "ocr/recognise/speck_words.h"

namespace travet::ocr {
namespace {

// How much surer (in points of confidence) another reading of a line must be
// to replace it, and how near its length must be: a line read with half its
// words missing is not the same line read better. Measured on the real
// receipts; the forms, not used to choose them, confirmed them.
constexpr double kSurerBy = 10;
constexpr double kFewestCharacters = 0.8;
constexpr double kMostCharacters = 1.25;

struct Span {
  int top = 0;
  int bottom = 0;
};

std::vector<Span> SpansOf(const std::vector<Word>& words, const std::vector<ReadingLine>& lines) {
  std::vector<Span> spans;
  for (const ReadingLine& line : lines) {
    Span span{words[line.first].box.y, words[line.first].box.y};
    for (std::size_t i = line.first; i < line.first + line.count; ++i) {
      span.top = std::min(span.top, words[i].box.y);
      span.bottom = std::max(span.bottom, words[i].box.y + words[i].box.height);
    }
    spans.push_back(span);
  }
  return spans;
}

// The words of `other` on each of the lines `spans`: a word belongs to the
// line it overlaps most, when that is at least half its height.
std::vector<std::vector<Word>> WordsOnLines(const std::vector<Span>& spans,
                                            const PageResult& other) {
  std::vector<std::vector<Word>> on(spans.size());
  for (const Word& w : other.words) {
    int most = 0;
    std::size_t line = spans.size();
    for (std::size_t i = 0; i < spans.size(); ++i) {
      const int overlap =
          std::min(spans[i].bottom, w.box.y + w.box.height) - std::max(spans[i].top, w.box.y);
      if (overlap > most) {
        most = overlap;
        line = i;
      }
    }
    if (line < spans.size() && 2 * most >= w.box.height) {
      on[line].push_back(w);
    }
  }
  return on;
}

struct LineScore {
  double confidence = 0;  // weighted by each word's length
  double characters = 0;
};

template <typename Iterator>
LineScore ScoreOf(Iterator begin, Iterator end) {
  LineScore score;
  double weighted = 0;
  for (auto w = begin; w != end; ++w) {
    const auto n = static_cast<double>(w->text.size());
    weighted += w->confidence * n;
    score.characters += n;
  }
  score.confidence = score.characters > 0 ? weighted / score.characters : 0;
  return score;
}

bool Replaces(const LineScore& other, const LineScore& line, double best) {
  return other.confidence > best && other.characters >= kFewestCharacters * line.characters &&
         other.characters <= kMostCharacters * line.characters;
}

// The words that read the line `line` of `kept` surest: one of `candidates`
// (each reading's words on that line), or none when the line's own are.
const std::vector<Word>* SurestReading(const std::vector<Word>& kept, const ReadingLine& line,
                                       const std::vector<const std::vector<Word>*>& candidates) {
  const auto first = kept.begin() + static_cast<std::ptrdiff_t>(line.first);
  const LineScore own = ScoreOf(first, first + static_cast<std::ptrdiff_t>(line.count));
  double best = own.confidence + kSurerBy;
  const std::vector<Word>* surest = nullptr;
  for (const std::vector<Word>* words : candidates) {
    const LineScore score = ScoreOf(words->begin(), words->end());
    if (!words->empty() && Replaces(score, own, best)) {
      best = score.confidence;
      surest = words;
    }
  }
  return surest;
}

// `words` as line `like` of the kept reading: left to right, with its ids.
void AppendAsLine(std::vector<Word>& out, std::vector<Word> words, const Word& like) {
  std::sort(words.begin(), words.end(),
            [](const Word& a, const Word& b) { return a.box.x < b.box.x; });
  for (Word& w : words) {
    w.block = like.block;
    w.line = like.line;
    out.push_back(std::move(w));
  }
}

}  // namespace

bool TakeSurerLines(PageResult& kept, const std::vector<PageResult>& others) {
  const std::vector<ReadingLine> lines = LinesOf(kept.words);
  const std::vector<Span> spans = SpansOf(kept.words, lines);
  std::vector<std::vector<std::vector<Word>>> on_lines;  // [reading][line]
  on_lines.reserve(others.size());
  for (const PageResult& other : others) {
    on_lines.push_back(WordsOnLines(spans, other));
  }
  std::vector<Word> words;
  bool changed = false;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    std::vector<const std::vector<Word>*> candidates;
    candidates.reserve(on_lines.size());
    for (const auto& reading : on_lines) {
      candidates.push_back(&reading[i]);
    }
    const auto first = kept.words.begin() + static_cast<std::ptrdiff_t>(lines[i].first);
    if (const std::vector<Word>* surest = SurestReading(kept.words, lines[i], candidates)) {
      AppendAsLine(words, *surest, *first);
      changed = true;
    } else {
      words.insert(words.end(), first, first + static_cast<std::ptrdiff_t>(lines[i].count));
    }
  }
  if (changed) {
    kept.words = std::move(words);
    kept.text = TextOfWords(kept.words);
    kept.confidence = MeanConfidence(kept.words);
  }
  return changed;
}

}  // namespace travet::ocr
