#include "tools/scangen/money.h"

namespace travet::scangen {
namespace {

std::string TwoDigits(std::int64_t n) {
  return n < 10 ? "0" + std::to_string(n) : std::to_string(n);
}

}  // namespace

std::string FormatItalianAmount(std::int64_t cents) {
  const std::string units = std::to_string(cents / 100);
  std::string grouped;
  for (std::size_t i = 0; i < units.size(); ++i) {
    if (i > 0 && (units.size() - i) % 3 == 0)
      grouped.push_back('.');
    grouped.push_back(units[i]);
  }
  return grouped + "," + TwoDigits(cents % 100);
}

std::string FormatDecimal(std::int64_t cents) {
  return std::to_string(cents / 100) + "." + TwoDigits(cents % 100);
}

std::int64_t PercentOf(std::int64_t cents, int rate_percent) {
  return (cents * rate_percent + 50) / 100;
}

}  // namespace travet::scangen
