#pragma once

#include <optional>
#include <string>
#include <vector>

#include "ocr/fields/field_spec.h"
#include "ocr/validators/amount_check.h"
#include "runtime/core/value.h"

namespace travet::ocr {

// Everything that says how to read the fields of one kind of document: the
// parameters `fields`, `min_confidence`, `checks` and `totals` of an
// `ocr.extract` step, or a FIELDS.yaml file of `travet ocr --fields`.
struct FieldSet {
  std::vector<FieldSpec> specs;          // in name order
  std::optional<double> min_confidence;  // the default threshold, if set
  // The document's arithmetic: `checks` in order, then `totals` as
  // "totale = imponibile + iva".
  std::vector<AmountCheck> checks;
};

// A FieldSet, or every problem found in it. Problem paths start at the
// top-level key: ["fields", "total", "lable"], ["totals", "0"], ["checks", "1"].
struct FieldSetCheck {
  FieldSet set;
  std::vector<SpecProblem> problems;
  bool ok() const { return problems.empty(); }
};

// Reads the keys `fields` (required, see CheckFieldSpecs), `min_confidence`
// (0..100), `checks` (equations among amount fields, ParseAmountCheck) and
// `totals` ([imponibile, iva, totale]: three fields of type amount) of `map`;
// other keys are the caller's. The one check behind both the bot loader and
// `travet ocr --fields`. Messages:
// "no fields", "min_confidence must be a number of 0 or more",
// "totals must name three amount fields: [imponibile, iva, totale]",
// "totals: 'x' is not one of the fields",
// "totals: field 'x' is not of type amount",
// "checks must be a list of equations such as 'total = paid - change'",
// "checks: expected '=' after 'total', found the end".
FieldSetCheck CheckFieldSet(const Value& map);

}  // namespace travet::ocr
