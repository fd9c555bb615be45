#pragma once

#include <optional>
#include <string>
#include <vector>

#include "ocr/validators.h"
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

// How to find one field on a document. At least one of `pattern`, `label` and
// `zone` is set; a zone together with a pattern or a label restricts them to
// the words whose centre lies inside it. Given both a pattern and a label,
// ExtractFields uses the pattern (ParseFieldSpecs refuses such a spec).
struct FieldSpec {
  std::string name;
  // ECMAScript regex searched in each page's text (lines joined with '\n', `^`
  // and `$` match at line ends); the value is the first capture group, or the
  // whole match when the regex has none.
  std::string pattern;
  // The value is to the right of this label on the same row, or below it.
  std::string label;
  std::optional<ZoneSpec> zone;
  int page = 0;  // 1-based; 0 = any page
  FieldType type = FieldType::kText;
  double min_confidence = -1;  // 0..100; -1 = the caller's default
  bool required = true;
};

// Reads field specs from a map name -> {pattern | label | zone, type, page,
// min_confidence, required}, as written under `fields:` in an `ocr.extract`
// step or in a FIELDS.yaml file. A zone is {x, y, w, h} or [x, y, w, h] within
// 0..1. Specs come back in name order. Errors (kInvalidArgument) name the
// field: "field 'total': unknown type 'amout'; did you mean 'amount'?",
// "field 'x' needs one of pattern, label or zone",
// "field 'number': bad pattern: <the regex library's message>".
Result<std::vector<FieldSpec>> ParseFieldSpecs(const Value& fields);

}  // namespace travet::ocr
