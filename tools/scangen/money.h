#pragma once

#include <cstdint>
#include <string>

namespace travet::scangen {

// Amounts are whole cents: exact sums, no floating point.

// "1.234,56" (Italian: dot for thousands, comma for decimals).
std::string FormatItalianAmount(std::int64_t cents);

// "1234.56": the exact decimal string of the ground truth.
std::string FormatDecimal(std::int64_t cents);

// `rate_percent` of `cents`, rounded half up to the cent (VAT on an invoice).
std::int64_t PercentOf(std::int64_t cents, int rate_percent);

}  // namespace travet::scangen
