#pragma once

#include <nlohmann/json.hpp>

namespace travet {

// The JSON-like value that flows between steps: inputs, step outputs, action
// parameters, checkpoints. Amounts are carried as decimal strings, never as
// binary floats.
using Value = nlohmann::json;

}  // namespace travet
