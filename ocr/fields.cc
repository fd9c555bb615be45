#include "ocr/fields.h"

#include <algorithm>
#include <deque>
#include <optional>
#include <regex>

#include "ocr/decimal_amount.h"
#include "ocr/field_acceptance.h"
#include "ocr/field_choice.h"
#include "ocr/field_places.h"

namespace travet::ocr {
namespace {

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

// The box of a field found on `page` (as loaded) from its upright box.
Box BoxOnPage(const Box& upright, const PageResult& page) {
  if (page.orientation == 0)
    return upright;
  const bool swapped = page.orientation % 180 != 0;
  return TurnBox(upright, page.orientation, swapped ? page.height : page.width,
                 swapped ? page.width : page.height);
}

void Score(FieldResult& field, FieldType type) {
  field.score = field.confidence;
  field.accepted = false;
  if (!field.found || !field.valid)
    return;
  const bool company_cf = type == FieldType::kCodiceFiscale && field.value.size() != 16;
  const AcceptanceRule rule = AcceptanceRuleFor(company_cf ? FieldType::kPartitaIva : type);
  double floor = field.min_confidence + rule.margin;
  if (field.checksum && rule.checksum_allowance > 0) {
    field.score = std::max<double>(field.confidence, kChecksumScore);
    floor -= rule.checksum_allowance;
  }
  field.accepted = field.score >= field.min_confidence && field.confidence >= floor;
}

// Why a valid value is unlikely to be right, or "".
std::string Implausible(const FieldSpec& spec, const std::string& value,
                        const ExtractOptions& options) {
  if (spec.type == FieldType::kAmount) {
    auto amount = ParseAmount(value);
    if (amount && amount->cents == 0)
      return "amount is zero";
  }
  if (spec.type == FieldType::kDate) {
    const DateRange& range = spec.date_range;
    const bool fixed = range.from.fixed && range.to.fixed;
    if (options.today || fixed)
      return DateRangeProblem(value, range, options.today.value_or(CalendarDate{2000, 1, 1}));
  }
  return "";
}

FieldResult Unfound(const FieldSpec& spec, const ExtractOptions& options, std::string verdict) {
  FieldResult field;
  field.name = spec.name;
  field.required = spec.required;
  field.min_confidence = spec.min_confidence >= 0 ? spec.min_confidence : options.min_confidence;
  field.verdict = std::move(verdict);
  return field;
}

FieldResult Decide(const FieldSpec& spec, const FieldPlace& place, const std::string& problem,
                   const ExtractOptions& options) {
  FieldResult field = Unfound(spec, options, "ok");
  field.found = true;
  field.raw = place.candidate.raw;
  field.value = place.verdict.value;
  field.valid = place.verdict.valid;
  field.checksum = place.verdict.checksum;
  field.corrected = place.verdict.corrected;
  field.page = place.page;
  field.box = UnionBox(place.candidate.words);
  field.confidence = place.candidate.words.empty() ? 0 : 100;
  for (const Word* word : place.candidate.words)
    field.confidence = std::min(field.confidence, word->confidence);
  Score(field, spec.type);
  if (!field.valid) {
    field.verdict = place.verdict.message;
    return field;
  }
  field.verdict = problem.empty() ? Implausible(spec, field.value, options) : problem;
  if (field.verdict.empty())
    field.verdict = "ok";
  else
    field.accepted = false;
  return field;
}

FieldResult ExtractField(const DocumentResult& doc, const FieldSpec& spec,
                         const ExtractOptions& options) {
  std::optional<std::regex> pattern;
  if (!spec.pattern.empty()) {
    try {
      pattern.emplace(spec.pattern, std::regex::ECMAScript | std::regex::multiline);
    } catch (const std::regex_error& e) {
      return Unfound(spec, options, std::string("bad pattern: ") + e.what());
    }
  }
  std::vector<FieldPlace> places;
  std::vector<const PageResult*> loaded_of;  // per place: its page as loaded
  std::deque<PageResult> turned;             // upright copies: places point into them
  for (const PageResult& loaded : doc.pages) {
    if (spec.page != 0 && loaded.page != spec.page)
      continue;
    const PageResult& page =
        loaded.orientation == 0 ? loaded : turned.emplace_back(Upright(loaded));
    auto found = FindPlaces(page, spec, pattern);
    if (!found)
      return Unfound(spec, options, found.error().message());
    for (FieldPlace& place : *found) {
      places.push_back(std::move(place));
      loaded_of.push_back(&loaded);
    }
  }
  PlaceChoice choice = ChoosePlace(places, spec);
  if (!choice.chosen)
    return Unfound(spec, options, "not found");
  FieldResult field = Decide(spec, places[*choice.chosen], choice.problem, options);
  field.box = BoxOnPage(field.box, *loaded_of[*choice.chosen]);
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
                                       const ExtractOptions& options) {
  std::vector<FieldResult> fields;
  fields.reserve(specs.size());
  for (const FieldSpec& spec : specs)
    fields.push_back(ExtractField(doc, spec, options));
  return fields;
}

std::vector<FieldResult> ExtractFields(const DocumentResult& doc,
                                       const std::vector<FieldSpec>& specs,
                                       double default_min_confidence) {
  return ExtractFields(doc, specs, ExtractOptions{default_min_confidence, std::nullopt});
}

std::vector<FieldResult> ExtractFieldSet(const DocumentResult& doc, const FieldSet& set,
                                         const ExtractOptions& options) {
  std::vector<FieldResult> fields = ExtractFields(doc, set.specs, options);
  if (const auto& t = set.totals)
    ApplyTotalsCheck(fields, t->imponibile, t->iva, t->totale, options.min_confidence);
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
    // An ambiguous or implausible value is not a reading to check others by.
    if (three[i] == nullptr || !three[i]->found || !three[i]->valid || three[i]->verdict != "ok")
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
