#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace travet::expr {

// Whether `text` is well-formed UTF-8: no stray continuation bytes, overlong
// forms, surrogates or code points past U+10FFFF.
bool IsValidUtf8(std::string_view text);

// `text` made fit for an error message: each byte that is not part of valid
// UTF-8 becomes '?', and text longer than `max_bytes` is cut at a character
// boundary and ends in "...".
std::string ForMessage(std::string_view text, size_t max_bytes = 80);

}  // namespace travet::expr
