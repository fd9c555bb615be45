#include "ocr/validators/decimal_amount.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <vector>

#include "ocr/validators/ascii_chars.h"

namespace travet::ocr {
namespace {

constexpr std::size_t kMaxIntegerDigits = 15;  // keeps cents far from int64 overflow

// Whether s[at...] is `lower` (lowercase ASCII or UTF-8), ignoring ASCII case.
bool MatchesAt(const std::string& s, std::size_t at, std::string_view lower) {
  if (s.size() < at + lower.size())
    return false;
  for (std::size_t i = 0; i < lower.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(s[at + i])) !=
        static_cast<unsigned char>(lower[i])) {
      return false;
    }
  }
  return true;
}

bool ConsumePrefix(std::string& s, std::string_view prefix) {
  if (!MatchesAt(s, 0, prefix))
    return false;
  s.erase(0, prefix.size());
  return true;
}

bool ConsumeSuffix(std::string& s, std::string_view suffix) {
  if (s.size() < suffix.size() || !MatchesAt(s, s.size() - suffix.size(), suffix))
    return false;
  s.erase(s.size() - suffix.size());
  return true;
}

// Removes spaces, including the no-break and thin spaces typesetters put
// between thousand groups, and reads a typographic minus as '-'.
std::string Compact(std::string_view raw) {
  std::string s(raw);
  for (std::string_view space : {"\xC2\xA0", "\xE2\x80\xAF", "\xE2\x80\x89"}) {
    for (auto pos = s.find(space); pos != std::string::npos; pos = s.find(space)) {
      s.erase(pos, space.size());
    }
  }
  for (std::string_view minus : {"\xE2\x88\x92", "\xE2\x80\x93"}) {
    for (auto pos = s.find(minus); pos != std::string::npos; pos = s.find(minus)) {
      s.replace(pos, minus.size(), "-");
    }
  }
  std::erase_if(s, [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; });
  return s;
}

// Whether every space that stands between two digits groups thousands: the
// digits after it run to exactly 3. A receipt's dot-matrix total "64 13" lost
// its decimal point; read as 6413 it would be a wrong payment.
bool SpacesGroupThousands(std::string_view raw) {
  for (std::size_t at = 1; at + 1 < raw.size(); ++at) {
    if (raw[at] != ' ' || !IsAsciiDigit(raw[at - 1]) || !IsAsciiDigit(raw[at + 1]))
      continue;
    std::size_t end = at + 1;
    while (end < raw.size() && IsAsciiDigit(raw[end]))
      ++end;
    if (end - at - 1 != 3)
      return false;
  }
  return true;
}

// Peels currencies and signs off both ends; counts the signs seen.
void PeelDecorations(std::string& s, bool& negative, int& signs) {
  static constexpr std::string_view kCurrencies[] = {"\xE2\x82\xAC", "euro", "eur", "$",
                                                     "\xC2\xA3",     "usd",  "gbp", "chf"};
  for (bool changed = true; changed && !s.empty();) {
    changed = false;
    for (std::string_view currency : kCurrencies) {
      changed = changed || ConsumePrefix(s, currency) || ConsumeSuffix(s, currency);
    }
    if (s.empty())
      break;
    if (s.front() == '-' || s.front() == '+' || s.back() == '-') {
      negative = negative || s.front() == '-' || s.back() == '-';
      s.erase(s.front() == '-' || s.front() == '+' ? s.begin() : s.end() - 1);
      ++signs;
      changed = true;
    } else if (s.size() >= 2 && s.front() == '(' && s.back() == ')') {
      s = s.substr(1, s.size() - 2);
      negative = true;
      ++signs;
      changed = true;
    }
  }
}

std::vector<std::string> Split(std::string_view s, char separator) {
  std::vector<std::string> parts(1);
  for (char c : s) {
    if (c == separator) {
      parts.emplace_back();
    } else {
      parts.back() += c;
    }
  }
  return parts;
}

}  // namespace

std::string JoinThousandGroups(std::string_view digits, char separator) {
  std::vector<std::string> groups = Split(digits, separator);
  if (groups.size() > 1 && (groups.front().empty() || groups.front().size() > 3))
    return "";
  std::string joined;
  for (std::size_t i = 0; i < groups.size(); ++i) {
    if (i > 0 && groups[i].size() != 3)
      return "";
    joined += groups[i];
  }
  bool digits_only = std::all_of(joined.begin(), joined.end(), IsAsciiDigit);
  return digits_only ? joined : "";
}

namespace {

// The thousands separator: the one that is not the decimal separator.
char GroupingSeparator(const std::string& s, char decimal) {
  if (decimal != 0)
    return decimal == ',' ? '.' : ',';
  auto first = s.find_first_of(".,");
  return first == std::string::npos ? '.' : s[first];
}

// Which separator is the decimal one, or 0 when there is none (see header).
char DecimalSeparator(const std::string& s) {
  auto last_dot = s.rfind('.');
  auto last_comma = s.rfind(',');
  if (last_dot != std::string::npos && last_comma != std::string::npos) {
    return last_dot > last_comma ? '.' : ',';
  }
  auto last = last_dot != std::string::npos ? last_dot : last_comma;
  if (last == std::string::npos)
    return 0;
  if (s.find(s[last]) != last)
    return 0;  // repeated: groups thousands
  return s.size() - last - 1 == 3 ? '\0' : s[last];
}

}  // namespace

std::string DecimalAmount::ToString() const {
  std::int64_t magnitude = cents < 0 ? -cents : cents;
  std::string fraction = std::to_string(magnitude % 100);
  if (fraction.size() < 2)
    fraction.insert(0, "0");
  return (cents < 0 ? "-" : "") + std::to_string(magnitude / 100) + "." + fraction;
}

Result<DecimalAmount> ParseAmount(std::string_view raw) {
  std::string quoted = "'" + std::string(raw) + "'";
  std::string s = Compact(raw);
  bool negative = false;
  int signs = 0;
  PeelDecorations(s, negative, signs);
  bool well_formed = !s.empty() && IsAsciiDigit(s.front()) && IsAsciiDigit(s.back()) &&
                     std::all_of(s.begin(), s.end(),
                                 [](char c) { return IsAsciiDigit(c) || c == '.' || c == ','; });
  if (!well_formed)
    return InvalidArgument("not an amount: " + quoted);
  if (signs > 1)
    return InvalidArgument("more than one sign in " + quoted);
  if (!SpacesGroupThousands(raw))
    return InvalidArgument("bad digit grouping in " + quoted);
  char decimal = DecimalSeparator(s);
  std::string integer_part = decimal ? s.substr(0, s.rfind(decimal)) : s;
  std::string fraction = decimal ? s.substr(s.rfind(decimal) + 1) : "";
  if (fraction.size() > 2)
    return InvalidArgument("more than 2 decimals in " + quoted);
  std::string digits = JoinThousandGroups(integer_part, GroupingSeparator(s, decimal));
  if (digits.empty())
    return InvalidArgument("bad digit grouping in " + quoted);
  digits.erase(0, std::min(digits.find_first_not_of('0'), digits.size() - 1));
  if (digits.size() > kMaxIntegerDigits)
    return InvalidArgument("too many digits in " + quoted);
  fraction.resize(2, '0');
  std::int64_t cents = std::strtoll((digits + fraction).c_str(), nullptr, 10);
  return DecimalAmount{negative ? -cents : cents};
}

}  // namespace travet::ocr
