#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ocr/fields/field_spec.h"

// The parts of ParseFieldSpecs that say how to choose among places (pick,
// exclude, near) and which dates are plausible (date_range).
namespace travet::ocr {

// A problem in field `name` at key `key` (and below it, `more`).
SpecProblem SpecProblemAt(const std::string& name, std::vector<std::string> path,
                          std::string message, bool at_key = false);

// "; did you mean 'x'?" for the closest of `names` within a typo's reach
// (distance <= max(1, size / 3), a swap of two neighbours counting one), or
// "". Like the bot loader's rule; ocr/ does not depend on runtime/lang.
std::string SpecSuggestion(std::string_view word, const std::vector<std::string_view>& names);

// Reads `pick`, `exclude`, `near` and `date_range` of `def` into `spec`
// (whose type is already read); the first problem, if any.
std::optional<SpecProblem> ParseChoice(const Value& def, FieldSpec& spec);

}  // namespace travet::ocr
