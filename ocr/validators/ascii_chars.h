#pragma once

// Character classes of ASCII alone. <cctype>'s depend on the C locale and
// take an int that must not be a negative char: UTF-8 bytes of accented
// letters are. Identifiers, amounts and dates are ASCII.

namespace travet::ocr {

inline bool IsAsciiDigit(char c) {
  return c >= '0' && c <= '9';
}

inline bool IsAsciiUpper(char c) {
  return c >= 'A' && c <= 'Z';
}

}  // namespace travet::ocr
