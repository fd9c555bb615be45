#include "ocr/fields/fuzzy_label.h"

#include <algorithm>
#include <cctype>
#include <string_view>

namespace travet::ocr {
namespace {

constexpr double kLookAlikeCost = 0.25;
constexpr std::size_t kMaxLabelWords = 8;
// A run of words may have this many key characters more than the label (an
// OCR-split word adds none, a stray mark adds one or two).
constexpr std::size_t kKeySlack = 3;

bool LookAlike(char a, char b) {
  static constexpr std::string_view kPairs[] = {"l1", "i1", "il", "o0", "s5", "b8", "z2", "g6"};
  for (std::string_view pair : kPairs) {
    if ((a == pair[0] && b == pair[1]) || (a == pair[1] && b == pair[0]))
      return true;
  }
  return false;
}

// Calls `emit(raw_end, key_chars)` for each character of `raw` that LabelKey
// keeps: where it ends in `raw` and what it adds to the key.
template <typename Emit>
void ForEachKeyChar(std::string_view raw, Emit emit) {
  for (std::size_t i = 0; i < raw.size();) {
    auto c = static_cast<unsigned char>(raw[i]);
    if (c < 0x80) {
      ++i;
      if (std::isalnum(c))
        emit(i, std::string(1, static_cast<char>(std::tolower(c))));
      continue;
    }
    std::size_t end = i + 1;
    while (end < raw.size() && (static_cast<unsigned char>(raw[end]) & 0xC0) == 0x80)
      ++end;
    // Latin-1 letters are C3 80..BF except the multiplication and division signs.
    if (c == 0xC3 && end == i + 2) {
      auto next = static_cast<unsigned char>(raw[i + 1]);
      if (next != 0x97 && next != 0xB7) {
        if (next <= 0x9E)
          next = static_cast<unsigned char>(next + 0x20);
        emit(end, std::string{static_cast<char>(c), static_cast<char>(next)});
      }
    }
    i = end;
  }
}

// The part of `raw` after its first `key_chars` key characters, without the
// punctuation that separates a label from its value ("P.IVA:0123" -> "0123").
// Empty when what follows starts with a letter: that is a longer word, not a
// label glued to its value.
std::string GluedRest(std::string_view raw, std::size_t key_chars) {
  std::size_t offset = 0;
  std::size_t counted = 0;
  ForEachKeyChar(raw, [&](std::size_t end, const std::string& key) {
    if (counted < key_chars)
      offset = end;
    counted += key.size();
  });
  std::string_view rest = raw.substr(offset);
  if (rest.empty() || std::isalpha(static_cast<unsigned char>(rest.front())) ||
      static_cast<unsigned char>(rest.front()) == 0xC3) {
    return "";
  }
  rest.remove_prefix(std::min(rest.find_first_not_of(":;=."), rest.size()));
  return std::string(rest);
}

// The run of words from line[start] that best matches the label, whole or
// with the value glued to its last word.
LabelMatch BestRunFrom(const PageLayout& layout, const std::vector<std::size_t>& line,
                       std::size_t start, std::string_view label_key) {
  LabelMatch best;
  std::string run;
  for (std::size_t end = start; end < line.size() && end - start < kMaxLabelWords; ++end) {
    const std::string& raw = layout.words[line[end]]->text;
    std::string key = LabelKey(raw);
    if (key.empty() && end == start)
      break;
    std::string before = run;
    run += key;
    double whole = LabelSimilarity(run, label_key);
    if (run.size() <= label_key.size() + kKeySlack && whole > best.similarity) {
      best = {line[start], line[end], whole, ""};
    }
    if (run.size() > label_key.size() && before.size() < label_key.size()) {
      std::size_t taken = label_key.size() - before.size();
      std::string rest = GluedRest(raw, taken);
      double glued = LabelSimilarity(before + key.substr(0, taken), label_key);
      if (!rest.empty() && glued > best.similarity)
        best = {line[start], line[end], glued, rest};
    }
    if (run.size() > label_key.size() + kKeySlack)
      break;
  }
  return best;
}

}  // namespace

std::string LabelKey(std::string_view text) {
  std::string key;
  ForEachKeyChar(text, [&](std::size_t, const std::string& chars) { key += chars; });
  return key;
}

std::size_t EditDistance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j)
    row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t substitution = diagonal + (a[i - 1] == b[j - 1] ? 0 : 1);
      diagonal = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, substitution});
    }
  }
  return row[b.size()];
}

double LabelSimilarity(std::string_view a, std::string_view b) {
  std::size_t longer = std::max(a.size(), b.size());
  if (longer == 0)
    return 1;
  std::vector<double> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j)
    row[j] = static_cast<double>(j);
  for (std::size_t i = 1; i <= a.size(); ++i) {
    double diagonal = row[0];
    row[0] = static_cast<double>(i);
    for (std::size_t j = 1; j <= b.size(); ++j) {
      char x = a[i - 1];
      char y = b[j - 1];
      double cost = x == y ? 0 : LookAlike(x, y) ? kLookAlikeCost : 1;
      double substitution = diagonal + cost;
      diagonal = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, substitution});
    }
  }
  return 1 - row[b.size()] / static_cast<double>(longer);
}

std::vector<LabelMatch> FindLabels(const PageLayout& layout, std::string_view label_key) {
  std::vector<LabelMatch> matches;
  for (const auto& line : layout.lines) {
    for (std::size_t start = 0; start < line.size(); ++start) {
      LabelMatch best = BestRunFrom(layout, line, start, label_key);
      if (best.similarity < kLabelMatchThreshold)
        continue;
      matches.push_back(best);
      while (start + 1 < line.size() && line[start + 1] <= best.last)
        ++start;
    }
  }
  return matches;
}

}  // namespace travet::ocr
