#include "ocr/fields/field_candidates.h"

#include <algorithm>
#include <cmath>

#include "ocr/fields/fuzzy_label.h"

namespace travet::ocr {
namespace {

constexpr std::size_t kMaxMatchesPerPage = 100;
constexpr std::size_t kMaxValueWords = 12;
constexpr std::size_t kMaxRowWords = 24;
// Words further apart than this many text heights belong to different values
// (columns, a label on the far right).
constexpr double kGapHeights = 2.0;
constexpr double kBelowHeights = 3.0;
constexpr int kBelowRank = 1;
constexpr int kSkipRank = 2;  // per word skipped before the value

// A word, and the part of its text that belongs to the value.
struct Token {
  const Word* word;
  std::string text;
};

int Right(const Box& box) {
  return box.x + box.width;
}
int Bottom(const Box& box) {
  return box.y + box.height;
}
double CentreX(const Box& box) {
  return box.x + box.width / 2.0;
}

bool CloseEnough(const Box& left, const Box& right, int label_height) {
  int height = std::max({left.height, right.height, label_height});
  return right.x - Right(left) <= kGapHeights * height;
}

// How the runs of some tokens rank: base + kSkipRank per word before the run
// (`skipped` of them before the tokens).
struct RunRank {
  int base = 0;
  std::size_t skipped = 0;
  double similarity = 1;
};

bool IsDigitChar(char c) {
  return c >= '0' && c <= '9';
}

bool IsNumberChar(char c) {
  return IsDigitChar(c) || c == '.' || c == ',';
}

// Whether a run boundary between tokens `before` and `after` cuts a number.
bool CutsANumber(const std::vector<Token>& tokens, std::size_t after) {
  if (after == 0 || after >= tokens.size())
    return false;
  const std::string& left = tokens[after - 1].text;
  const std::string& right = tokens[after].text;
  // "50. 00" and "49 .40" are cut numbers too.
  return !left.empty() && !right.empty() &&
         ((IsDigitChar(left.back()) && IsNumberChar(right.front())) ||
          (IsNumberChar(left.back()) && IsDigitChar(right.front())));
}

// The candidate of tokens [start, end), ranked `rank`.
Candidate RunOf(const std::vector<Token>& tokens, std::size_t start, std::size_t end, int rank,
                double similarity) {
  Candidate candidate{{}, "", rank, similarity};
  for (std::size_t i = start; i < end; ++i) {
    if (i > start)
      candidate.raw += ' ';
    candidate.raw += tokens[i].text;
    if (candidate.words.empty() || candidate.words.back() != tokens[i].word)
      candidate.words.push_back(tokens[i].word);
  }
  return candidate;
}

// Adds the run of all tokens, and with sub_spans every shorter run (longest
// first for each start) that whole_numbers allows.
void AddRuns(const std::vector<Token>& tokens, const RunRank& run_rank, CandidateOptions options,
             std::vector<Candidate>& out) {
  std::size_t starts = options.sub_spans ? tokens.size() : std::min<std::size_t>(1, tokens.size());
  for (std::size_t start = 0; start < starts; ++start) {
    std::size_t shortest = options.sub_spans ? start + 1 : tokens.size();
    int rank = run_rank.base + kSkipRank * static_cast<int>(run_rank.skipped + start);
    for (std::size_t end = tokens.size(); end >= shortest && end > start; --end) {
      if (options.whole_numbers && (CutsANumber(tokens, start) || CutsANumber(tokens, end)))
        continue;
      out.push_back(RunOf(tokens, start, end, rank, run_rank.similarity));
    }
  }
}

// Adds the runs of each segment; without sub_spans only the first segment.
void AddSegments(const std::vector<std::vector<Token>>& segments, double similarity,
                 CandidateOptions options, std::vector<Candidate>& out) {
  RunRank rank{0, 0, similarity};
  for (const auto& segment : segments) {
    AddRuns(segment, rank, options, out);
    if (!options.sub_spans)
      break;
    rank.skipped += segment.size();
  }
}

// Splits words (left to right) where the gap is wide: "IVA 22%    264,00"
// has the segments "22%" and "264,00" right of "IVA".
std::vector<std::vector<Token>> Segments(std::vector<Token> tokens, int label_height) {
  std::vector<std::vector<Token>> segments;
  for (Token& token : tokens) {
    bool joins = !segments.empty() && segments.back().size() < kMaxValueWords &&
                 CloseEnough(segments.back().back().word->box, token.word->box, label_height);
    if (!joins)
      segments.emplace_back();
    segments.back().push_back(std::move(token));
  }
  return segments;
}

// Whether `word` (of another line) continues `line` to the right: it starts
// past the line's end and sits on the line's baseline drawn on (within half
// a text height), skew included. Word boxes are those of the page as loaded:
// on a skewed page the boxes of the lines above and below overlap the row.
bool OnBaseline(const PageLayout& layout, const std::vector<std::size_t>& line, const Word& word) {
  const Box& first = layout.words[line.front()]->box;
  const Box& last = layout.words[line.back()]->box;
  const double run = CentreX(last) - CentreX(first);
  const double slope = run > 0 ? (Bottom(last) - Bottom(first)) / run : 0;
  const double baseline = Bottom(last) + slope * (CentreX(word.box) - CentreX(last));
  return std::abs(Bottom(word.box) - baseline) <= 0.5 * std::max(last.height, word.box.height);
}

// The words right of the label on its row, in segments: on its line after it,
// or on another line (Tesseract may split a row at a wide gap) level with it.
std::vector<std::vector<Token>> RightOf(const PageLayout& layout, const LabelMatch& match,
                                        const Box& label) {
  const auto& own_line = layout.lines[layout.line_of[match.first]];
  const int line_end = Right(layout.words[own_line.back()]->box);
  std::vector<const Word*> row;
  for (std::size_t i = 0; i < layout.words.size(); ++i) {
    const Word* word = layout.words[i];
    bool same_line = layout.line_of[i] == layout.line_of[match.first];
    bool level = same_line || (word->box.x >= line_end && OnBaseline(layout, own_line, *word));
    if (i > match.last || !same_line) {
      if (level && CentreX(word->box) > Right(label))
        row.push_back(word);
    }
  }
  std::stable_sort(row.begin(), row.end(),
                   [](const Word* a, const Word* b) { return a->box.x < b->box.x; });
  if (row.size() > kMaxRowWords)
    row.resize(kMaxRowWords);
  std::vector<Token> tokens;
  if (!match.glued_value.empty())
    tokens.push_back({layout.words[match.last], match.glued_value});
  for (const Word* word : row)
    tokens.push_back({word, word->text});
  return Segments(std::move(tokens), label.height);
}

// The words of the first line below the label that overlap it horizontally,
// widened along that line while the gaps stay small.
std::vector<Token> Below(const PageLayout& layout, const Box& label) {
  auto overlaps = [&](const Box& box) { return box.x < Right(label) && label.x < Right(box); };
  std::size_t nearest = layout.words.size();
  for (std::size_t i = 0; i < layout.words.size(); ++i) {
    const Box& box = layout.words[i]->box;
    bool below = box.y + box.height / 2.0 > Bottom(label) &&
                 box.y - Bottom(label) <= kBelowHeights * label.height;
    if (below && overlaps(box) &&
        (nearest == layout.words.size() || box.y < layout.words[nearest]->box.y)) {
      nearest = i;
    }
  }
  if (nearest == layout.words.size())
    return {};
  const auto& line = layout.lines[layout.line_of[nearest]];
  auto first = std::find(line.begin(), line.end(), nearest);
  auto last = first;
  for (auto it = first; it != line.end(); ++it) {
    if (overlaps(layout.words[*it]->box))
      last = it;
  }
  while (first != line.begin() &&
         CloseEnough(layout.words[*(first - 1)]->box, layout.words[*first]->box, label.height)) {
    --first;
  }
  while (last + 1 != line.end() &&
         CloseEnough(layout.words[*last]->box, layout.words[*(last + 1)]->box, label.height)) {
    ++last;
  }
  std::vector<Token> tokens;
  for (auto it = first; it <= last && tokens.size() < kMaxValueWords; ++it) {
    tokens.push_back({layout.words[*it], layout.words[*it]->text});
  }
  return tokens;
}

}  // namespace

Result<std::vector<Candidate>> PatternCandidates(const PageLayout& layout,
                                                 const std::regex& pattern) {
  std::vector<Candidate> candidates;
  try {
    auto end = std::sregex_iterator();
    for (auto it = std::sregex_iterator(layout.text.begin(), layout.text.end(), pattern);
         it != end && candidates.size() < kMaxMatchesPerPage; ++it) {
      const std::smatch& match = *it;
      int group = pattern.mark_count() >= 1 && match[1].matched ? 1 : 0;
      if (match.length(group) == 0)
        continue;
      auto begin = static_cast<std::size_t>(match.position(group));
      Candidate candidate{{}, match.str(group), 0, 1};
      for (std::size_t i : WordsInSpan(layout, begin, begin + match.length(group))) {
        candidate.words.push_back(layout.words[i]);
      }
      candidates.push_back(std::move(candidate));
    }
  } catch (const std::regex_error& e) {
    return InvalidArgument(std::string("bad pattern: ") + e.what());
  }
  return candidates;
}

std::vector<LabelOccurrence> LabelOccurrences(const PageLayout& layout, std::string_view label_key,
                                              CandidateOptions options) {
  std::vector<LabelOccurrence> occurrences;
  for (const LabelMatch& match : FindLabels(layout, label_key)) {
    LabelOccurrence occurrence{match, PlaceOfLabel(layout, match), {}};
    if (!occurrence.place.is_label)
      continue;
    const Box label = LabelBox(layout, match);
    AddSegments(RightOf(layout, match, label), match.similarity, options, occurrence.candidates);
    if (match.glued_value.empty()) {
      AddRuns(Below(layout, label), {kBelowRank, 0, match.similarity}, options,
              occurrence.candidates);
    }
    occurrences.push_back(std::move(occurrence));
  }
  return occurrences;
}

std::vector<Candidate> ZoneCandidates(const PageLayout& layout, CandidateOptions options) {
  std::vector<Candidate> candidates;
  if (layout.words.empty())
    return candidates;
  candidates.push_back(Candidate{layout.words, layout.text, 0, 1});
  if (!options.sub_spans)
    return candidates;
  for (const auto& line : layout.lines) {
    std::vector<Token> tokens;
    tokens.reserve(line.size());
    for (std::size_t i : line)
      tokens.push_back({layout.words[i], layout.words[i]->text});
    AddRuns(tokens, {1, 0, 1}, options, candidates);
  }
  return candidates;
}

}  // namespace travet::ocr
