#include "ocr/fields/fields.h"

#include <algorithm>
#include <deque>
#include <optional>
#include <regex>

#include "ocr/fields/field_acceptance.h"
#include "ocr/fields/field_choice.h"
#include "ocr/fields/field_places.h"
#include "ocr/validators/decimal_amount.h"

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
  for (const AmountCheck& check : set.checks)
    ApplyAmountCheck(fields, check, options.min_confidence);
  return fields;
}

bool NeedsReview(const std::vector<FieldResult>& fields) {
  return std::any_of(fields.begin(), fields.end(), [](const FieldResult& field) {
    if (!field.found)
      return field.required;
    return !field.valid || !field.accepted;
  });
}

namespace {

FieldResult* Find(std::vector<FieldResult>& fields, const std::string& name) {
  auto it = std::find_if(fields.begin(), fields.end(),
                         [&](const FieldResult& field) { return field.name == name; });
  return it == fields.end() ? nullptr : &*it;
}

// The check's reading of one field. An optional field that is not on the
// document counts as 0 (no change given, no discount): field == nullptr.
struct CheckTerm {
  FieldResult* field = nullptr;
  std::int64_t cents = 0;
};

constexpr std::string_view kZero = "amount is zero";

// The term, or why the check cannot use it ("" when it simply is not there:
// a required field that was not found needs a person anyway).
Result<CheckTerm> ReadTerm(std::vector<FieldResult>& fields, const std::string& name,
                           bool may_be_absent) {
  FieldResult* field = Find(fields, name);
  if (field == nullptr || (!field->found && !(may_be_absent && !field->required)))
    return InvalidArgument("");
  if (!field->found)
    return CheckTerm{};
  // A label that led to no amount ("Cash Inv No.: 7903", "Cash ~50. 00")
  // says nothing for or against the result: no check.
  if (!field->valid)
    return InvalidArgument("");
  // A zero is implausible as a total, but is a reading to check by.
  if (field->verdict != "ok" && field->verdict != kZero)
    return InvalidArgument(name + " is " + field->verdict);
  auto amount = ParseAmount(field->value);
  if (!amount)
    return InvalidArgument(name + " is not an amount");
  return CheckTerm{field, amount->cents};
}

void Refuse(const std::vector<FieldResult*>& fields, const std::string& verdict) {
  for (FieldResult* field : fields) {
    field->accepted = false;
    field->verdict = verdict;
  }
}

// The amounts add up. Each may be read kCrossCheckAllowance under the
// threshold; and each is as sure as the others together: a total read at 35
// that equals what was paid (96) less the change (90) is the total.
void Confirm(const std::vector<FieldResult*>& fields, double min_confidence) {
  for (FieldResult* field : fields) {
    double others = 100;
    for (const FieldResult* other : fields) {
      if (other != field)
        others = std::min<double>(others, other->confidence);
    }
    field->cross_checked = true;
    if (field->verdict == kZero)
      field->verdict = "ok";
    field->score =
        std::max({field->score, std::min(100.0, field->confidence + kCrossCheckAllowance), others});
    field->accepted = field->accepted ||
                      field->confidence >= min_confidence - kCrossCheckAllowance ||
                      others >= min_confidence;
  }
}

}  // namespace

void ApplyAmountCheck(std::vector<FieldResult>& fields, const AmountCheck& check,
                      double min_confidence) {
  auto result = ReadTerm(fields, check.result, false);
  if (!result || result->cents == 0)
    return;  // the result needs a person already
  std::vector<FieldResult*> read = {result->field};
  std::string absent;
  std::int64_t sum = 0;
  bool nonzero = false;
  for (const AmountCheck::Term& term : check.terms) {
    auto reading = ReadTerm(fields, term.field, true);
    if (!reading) {
      // The document prints what would check the result, unreadably: the
      // result must not be trusted on its confidence alone.
      if (!reading.error().message().empty())
        Refuse({result->field}, "cannot check " + check.result + " = " + check.Sum() + ": " +
                                    reading.error().message());
      return;
    }
    sum += term.sign * reading->cents;
    nonzero = nonzero || reading->cents != 0;
    if (reading->field)
      read.push_back(reading->field);
    else
      absent += (absent.empty() ? "" : ", ") + term.field;
  }
  if (!nonzero)
    return;  // only zeros and absent terms: nothing to check the result against
  if (sum != result->cents) {
    std::string mismatch = check.Sum() + " = " + DecimalAmount{sum}.ToString() + ", not the " +
                           check.result + " " + DecimalAmount{result->cents}.ToString();
    Refuse(read,
           absent.empty() ? mismatch : mismatch + " (not found, counted as 0: " + absent + ")");
    return;
  }
  Confirm(read, min_confidence);
}

}  // namespace travet::ocr
