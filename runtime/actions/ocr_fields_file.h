#pragma once

#include <filesystem>
#include <vector>

#include "ocr/fields/field_set.h"
#include "runtime/core/result.h"
#include "runtime/lang/action_spec.h"

namespace travet::actions {

// Reads a FIELDS.yaml file (`travet ocr --fields`, the benchmarks) in one of
// two forms:
//  - a map of field name -> spec, as under `fields:` of an `ocr.extract` step;
//  - a map with the keys `fields:` (that map), and optionally
//    `min_confidence:` (0..100) and `totals: [imponibile, iva, totale]`.
// The second form is chosen when the top-level map has a `fields` key. The
// spec is checked by ocr::CheckFieldSet, as the bot loader checks an
// `ocr.extract` step. Errors (kInvalidArgument, kNotFound for a missing file)
// are one line per problem, in file order, each pointing at its node:
// "fields.yaml:4:9: field 'total': unknown type 'amout'; did you mean 'amount'?".
Result<ocr::FieldSet> ReadFieldsFile(const std::filesystem::path& path);

// The problems of ocr::CheckFieldSet on `with` (an `ocr.extract` step's
// parameters), for the loader: the same messages as ReadFieldsFile.
std::vector<lang::ParamProblem> CheckExtractParams(const Value& with);

}  // namespace travet::actions
