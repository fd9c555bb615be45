#pragma once

#include <string_view>

#include "runtime/core/clock.h"
#include "runtime/core/result.h"

namespace travet {

// Parses "250ms", "30s", "5m", "2h" or "1m30s" into milliseconds. A bare number
// is seconds. Errors name the text that could not be read.
Result<Millis> ParseDuration(std::string_view text);

}  // namespace travet
