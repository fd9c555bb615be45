#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "runtime/core/result.h"

namespace travet::ocr {

// An exact money amount in hundredths (cents). Amounts never pass through a
// binary float.
struct DecimalAmount {
  std::int64_t cents = 0;

  // "1234.56", "-12.00", "0.00": a dot before exactly two decimals.
  std::string ToString() const;
};

// Parses an amount as printed on Italian (and English) documents:
// "1.234,56", "€ 1 234,56", "EUR 1.234,56", "1234,5", "-12,00", "(12,00)",
// "12,00-", "1,234.56", "1234.56".
//
// Which separator is the decimal one:
//  - both '.' and ',' appear: the last one is the decimal separator, the other
//    one groups thousands;
//  - one separator appears once: followed by exactly 3 digits it groups
//    thousands ("1.234" and "1,234" are 1234.00, the Italian reading),
//    followed by 1 or 2 digits it is the decimal separator;
//  - one separator appears more than once: it groups thousands.
// Thousand groups must have exactly 3 digits (the first 1 to 3); at most 2
// decimals; at most 15 integer digits. A space between digits groups
// thousands too ("1 234,56"; "64 13" is an error); other spaces are ignored, a currency
// (€, EUR, Euro, $, £, USD, GBP, CHF) before or after is dropped.
// Errors (kInvalidArgument) say why, e.g. "bad digit grouping in '1,2,3'".
Result<DecimalAmount> ParseAmount(std::string_view raw);

// `digits` without its thousand separators ("1.234.567" -> "1234567") when
// every group after the first has exactly 3 digits and the first 1 to 3; a
// string without separators is returned as is. Empty when malformed or when
// anything but digits and `separator` appears.
std::string JoinThousandGroups(std::string_view digits, char separator);

}  // namespace travet::ocr
