#include "runtime/expr/decimal.h"

#include <array>
#include <charconv>
#include <cmath>
#include <cstdlib>

#include "ocr/validators/decimal_amount.h"

namespace travet::expr {
namespace {

using Int128 = __int128;

constexpr int kMaxPower = 38;  // 10^38 still fits a signed 128-bit integer
constexpr size_t kMaxQuoted = 40;
constexpr const char* kOverflow = "decimal overflow: more than 36 digits";

constexpr std::array<Int128, kMaxPower + 1> MakePowers() {
  std::array<Int128, kMaxPower + 1> powers{};
  powers[0] = 1;
  for (size_t i = 1; i < powers.size(); ++i)
    powers[i] = powers[i - 1] * 10;
  return powers;
}
constexpr std::array<Int128, kMaxPower + 1> kPowers = MakePowers();

Int128 Magnitude(Int128 value) {
  return value < 0 ? -value : value;
}

bool Fits(Int128 units) {
  return Magnitude(units) < kPowers[Decimal::kMaxDigits];
}

bool Fail(std::string* error, std::string message) {
  *error = std::move(message);
  return false;
}

// num / den rounded by `mode`; den is not zero.
Int128 DivideRounded(Int128 num, Int128 den, RoundingMode mode) {
  const Int128 quotient = num / den;
  const Int128 remainder = Magnitude(num % den);
  if (remainder == 0)
    return quotient;
  const Int128 away = (num < 0) != (den < 0) ? -1 : 1;
  const Int128 rest = Magnitude(den) - remainder;  // compared without doubling
  switch (mode) {
    case RoundingMode::kDown:
      return quotient;
    case RoundingMode::kUp:
      return quotient + away;
    case RoundingMode::kHalfUp:
      return remainder >= rest ? quotient + away : quotient;
    case RoundingMode::kHalfEven:
      if (remainder > rest || (remainder == rest && quotient % 2 != 0))
        return quotient + away;
      return quotient;
  }
  return quotient;
}

// `units` with `places` more decimal places; false on overflow.
bool ScaleUp(Int128 units, int places, Int128* out) {
  if (places > kMaxPower)
    return units == 0 ? (*out = 0, true) : false;
  return !__builtin_mul_overflow(units, kPowers[places], out);
}

bool Rescale(const Decimal& value, int scale, RoundingMode mode, Decimal* out) {
  Int128 units = 0;
  if (scale >= value.scale) {
    if (!ScaleUp(value.units, scale - value.scale, &units))
      return false;
  } else {
    units = DivideRounded(value.units, kPowers[value.scale - scale], mode);
  }
  *out = Decimal{units, scale};
  return Fits(units);
}

std::string Quoted(std::string_view text) {
  if (text.size() > kMaxQuoted)
    return "'" + std::string(text.substr(0, kMaxQuoted)) + "...'";
  return "'" + std::string(text) + "'";
}

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
    text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t'))
    text.remove_suffix(1);
  return text;
}

bool AllDigits(std::string_view text) {
  for (char c : text) {
    if (c < '0' || c > '9')
      return false;
  }
  return true;
}

// The separators of `locale`: thousands ('\0' for none) and decimals.
bool Separators(std::string_view locale, char* group, char* point, std::string* error) {
  if (locale == "it") {
    *group = '.';
    *point = ',';
  } else if (locale == "en") {
    *group = ',';
    *point = '.';
  } else if (locale.empty()) {
    *group = '\0';
    *point = '.';
  } else {
    return Fail(error, "unknown locale " + Quoted(locale) + " (use \"it\" or \"en\")");
  }
  return true;
}

// Digits of `whole` and `fraction` (already checked) as a Decimal.
bool Assemble(std::string_view whole, std::string_view fraction, bool negative, Decimal* out,
              std::string* error) {
  if (fraction.size() > static_cast<size_t>(Decimal::kMaxScale))
    return Fail(error, "more than 18 decimal places");
  const size_t first = whole.find_first_not_of('0');
  const size_t significant =
      (first == std::string_view::npos ? 0 : whole.size() - first) + fraction.size();
  if (significant > static_cast<size_t>(Decimal::kMaxDigits))
    return Fail(error, kOverflow);
  Int128 units = 0;
  for (std::string_view part : {whole, fraction}) {
    for (char c : part)
      units = units * 10 + (c - '0');
  }
  *out = Decimal{negative ? -units : units, static_cast<int>(fraction.size())};
  return true;
}

std::string Digits(Int128 magnitude) {
  std::string digits;
  do {
    digits.insert(digits.begin(), static_cast<char>('0' + static_cast<int>(magnitude % 10)));
    magnitude /= 10;
  } while (magnitude != 0);
  return digits;
}

}  // namespace

std::string Decimal::ToString() const {
  std::string digits = Digits(Magnitude(units));
  if (digits.size() <= static_cast<size_t>(scale))
    digits.insert(0, static_cast<size_t>(scale) + 1 - digits.size(), '0');
  if (scale > 0)
    digits.insert(digits.size() - static_cast<size_t>(scale), 1, '.');
  return units < 0 ? "-" + digits : digits;
}

bool ParseRoundingMode(std::string_view name, RoundingMode* mode, std::string* error) {
  constexpr std::pair<std::string_view, RoundingMode> kModes[] = {
      {"half_up", RoundingMode::kHalfUp},
      {"half_even", RoundingMode::kHalfEven},
      {"down", RoundingMode::kDown},
      {"up", RoundingMode::kUp},
  };
  for (const auto& [known, value] : kModes) {
    if (name == known) {
      *mode = value;
      return true;
    }
  }
  return Fail(error, "unknown rounding mode " + Quoted(name) +
                         " (use \"half_up\", \"half_even\", \"down\" or \"up\")");
}

