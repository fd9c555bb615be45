#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "ocr/field_spec.h"
#include "runtime/core/result.h"

namespace travet::cli {

// The three amount fields that must add up: imponibile + iva = totale.
struct TotalsCheck {
  std::string imponibile;
  std::string iva;
  std::string totale;
};

// What `travet ocr --fields FILE` extracts.
struct FieldsFile {
  std::vector<ocr::FieldSpec> specs;     // in name order
  std::optional<double> min_confidence;  // the file's default threshold, if it sets one
  std::optional<TotalsCheck> totals;
};

// Reads a FIELDS.yaml file in one of two forms:
//  - a map of field name -> spec, as under `fields:` of an `ocr.extract` step;
//  - a map with the keys `fields:` (that map), and optionally
//    `min_confidence:` (0..100) and `totals: [imponibile, iva, totale]`.
// The second form is chosen when the top-level map has a `fields` key.
// Errors (kInvalidArgument, kNotFound for a missing file) are one line,
// "fields.yaml:4:9: field 'total': unknown type 'amout'; did you mean 'amount'?",
// pointing at the offending node.
Result<FieldsFile> ReadFieldsFile(const std::filesystem::path& path);

}  // namespace travet::cli
