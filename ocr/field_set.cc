#include "ocr/field_set.h"

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

// The problem with naming `name` as one of the totals, or "".
std::string TotalsProblem(const Value& fields, const std::vector<FieldSpec>& specs,
                          const Value& name) {
  if (!fields.is_object())
    return "";  // the fields have a problem of their own
  if (!name.is_string() || !fields.contains(name.get<std::string>()))
    return "totals: '" + (name.is_string() ? name.get<std::string>() : name.dump()) +
           "' is not one of the fields";
  auto spec = std::find_if(specs.begin(), specs.end(),
                           [&](const FieldSpec& s) { return s.name == name.get<std::string>(); });
  if (spec != specs.end() && spec->type != FieldType::kAmount)
    return "totals: field '" + spec->name + "' is not of type amount";
  return "";  // a field with a problem of its own has been reported already
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
  const Value& fields = map.contains("fields") ? map["fields"] : Value();
  bool ok = true;
  for (std::size_t i = 0; i < 3; ++i) {
    std::string problem = TotalsProblem(fields, check.set.specs, totals[i]);
    ok = ok && problem.empty();
    if (!problem.empty())
      check.problems.push_back({{"totals", std::to_string(i)}, false, std::move(problem)});
  }
  if (ok) {
    check.set.totals = TotalsCheck{totals[0].get<std::string>(), totals[1].get<std::string>(),
                                   totals[2].get<std::string>()};
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
    CheckTotals(map, check);
  }
  return check;
}

}  // namespace travet::ocr
