#pragma once

#include <cstddef>
#include <string_view>

namespace travet {

// How deep JSON may nest where it enters a run (a file read as JSON, an HTTP
// response, an input). Every later step walks a value recursively (copies,
// checkpoints, Lua), so a document of 60,000 '[' would end the process on the
// first of them; such a document is refused before it is parsed instead. The
// same limit holds for tables a script returns.
inline constexpr int kMaxJsonDepth = 100;

// The byte offset of the bracket that first nests deeper than
// kMaxJsonDepth in the JSON text `text`, or npos. Brackets inside strings do
// not count; `text` need not be valid JSON.
size_t JsonTooDeepAt(std::string_view text);

}  // namespace travet
