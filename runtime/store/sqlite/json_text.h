#pragma once

#include <string>
#include <string_view>

#include "runtime/core/result.h"
#include "runtime/core/value.h"

namespace travet::store::sqlite {

// `value` as compact JSON text for a TEXT column. Invalid UTF-8 (e.g. bytes
// of a binary file in a step output) becomes U+FFFD instead of failing.
std::string ToJson(const Value& value);

// Parses a JSON column of the store at `path`; kInternal "sqlite PATH: WHAT is
// not JSON" when the text is not JSON (a damaged row).
Result<Value> FromJson(const std::string& text, const std::string& path, std::string_view what);

}  // namespace travet::store::sqlite
