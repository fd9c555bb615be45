#pragma once

#include <cstddef>
#include <string_view>

namespace travet::actions {

// The offset of the first byte of `s` that does not start a valid UTF-8
// sequence (overlong forms, surrogates and code points past U+10FFFF
// included), or npos.
size_t InvalidUtf8Offset(std::string_view s);

// The byte order mark some Windows programs put before UTF-8 text.
inline constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

// `data` without a leading kUtf8Bom.
inline std::string_view WithoutBom(std::string_view data) {
  if (data.starts_with(kUtf8Bom))
    data.remove_prefix(kUtf8Bom.size());
  return data;
}

}  // namespace travet::actions
