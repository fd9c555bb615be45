#pragma once

#include <string>
#include <string_view>

namespace travet::expr {

// How a decimal loses the places it cannot keep.
enum class RoundingMode { kHalfUp, kHalfEven, kDown, kUp };

// An exact decimal number: units × 10^-scale, in a 128-bit integer. Never a
// binary float, so 0.1 + 0.2 is 0.3 and a KPI never prints 8.299999999999999.
// At most kMaxDigits significant digits and kMaxScale places.
struct Decimal {
  static constexpr int kMaxDigits = 36;
  static constexpr int kMaxScale = 18;

  __int128 units = 0;
  int scale = 0;

  // The exact value, all its places kept: "-1234.50", "0.001", "12".
  std::string ToString() const;
};

// The functions below answer with out-parameters rather than Result: the Lua
// callbacks that call them must hold no C++ object with a destructor when
// they raise a Lua error (a longjmp), so reasons go to the sandbox's scratch
// text.

// The mode named `name` ("half_up", "half_even", "down", "up"); false, with
// the reason in `error`, for any other name.
bool ParseRoundingMode(std::string_view name, RoundingMode* mode, std::string* error);

// Reads `text` as written in `locale`: "it" groups thousands with '.' and
// has ',' before the decimals ("-1.234,56"); "en" groups with ',' and uses
// '.' ("1,234.56"); "" (plain) takes "1234.56" with no grouping. Surrounding
// spaces and a leading + or - are allowed; groups after the first must have 3
// digits. False, with the reason in `error` (e.g. "not a decimal number:
// '12a'"), otherwise. Every operation below has the same contract: false and
// `error` say why (overflow, division by zero), `out` is written on success.
bool ParseDecimal(std::string_view text, std::string_view locale, Decimal* out, std::string* error);
// The exact value of an integer.
Decimal DecimalFromInteger(long long value);
// The shortest decimal that reads back as `value` (8.3, not 8.2999...).
bool DecimalFromDouble(double value, Decimal* out, std::string* error);

bool AddDecimals(const Decimal& a, const Decimal& b, Decimal* out, std::string* error);
bool SubtractDecimals(const Decimal& a, const Decimal& b, Decimal* out, std::string* error);
// Exact up to kMaxScale places; more are rounded half-up.
bool MultiplyDecimals(const Decimal& a, const Decimal& b, Decimal* out, std::string* error);
// How many places a result keeps (0..kMaxScale) and how it drops the others.
struct Rounding {
  int places = 0;
  RoundingMode mode = RoundingMode::kHalfUp;
};

// a / b with exactly `rounding.places` places.
bool DivideDecimals(const Decimal& a, const Decimal& b, Rounding rounding, Decimal* out,
                    std::string* error);
// `value` with exactly `places` places (0..kMaxScale): fewer are rounded by
// `mode`, more are zeros ("1.5" at 2 places is "1.50").
bool RoundDecimal(const Decimal& value, int places, RoundingMode mode, Decimal* out,
                  std::string* error);

// -1, 0 or 1 as a is less than, equal to or greater than b (1.50 == 1.5).
int CompareDecimals(const Decimal& a, const Decimal& b);

// `value` for people, all its places kept: "it" gives "1.234,56", "en"
// "1,234.56". False with the reason for any other locale.
bool FormatDecimal(const Decimal& value, std::string_view locale, std::string* out,
                   std::string* error);

// The nearest double (for :tonumber()).
double DecimalToDouble(const Decimal& value);

}  // namespace travet::expr
