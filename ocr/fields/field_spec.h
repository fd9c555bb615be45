#pragma once

#include <optional>
#include <string>
#include <vector>

#include "ocr/fields/field_date_range.h"
#include "ocr/validators/validators.h"
#include "runtime/core/result.h"
#include "runtime/core/value.h"

namespace travet::ocr {

// A box in page-relative coordinates: 0..1 of the page's width and height,
// origin top-left.
struct ZoneSpec {
  double x = 0;
  double y = 0;
  double w = 1;
  double h = 1;
};

// How to choose when a field's spec finds different values in several places
// (see ExtractFields). kAmbiguous: do not choose; a person does.
enum class PickRule { kAmbiguous, kFirst, kLast, kLargest, kSmallest };

// How to find one field on a document. At least one of `pattern`, `labels` and
// `zone` is set; a zone together with a pattern or a label restricts them to
// the words whose centre lies inside it. Given both a pattern and a label,
// ExtractFields uses the pattern (ParseFieldSpecs refuses such a spec).
struct FieldSpec {
  std::string name;
  // ECMAScript regex searched in each page's text (lines joined with '\n', `^`
  // and `$` match at line ends); the value is the first capture group, or the
  // whole match when the regex has none.
  std::string pattern;
  // The value is to the right of a label on the same row, or below it. More
  // than one: alternatives, every place of each counts ("CASH", "VISA").
  std::vector<std::string> labels;
  std::optional<ZoneSpec> zone;
  int page = 0;  // 1-based; 0 = any page
  FieldType type = FieldType::kText;
  double min_confidence = -1;  // 0..100; -1 = the caller's default
  bool required = true;
  PickRule pick = PickRule::kAmbiguous;
  // Words (matched like labels) whose line does not count: "SUB", "QTY".
  std::vector<std::string> exclude;
  // Of several places, the one whose value is nearest this other label wins.
  std::string near;
  DateRange date_range;  // for date fields
};

// A mistake in a field spec and where it is. `path` leads from the map of
// fields to the node: the field's name, then keys and list indices (as
// text). `at_key`: the key at the end of the path is wrong (an unknown key,
// or a field missing what it needs), not its value.
struct SpecProblem {
  std::vector<std::string> path;
  bool at_key = false;
  std::string message;
};

// The specs read from a map of fields, and the first problem of each field
// that has one (fields in name order).
struct FieldSpecsCheck {
  std::vector<FieldSpec> specs;  // of the fields without problems
  std::vector<SpecProblem> problems;
};

// Reads field specs from a map name -> {pattern | label | zone, type, page,
// min_confidence, required, pick, exclude, near, date_range}, as written
// under `fields:` in an `ocr.extract` step or in a FIELDS.yaml file
// (docs/fields.md). A zone is {x, y, w, h} or [x, y, w, h] within 0..1. Specs
// come back in name order. Messages name the field:
// "field 'total': unknown type 'amout'; did you mean 'amount'?",
// "field 'x' needs one of pattern, label or zone",
// "field 'number': bad pattern: <the regex library's message>".
FieldSpecsCheck CheckFieldSpecs(const Value& fields);

// As CheckFieldSpecs, the first problem as kInvalidArgument.
Result<std::vector<FieldSpec>> ParseFieldSpecs(const Value& fields);

}  // namespace travet::ocr
