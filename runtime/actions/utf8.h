#pragma once

#include <cstddef>
#include <string_view>

namespace travet::actions {

// The offset of the first byte of `s` that does not start a valid UTF-8
// sequence (overlong forms, surrogates and code points past U+10FFFF
// included), or npos.
size_t InvalidUtf8Offset(std::string_view s);

}  // namespace travet::actions
