#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "ocr/fields/field_places.h"
#include "ocr/fields/field_spec.h"

namespace travet::ocr {

// Which place gives a field its value, and why a person must look anyway.
struct PlaceChoice {
  std::optional<std::size_t> chosen;  // index into the places; nullopt: none
  // "" or why the value may not be used without a person:
  // "ambiguous: 3 candidates (57.50, 60.95, 3.45)" when places disagree and
  // the spec says neither `pick` nor `near` (or no `near` label was found);
  // "contradicted: 2 values under the same label (60.95, 61.95)" when pick
  // or near chose but places labelled exactly as the spec says disagree.
  std::string problem;
};

// Chooses among `places` (in reading order across pages). Only places whose
// value is valid count; when none is, the best invalid one is chosen (so a
// person sees what was read). The same value in several places is one value.
// Different values: `near` takes the place nearest its label; `pick` the
// first, last, largest or smallest (amounts, integers and dates compare as
// such); else the first is shown and the field is ambiguous.
PlaceChoice ChoosePlace(const std::vector<FieldPlace>& places, const FieldSpec& spec);

}  // namespace travet::ocr
