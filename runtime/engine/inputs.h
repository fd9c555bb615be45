#pragma once

#include <map>
#include <string>

#include "runtime/core/result.h"
#include "runtime/core/value.h"
#include "runtime/lang/model.h"

namespace travet::engine {

// The inputs of a run: each declared input from `given` (text from
// `-i key=value`, converted to the declared type) or its default. Errors name
// the input: "input 'threshold' must be a number, not 'abc'",
// "missing input 'inbox'", "unknown input 'tresh'; did you mean 'threshold'?".
Result<Value> ResolveInputs(const lang::Bot& bot, const std::map<std::string, std::string>& given);

// As ResolveInputs, from typed values (an API request body).
Result<Value> ResolveInputValues(const lang::Bot& bot, const Value& given);

}  // namespace travet::engine