bool ParseDecimal(std::string_view text, std::string_view locale, Decimal* out,
                  std::string* error) {
  char group = '\0';
  char point = '.';
  if (!Separators(locale, &group, &point, error))
    return false;
  std::string_view body = Trim(text);
  const bool negative = !body.empty() && body.front() == '-';
  if (!body.empty() && (body.front() == '-' || body.front() == '+'))
    body.remove_prefix(1);
  const size_t at = body.find(point);
  std::string_view whole = body.substr(0, at);
  const std::string_view fraction = at == std::string_view::npos ? "" : body.substr(at + 1);
  std::string joined;
  if (group != '\0' && whole.find(group) != std::string_view::npos) {
    joined = ocr::JoinThousandGroups(whole, group);
    whole = joined;
  }
  if (whole.empty() || !AllDigits(whole) || !AllDigits(fraction) ||
      (at != std::string_view::npos && fraction.empty())) {
    return Fail(error, "not a decimal number: " + Quoted(text));
  }
  return Assemble(whole, fraction, negative, out, error);
}

Decimal DecimalFromInteger(long long value) {
  return Decimal{static_cast<Int128>(value), 0};
}

bool DecimalFromDouble(double value, Decimal* out, std::string* error) {
  if (!std::isfinite(value))
    return Fail(error, "not a finite number");
  std::array<char, 400> text{};
  const auto written =
      std::to_chars(text.data(), text.data() + text.size(), value, std::chars_format::fixed);
  if (written.ec != std::errc())
    return Fail(error, kOverflow);
  return ParseDecimal(std::string_view(text.data(), written.ptr - text.data()), "", out, error);
}

bool AddDecimals(const Decimal& a, const Decimal& b, Decimal* out, std::string* error) {
  const int scale = std::max(a.scale, b.scale);
  Decimal left;
  Decimal right;
  Int128 sum = 0;
  if (!Rescale(a, scale, RoundingMode::kDown, &left) ||
      !Rescale(b, scale, RoundingMode::kDown, &right) ||
      __builtin_add_overflow(left.units, right.units, &sum) || !Fits(sum)) {
    return Fail(error, kOverflow);
  }
  *out = Decimal{sum, scale};
  return true;
}

bool SubtractDecimals(const Decimal& a, const Decimal& b, Decimal* out, std::string* error) {
  return AddDecimals(a, Decimal{-b.units, b.scale}, out, error);
}

bool MultiplyDecimals(const Decimal& a, const Decimal& b, Decimal* out, std::string* error) {
  Int128 product = 0;
  if (__builtin_mul_overflow(a.units, b.units, &product))
    return Fail(error, kOverflow);
  const Decimal exact{product, a.scale + b.scale};
  if (!Rescale(exact, std::min(exact.scale, Decimal::kMaxScale), RoundingMode::kHalfUp, out))
    return Fail(error, kOverflow);
  return true;
}

bool DivideDecimals(const Decimal& a, const Decimal& b, Rounding rounding, Decimal* out,
                    std::string* error) {
  const int scale = rounding.places;
  if (scale < 0 || scale > Decimal::kMaxScale)
    return Fail(error, "decimal places must be 0..18, not " + std::to_string(scale));
  if (b.units == 0)
    return Fail(error, "division by zero");
  Int128 num = a.units;
  Int128 den = b.units;
  const int shift = scale + b.scale - a.scale;
  if ((shift >= 0 && !ScaleUp(num, shift, &num)) || (shift < 0 && !ScaleUp(den, -shift, &den)))
    return Fail(error, kOverflow);
  const Int128 quotient = DivideRounded(num, den, rounding.mode);
  if (!Fits(quotient))
    return Fail(error, kOverflow);
  *out = Decimal{quotient, scale};
  return true;
}

bool RoundDecimal(const Decimal& value, int places, RoundingMode mode, Decimal* out,
                  std::string* error) {
  if (places < 0 || places > Decimal::kMaxScale)
    return Fail(error, "decimal places must be 0..18, not " + std::to_string(places));
  if (!Rescale(value, places, mode, out))
    return Fail(error, kOverflow);
  return true;
}

int CompareDecimals(const Decimal& a, const Decimal& b) {
  const int scale = std::max(a.scale, b.scale);
  Int128 left = 0;
  Int128 right = 0;
  const bool left_fits = ScaleUp(a.units, scale - a.scale, &left);
  const bool right_fits = ScaleUp(b.units, scale - b.scale, &right);
  // A value too large to rescale is larger in magnitude than the other one.
  if (!left_fits)
    return a.units < 0 ? -1 : 1;
  if (!right_fits)
    return b.units < 0 ? 1 : -1;
  return left < right ? -1 : (left > right ? 1 : 0);
}

bool FormatDecimal(const Decimal& value, std::string_view locale, std::string* out,
                   std::string* error) {
  char group = '\0';
  char point = '.';
  if (locale.empty() || !Separators(locale, &group, &point, error))
    return locale.empty() ? Fail(error, "a locale is needed (\"it\" or \"en\")") : false;
  std::string text = Decimal{Magnitude(value.units), value.scale}.ToString();
  size_t end = text.find('.');
  if (end != std::string::npos)
    text[end] = point;
  else
    end = text.size();
  for (size_t at = end; at > 3; at -= 3)
    text.insert(at - 3, 1, group);
  *out = value.units < 0 ? "-" + text : text;
  return true;
}

double DecimalToDouble(const Decimal& value) {
  return std::strtod(value.ToString().c_str(), nullptr);
}

}  // namespace travet::expr
