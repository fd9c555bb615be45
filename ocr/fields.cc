#include "ocr/fields.h"

#include <algorithm>
#include <deque>
#include <optional>
#include <regex>

#include "ocr/decimal_amount.h"
#include "ocr/field_candidates.h"
#include "ocr/fuzzy_label.h"

namespace travet::ocr {
namespace {

// A passed check digit makes an OCR error unlikely: each of these checks
// catches every single-character substitution, the commonest OCR error, and a
// random wrong value still passes with probability about 1/10 (partita IVA),
// 1/26 (codice fiscale) or 1/97 (IBAN; IT ones also 1/26 for the CIN). So the
// score is raised to kChecksumScore, but the reading itself must still be
// within these many points of the threshold: the weaker the check, the less
// it may make up for.
constexpr double kChecksumScore = 95;
constexpr double kPartitaIvaAllowance = 10;
constexpr double kCodiceFiscaleAllowance = 20;
constexpr double kIbanAllowance = 30;
// Three amounts that add up are unlikely to be misread in a way that still
// adds up.
constexpr double kTotalsAllowance = 15;
// A value that no validator can check (type text) needs this many points
// more: on the scangen corpus a misread letter ("FI-2025-00974" for
// "FT-2025-00974") came with a word confidence of 91, while right readings of
// such fields mostly score 95 and more.
constexpr double kUncheckedMargin = 10;

struct Pick {
  Candidate candidate;
  Verdict verdict;
  int page = 0;
};

// Valid first; then where the value was expected; then the closer label.
// On a tie the earlier candidate (page, reading order) stays.
bool Better(const Pick& a, const Pick& b) {
  if (a.verdict.valid != b.verdict.valid)
    return a.verdict.valid;
  if (a.candidate.rank != b.candidate.rank)
    return a.candidate.rank < b.candidate.rank;
  return a.candidate.similarity > b.candidate.similarity + 1e-9;
}

// `box` of a width x height page, turned clockwise by `degrees` (0, 90,
// 180, 270) with the page.
Box TurnBox(const Box& box, int degrees, int width, int height) {
  switch (degrees) {
    case 90:
      return {height - box.y - box.height, box.x, box.height, box.width};
    case 180:
      return {width - box.x - box.width, height - box.y - box.height, box.width, box.height};
    case 270:
      return {box.y, width - box.x - box.width, box.height, box.width};
    default:
      return box;
  }
}

// A page whose content was turned (PageResult::orientation) as it reads
// upright: labels, rows and zones are upright notions.
PageResult Upright(const PageResult& page) {
  PageResult upright = page;
  const int turn = (360 - page.orientation) % 360;
  for (Word& word : upright.words)
    word.box = TurnBox(word.box, turn, page.width, page.height);
  if (turn == 90 || turn == 270)
    std::swap(upright.width, upright.height);
  return upright;
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

Result<std::vector<Candidate>> CandidatesOf(const PageLayout& layout, const FieldSpec& spec,
                                            const std::optional<std::regex>& pattern) {
  if (pattern)
    return PatternCandidates(layout, *pattern);
  CandidateOptions options{spec.type != FieldType::kText};
  if (!spec.label.empty())
    return LabelCandidates(layout, LabelKey(spec.label), options);
  return ZoneCandidates(layout, options);
}

double ChecksumAllowance(FieldType type, const std::string& value) {
  if (type == FieldType::kIban)
    return kIbanAllowance;
  if (type == FieldType::kCodiceFiscale && value.size() == 16)
    return kCodiceFiscaleAllowance;
  return kPartitaIvaAllowance;
}

void Score(FieldResult& field, FieldType type) {
  field.score = field.confidence;
  field.accepted = false;
  if (!field.found || !field.valid)
    return;
  double floor = field.min_confidence;
  if (type == FieldType::kText)
    floor += kUncheckedMargin;
  if (field.checksum) {
    field.score = std::max<double>(field.confidence, kChecksumScore);
    floor -= ChecksumAllowance(type, field.value);
  }
  field.accepted = field.score >= field.min_confidence && field.confidence >= floor;
}

FieldResult Decide(const FieldSpec& spec, const std::optional<Pick>& pick, double min_confidence) {
  FieldResult field;
  field.name = spec.name;
  field.required = spec.required;
  field.min_confidence = spec.min_confidence >= 0 ? spec.min_confidence : min_confidence;
  field.verdict = "not found";
  if (!pick)
    return field;
  const Candidate& candidate = pick->candidate;
  field.found = true;
  field.raw = candidate.raw;
  field.value = pick->verdict.value;
  field.valid = pick->verdict.valid;
  field.checksum = pick->verdict.checksum;
  field.corrected = pick->verdict.corrected;
  field.verdict = field.valid ? "ok" : pick->verdict.message;
  field.page = pick->page;
  field.box = UnionBox(candidate.words);
  field.confidence = candidate.words.empty() ? 0 : 100;
  for (const Word* word : candidate.words)
    field.confidence = std::min(field.confidence, word->confidence);
  Score(field, spec.type);
  return field;
}

FieldResult NotFound(const FieldSpec& spec, double min_confidence, std::string verdict) {
  FieldResult field = Decide(spec, std::nullopt, min_confidence);
  field.verdict = std::move(verdict);
  return field;
}

FieldResult ExtractField(const DocumentResult& doc, const FieldSpec& spec, double min_confidence) {
  std::optional<std::regex> pattern;
  if (!spec.pattern.empty()) {
    try {
      pattern.emplace(spec.pattern, std::regex::ECMAScript | std::regex::multiline);
    } catch (const std::regex_error& e) {
      return NotFound(spec, min_confidence, std::string("bad pattern: ") + e.what());
    }
  }
  std::optional<Pick> best;
  const PageResult* best_page = nullptr;
  std::deque<PageResult> turned;  // upright copies: candidates point into them
  for (const PageResult& loaded : doc.pages) {
    if (spec.page != 0 && loaded.page != spec.page)
      continue;
    const PageResult& page =
        loaded.orientation == 0 ? loaded : turned.emplace_back(Upright(loaded));
    PageLayout layout = LayOutWords(WordsOf(page, spec.zone));
    auto candidates = CandidatesOf(layout, spec, pattern);
    if (!candidates)
      return NotFound(spec, min_confidence, candidates.error().message());
    for (Candidate& candidate : *candidates) {
      Pick pick{std::move(candidate), {}, page.page};
      pick.verdict = ValidateField(spec.type, pick.candidate.raw);
      if (!best || Better(pick, *best)) {
        best = std::move(pick);
        best_page = &loaded;
      }
    }
  }
  FieldResult field = Decide(spec, best, min_confidence);
  if (best_page != nullptr && best_page->orientation != 0) {
    const bool swapped = best_page->orientation % 180 != 0;
    field.box =
        TurnBox(field.box, best_page->orientation, swapped ? best_page->height : best_page->width,
                swapped ? best_page->width : best_page->height);
  }
  return field;
}

FieldResult* Find(std::vector<FieldResult>& fields, const std::string& name) {
  auto it = std::find_if(fields.begin(), fields.end(),
                         [&](const FieldResult& field) { return field.name == name; });
  return it == fields.end() ? nullptr : &*it;
}

}  // namespace

std::vector<FieldResult> ExtractFields(const DocumentResult& doc,
                                       const std::vector<FieldSpec>& specs,
                                       double default_min_confidence) {
  std::vector<FieldResult> fields;
  fields.reserve(specs.size());
  for (const FieldSpec& spec : specs) {
    fields.push_back(ExtractField(doc, spec, default_min_confidence));
  }
  return fields;
}

bool NeedsReview(const std::vector<FieldResult>& fields) {
  return std::any_of(fields.begin(), fields.end(), [](const FieldResult& field) {
    if (!field.found)
      return field.required;
    return !field.valid || !field.accepted;
  });
}

void ApplyTotalsCheck(std::vector<FieldResult>& fields, const std::string& imponibile,
                      const std::string& iva, const std::string& totale, double min_confidence) {
  FieldResult* three[] = {Find(fields, imponibile), Find(fields, iva), Find(fields, totale)};
  std::int64_t cents[3] = {};
  for (int i = 0; i < 3; ++i) {
    if (three[i] == nullptr || !three[i]->found || !three[i]->valid)
      return;
    auto amount = ParseAmount(three[i]->value);
    if (!amount)
      return;
    cents[i] = amount->cents;
  }
  bool adds_up = cents[0] + cents[1] == cents[2];
  std::string mismatch = "imponibile + IVA = " + DecimalAmount{cents[0] + cents[1]}.ToString() +
                         ", not the totale " + DecimalAmount{cents[2]}.ToString();
  for (FieldResult* field : three) {
    if (!adds_up) {
      field->accepted = false;
      field->verdict = mismatch;
      continue;
    }
    field->cross_checked = true;
    field->score = std::max(field->score, std::min(100.0, field->confidence + kTotalsAllowance));
    field->accepted = field->accepted || field->confidence >= min_confidence - kTotalsAllowance;
  }
}

}  // namespace travet::ocr
