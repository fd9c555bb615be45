#pragma once

#include <optional>
#include <string>

namespace travet::cli {

// Which end of a period a --since/--until option gives.
enum class Bound { kFrom, kUntil };

// The store's form of a time bound given on the command line: YYYY-MM-DD
// (UTC midnight; as kUntil the midnight after it, so the day is included;
// 9999-12-31 has no day after, and ends at its last millisecond)
// or an RFC 3339 UTC time (2026-11-27T08:15Z, ...:00Z, ...:00.123Z), with the
// milliseconds the store writes, so that text order is time order. nullopt
// when `text` is neither.
std::optional<std::string> StoreTimeBound(const std::string& text, Bound bound);

// "use YYYY-MM-DD or 2026-11-27T08:15:00Z": for error messages.
inline constexpr const char* kTimeBoundHint = "use YYYY-MM-DD or 2026-11-27T08:15:00Z";

}  // namespace travet::cli
