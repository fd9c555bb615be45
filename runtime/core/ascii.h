#pragma once

#include <string>
#include <string_view>

namespace travet {

// `text` with A-Z as a-z and every other byte as it is: for names that are
// ASCII by definition (HTTP header names, URL schemes, codes), never for
// people's text.
inline std::string AsciiLower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z')
      c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

}  // namespace travet
