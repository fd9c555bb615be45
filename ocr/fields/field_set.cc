#include "ocr/fields/field_set.h"

#include <algorithm>
#include <array>

namespace travet::ocr {
namespace {

void CheckMinConfidence(const Value& map, FieldSetCheck& check) {
  if (!map.contains("min_confidence"))
    return;
  const Value& min = map["min_confidence"];
  // Above 100 every field goes to review: a bot may ask a person for all of
  // them (a new supplier, a trial period) with a setting instead of a branch.
  if (!min.is_number() || min.get<double>() < 0) {
    check.problems.push_back(
        {{"min_confidence"}, false, "min_confidence must be a number of 0 or more"});
    return;
  }
  check.set.min_confidence = min.get<double>();
}

// The problem with naming `name` in `key` (totals or checks), or "".
std::string AmountFieldProblem(const Value& fields, const std::vector<FieldSpec>& specs,
                               const std::string& key, const Value& name) {
  if (!fields.is_object())
    return "";  // the fields have a problem of their own
  if (!name.is_string() || !fields.contains(name.get<std::string>()))
    return key + ": '" + (name.is_string() ? name.get<std::string>() : name.dump()) +
           "' is not one of the fields";
  auto spec = std::find_if(specs.begin(), specs.end(),
                           [&](const FieldSpec& s) { return s.name == name.get<std::string>(); });
  if (spec != specs.end() && spec->type != FieldType::kAmount)
    return key + ": field '" + spec->name + "' is not of type amount";
  return "";  // a field with a problem of its own has been reported already
}

const Value& FieldsOf(const Value& map) {
  static const Value kNone;
  return map.contains("fields") ? map["fields"] : kNone;
}

// The problem with one entry of `checks`, or "".
std::string CheckProblem(const Value& map, const FieldSetCheck& check, const Value& entry,
                         AmountCheck& parsed) {
  if (!entry.is_string())
    return "checks: expected an equation such as 'total = paid - change'";
  auto equation = ParseAmountCheck(entry.get<std::string>());
  if (!equation)
    return "checks: " + equation.error().message();
  for (const std::string& name : equation->Fields()) {
    std::string problem = AmountFieldProblem(FieldsOf(map), check.set.specs, "checks", name);
    if (!problem.empty())
      return problem;
  }
  parsed = std::move(*equation);
  return "";
}

void CheckChecks(const Value& map, FieldSetCheck& check) {
  if (!map.contains("checks"))
    return;
  const Value& checks = map["checks"];
  if (!checks.is_array()) {
    check.problems.push_back(
        {{"checks"}, false, "checks must be a list of equations such as 'total = paid - change'"});
    return;
  }
  for (std::size_t i = 0; i < checks.size(); ++i) {
    AmountCheck parsed;
    std::string problem = CheckProblem(map, check, checks[i], parsed);
    if (problem.empty())
      check.set.checks.push_back(std::move(parsed));
    else
      check.problems.push_back({{"checks", std::to_string(i)}, false, std::move(problem)});
  }
}

void CheckTotals(const Value& map, FieldSetCheck& check) {
  if (!map.contains("totals"))
    return;
  const Value& totals = map["totals"];
  if (!totals.is_array() || totals.size() != 3) {
    check.problems.push_back(
        {{"totals"}, false, "totals must name three amount fields: [imponibile, iva, totale]"});
    return;
  }
  bool ok = true;
  for (std::size_t i = 0; i < 3; ++i) {
    std::string problem = AmountFieldProblem(FieldsOf(map), check.set.specs, "totals", totals[i]);
    ok = ok && problem.empty();
    if (!problem.empty())
      check.problems.push_back({{"totals", std::to_string(i)}, false, std::move(problem)});
  }
  if (ok) {
    check.set.checks.push_back(
        {totals[2].get<std::string>(),
         {{1, totals[0].get<std::string>()}, {1, totals[1].get<std::string>()}}});
  }
}

}  // namespace

FieldSetCheck CheckFieldSet(const Value& map) {
  FieldSetCheck check;
  const Value& fields = map.is_object() && map.contains("fields") ? map["fields"] : Value();
  if (fields.is_object() && fields.empty()) {
    check.problems.push_back({{"fields"}, false, "no fields"});
  } else {
    FieldSpecsCheck specs = CheckFieldSpecs(fields);
    check.set.specs = std::move(specs.specs);
    for (SpecProblem& problem : specs.problems) {
      problem.path.insert(problem.path.begin(), "fields");
      check.problems.push_back(std::move(problem));
    }
  }
  if (map.is_object()) {
    CheckMinConfidence(map, check);
    CheckChecks(map, check);
    CheckTotals(map, check);
  }
  return check;
}

}  // namespace travet::ocr
