#pragma once

#include <string>
#include <vector>

#include "ocr/validators/validators.h"
#include "runtime/core/result.h"
#include "runtime/core/value.h"

namespace travet::review {

// What the validator of `field`'s type (its "type"; text when it has none or
// an unknown one) says of `value`, as a correction of the field is judged:
// text is always valid and kept as typed; a typed value is normalised
// (dates to ISO, amounts to "1234.56") and its message says why it is not
// valid ("check digit is 3, expected 7").
ocr::Verdict CheckFieldValue(const Value& field, const std::string& value);

// The value to keep for a correction of field `name` of a task's `fields`,
// checked against the field's type with the OCR validators: typed values
// are normalised (dates to ISO, amounts to "1234.56"). kInvalidArgument
// "the task has no field 'totale'", or "'01234567891' is not a valid
// partita_iva for field 'vat': <why>" unless `force` keeps it as typed.
Result<std::string> CheckCorrection(const std::string& name, const std::string& value,
                                    const Value& fields, bool force);

// Turns `--set field=value` pairs into corrections for a task's `fields`,
// each checked as CheckCorrection does (a refused value's message ends
// "(use --force to keep it anyway)").
Result<Value> ParseCorrections(const std::vector<std::string>& pairs, const Value& fields,
                               bool force);

}  // namespace travet::review
