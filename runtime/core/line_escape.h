#pragma once

#include <string>
#include <string_view>

namespace travet {

// `text` made safe to write as (part of) one line of a log: CR, LF and tab
// become \r, \n and \t, other control characters (C0 and DEL, e.g. ESC) become
// \xNN. Everything else, UTF-8 and backslashes included, is kept as it is.
// For lines people read: a URL or a name with CRLF in it can then neither
// start a forged line nor move the terminal's cursor.
std::string EscapeControls(std::string_view text);

}  // namespace travet
