#pragma once

#include <limits>
#include <optional>
#include <regex>
#include <vector>

#include "ocr/fields/field_candidates.h"
#include "ocr/fields/field_spec.h"
#include "ocr/ocr_types.h"
#include "ocr/validators/validators.h"

namespace travet::ocr {

// One place on a page that a field's spec points at (an occurrence of its
// label, a match of its pattern, or its zone), with the best value read
// there: valid first, then where the value was expected, then the closer
// label.
struct FieldPlace {
  Candidate candidate;  // its words point into the page given to FindPlaces
  Verdict verdict;
  int page = 0;             // 1-based
  bool own_phrase = false;  // labelled exactly as the spec says (LabelPlace)
  // From the centre of the value to the centre of the nearest `near` label on
  // the same page, in pixels; infinity without one.
  double near_distance = std::numeric_limits<double>::infinity();
};

// The places of `spec` on `page` (upright), in reading order. Occurrences of
// the label in running text are not places; neither are lines holding one of
// the spec's `exclude` words (matched like labels, anywhere on the line), nor
// values on such lines. `pattern` is the spec's compiled pattern, if any.
// Errors: "bad pattern: <message>" when the regex library gives up.
Result<std::vector<FieldPlace>> FindPlaces(const PageResult& page, const FieldSpec& spec,
                                           const std::optional<std::regex>& pattern);

}  // namespace travet::ocr
