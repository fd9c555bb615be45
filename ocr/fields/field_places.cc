#include "ocr/fields/field_places.h"

#include <algorithm>
#include <cmath>
#include <set>
#include <unordered_map>

#include "ocr/fields/fuzzy_label.h"

namespace travet::ocr {
namespace {

// Candidates that share a place, before the best is taken.
struct Group {
  std::vector<Candidate> candidates;
  bool own_phrase = false;
};

struct Scored {
  Candidate candidate;
  Verdict verdict;
};

// Valid first; then where the value was expected; then the closer label.
// On a tie the earlier candidate stays.
bool Better(const Scored& a, const Scored& b) {
  if (a.verdict.valid != b.verdict.valid)
    return a.verdict.valid;
  if (a.candidate.rank != b.candidate.rank)
    return a.candidate.rank < b.candidate.rank;
  return a.candidate.similarity > b.candidate.similarity + 1e-9;
}

std::vector<const Word*> WordsOf(const PageResult& page, const std::optional<ZoneSpec>& zone) {
  std::vector<const Word*> words;
  for (const Word& word : page.words) {
    if (zone) {
      double x = (word.box.x + word.box.width / 2.0) / std::max(page.width, 1);
      double y = (word.box.y + word.box.height / 2.0) / std::max(page.height, 1);
      bool inside = page.width > 0 && page.height > 0 && x >= zone->x && x <= zone->x + zone->w &&
                    y >= zone->y && y <= zone->y + zone->h;
      if (!inside)
        continue;
    }
    words.push_back(&word);
  }
  return words;
}

// The lines of `layout` that hold one of `words`.
std::set<std::size_t> ExcludedLines(const PageLayout& layout,
                                    const std::vector<std::string>& words) {
  std::set<std::size_t> lines;
  for (const std::string& word : words) {
    for (const LabelMatch& match : FindLabels(layout, LabelKey(word)))
      lines.insert(layout.line_of[match.first]);
  }
  return lines;
}

Result<std::vector<Group>> GroupsOf(const PageLayout& layout, const FieldSpec& spec,
                                    const std::optional<std::regex>& pattern,
                                    const std::set<std::size_t>& excluded) {
  CandidateOptions options{spec.type != FieldType::kText, spec.type == FieldType::kAmount};
  std::vector<Group> groups;
  if (pattern) {
    auto matches = PatternCandidates(layout, *pattern);
    if (!matches)
      return matches.error();
    for (Candidate& candidate : *matches)
      groups.push_back(Group{{std::move(candidate)}, false});
  } else if (!spec.labels.empty()) {
    // Places of every alternative label, in reading order (layout order).
    std::vector<std::pair<std::size_t, Group>> labelled;
    for (const std::string& label : spec.labels) {
      for (LabelOccurrence& occurrence : LabelOccurrences(layout, LabelKey(label), options)) {
        if (!excluded.contains(layout.line_of[occurrence.match.first]))
          labelled.emplace_back(occurrence.match.first, Group{std::move(occurrence.candidates),
                                                              occurrence.place.own_phrase});
      }
    }
    std::stable_sort(labelled.begin(), labelled.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    for (auto& [at, group] : labelled)
      groups.push_back(std::move(group));
  } else {
    groups.push_back(Group{ZoneCandidates(layout, options), false});
  }
  return groups;
}

bool OnExcludedLine(const Candidate& candidate, const std::set<std::size_t>& excluded,
                    const std::unordered_map<const Word*, std::size_t>& line_of) {
  return std::any_of(candidate.words.begin(), candidate.words.end(), [&](const Word* word) {
    auto it = line_of.find(word);
    return it != line_of.end() && excluded.contains(it->second);
  });
}

double Distance(const Box& a, const Box& b) {
  return std::hypot((a.x + a.width / 2.0) - (b.x + b.width / 2.0),
                    (a.y + a.height / 2.0) - (b.y + b.height / 2.0));
}

// The boxes of the `near` label where it reads as a label, on the whole page.
std::vector<Box> NearLabels(const PageResult& page, const std::string& near) {
  std::vector<Box> boxes;
  if (near.empty())
    return boxes;
  PageLayout layout = LayOutWords(WordsOf(page, std::nullopt));
  for (const LabelMatch& match : FindLabels(layout, LabelKey(near))) {
    if (!PlaceOfLabel(layout, match).is_label)
      continue;
    boxes.push_back(LabelBox(layout, match));
  }
  return boxes;
}

}  // namespace

Result<std::vector<FieldPlace>> FindPlaces(const PageResult& page, const FieldSpec& spec,
                                           const std::optional<std::regex>& pattern) {
  PageLayout layout = LayOutWords(WordsOf(page, spec.zone));
  const std::set<std::size_t> excluded = ExcludedLines(layout, spec.exclude);
  auto groups = GroupsOf(layout, spec, pattern, excluded);
  if (!groups)
    return groups.error();
  std::unordered_map<const Word*, std::size_t> line_of;
  for (std::size_t i = 0; i < layout.words.size(); ++i)
    line_of[layout.words[i]] = layout.line_of[i];
  const std::vector<Box> near = NearLabels(page, spec.near);
  std::vector<FieldPlace> places;
  for (Group& group : *groups) {
    std::optional<Scored> best;
    for (Candidate& candidate : group.candidates) {
      if (OnExcludedLine(candidate, excluded, line_of))
        continue;
      Verdict verdict = ValidateField(spec.type, candidate.raw);
      Scored scored{std::move(candidate), std::move(verdict)};
      if (!best || Better(scored, *best))
        best = std::move(scored);
    }
    if (!best)
      continue;
    FieldPlace place{std::move(best->candidate), std::move(best->verdict), page.page,
                     group.own_phrase};
    for (const Box& label : near)
      place.near_distance =
          std::min(place.near_distance, Distance(UnionBox(place.candidate.words), label));
    places.push_back(std::move(place));
  }
  return places;
}

}  // namespace travet::ocr
