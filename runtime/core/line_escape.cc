#include "runtime/core/line_escape.h"

namespace travet {
namespace {

bool IsControl(unsigned char c) {
  return c < 0x20 || c == 0x7f;
}

void AppendEscaped(std::string& out, unsigned char c) {
  static constexpr char kHex[] = "0123456789abcdef";
  switch (c) {
    case '\r':
      out += "\\r";
      return;
    case '\n':
      out += "\\n";
      return;
    case '\t':
      out += "\\t";
      return;
    default:
      out += "\\x";
      out += kHex[c >> 4];
      out += kHex[c & 0xf];
  }
}

}  // namespace

std::string EscapeControls(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char ch : text) {
    auto c = static_cast<unsigned char>(ch);
    if (IsControl(c))
      AppendEscaped(out, c);
    else
      out += ch;
  }
  return out;
}

}  // namespace travet
