#include "runtime/core/duration.h"

#include <cctype>
#include <string>

namespace travet {
namespace {

Result<long long> UnitMillis(std::string_view unit) {
  if (unit == "ms")
    return 1LL;
  if (unit == "s" || unit.empty())
    return 1000LL;
  if (unit == "m")
    return 60'000LL;
  if (unit == "h")
    return 3'600'000LL;
  return InvalidArgument("unknown unit '" + std::string(unit) + "'");
}

}  // namespace

Result<Millis> ParseDuration(std::string_view text) {
  auto bad = [&](const std::string& why) {
    return InvalidArgument("bad duration '" + std::string(text) + "': " + why +
                           " (use e.g. 500ms, 30s, 5m, 1h)");
  };
  if (text.empty())
    return bad("empty");
  long long total = 0;
  size_t i = 0;
  while (i < text.size()) {
    size_t start = i;
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])))
      ++i;
    if (i == start)
      return bad("expected a number");
    if (i - start > 9)
      return bad("number too large");
    long long n = std::stoll(std::string(text.substr(start, i - start)));
    size_t unit_start = i;
    while (i < text.size() && std::isalpha(static_cast<unsigned char>(text[i])))
      ++i;
    auto unit = UnitMillis(text.substr(unit_start, i - unit_start));
    if (!unit)
      return bad(unit.error().message());
    total += n * *unit;
  }
  return Millis(total);
}

}  // namespace travet
