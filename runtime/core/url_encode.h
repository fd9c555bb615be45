#pragma once

#include <string>
#include <string_view>

namespace travet {

// Percent-encodes all but the unreserved characters (A-Z a-z 0-9 - . _ ~),
// upper-case hex, for query strings and URL-encoded forms; `plus_for_space`
// writes a space as '+', as HTML forms do. The one encoder of the runtime:
// the secret mask hides exactly what it writes.
std::string UrlEncode(std::string_view text, bool plus_for_space = false);

}  // namespace travet
