#pragma once

#include <string>
#include <vector>

#include "runtime/core/result.h"
#include "runtime/core/value.h"

namespace travet::review {

// Turns `--set field=value` pairs into corrections for a task's `fields`,
// checking each against the field's type with the OCR validators (a
// corrected partita IVA with a wrong check digit is refused unless `force`).
// Typed values are normalised (dates to ISO, amounts to "1234.56").
Result<Value> ParseCorrections(const std::vector<std::string>& pairs, const Value& fields,
                               bool force);

}  // namespace travet::review
