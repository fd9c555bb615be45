#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace travet {

// The offset of the first byte of `text` that does not start a well-formed
// UTF-8 sequence (stray continuation bytes, overlong forms, surrogates and
// code points past U+10FFFF included), or npos.
size_t InvalidUtf8Offset(std::string_view text);

// Whether `text` is well-formed UTF-8.
inline bool IsValidUtf8(std::string_view text) {
  return InvalidUtf8Offset(text) == std::string_view::npos;
}

// The byte order mark some Windows programs put before UTF-8 text.
inline constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

// `data` without a leading kUtf8Bom.
inline std::string_view WithoutBom(std::string_view data) {
  if (data.starts_with(kUtf8Bom))
    data.remove_prefix(kUtf8Bom.size());
  return data;
}

// `text` made fit for an error message: each byte that is not part of valid
// UTF-8 becomes '?', and text longer than `max_bytes` is cut at a character
// boundary and ends in "...".
std::string ForMessage(std::string_view text, size_t max_bytes = 80);

}  // namespace travet
