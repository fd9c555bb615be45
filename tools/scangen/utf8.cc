#include "tools/scangen/utf8.h"

#include <cstdint>

namespace travet::scangen {
namespace {

// Length of the sequence that starts with `lead`, 0 when it cannot start one.
int SequenceLength(std::uint8_t lead) {
  if (lead < 0x80)
    return 1;
  if ((lead & 0xE0) == 0xC0)
    return 2;
  if ((lead & 0xF0) == 0xE0)
    return 3;
  if ((lead & 0xF8) == 0xF0)
    return 4;
  return 0;
}

bool IsValidCodePoint(char32_t cp, int length) {
  static constexpr char32_t kMinimum[] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < kMinimum[length])
    return false;  // overlong
  if (cp >= 0xD800 && cp <= 0xDFFF)
    return false;
  return cp <= 0x10FFFF;
}

}  // namespace

Result<std::u32string> DecodeUtf8(std::string_view text) {
  std::u32string out;
  for (std::size_t i = 0; i < text.size();) {
    const auto lead = static_cast<std::uint8_t>(text[i]);
    const int length = SequenceLength(lead);
    if (length == 0 || i + length > text.size()) {
      return InvalidArgument("invalid UTF-8 at byte " + std::to_string(i));
    }
    char32_t cp = length == 1 ? lead : lead & (0x7F >> length);
    for (int k = 1; k < length; ++k) {
      const auto next = static_cast<std::uint8_t>(text[i + k]);
      if ((next & 0xC0) != 0x80) {
        return InvalidArgument("invalid UTF-8 at byte " + std::to_string(i));
      }
      cp = (cp << 6) | (next & 0x3F);
    }
    if (!IsValidCodePoint(cp, length)) {
      return InvalidArgument("invalid UTF-8 at byte " + std::to_string(i));
    }
    out.push_back(cp);
    i += length;
  }
  return out;
}

}  // namespace travet::scangen
