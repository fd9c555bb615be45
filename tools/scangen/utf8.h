#pragma once

#include <string>
#include <string_view>

#include "runtime/core/result.h"

namespace travet::scangen {

// The Unicode code points of the UTF-8 text `text`. Malformed input (a bad
// lead byte, a truncated or overlong sequence, a surrogate) is
// kInvalidArgument naming the byte offset.
Result<std::u32string> DecodeUtf8(std::string_view text);

}  // namespace travet::scangen
