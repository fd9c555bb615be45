#include "ocr/validators/check_digits.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <utility>

#include "ocr/validators/ascii_chars.h"

namespace travet::ocr {
namespace {

// 0..9 for a digit, 0..25 for a letter: the "even" value of the codice fiscale
// and CIN tables.
int EvenValue(char c) {
  return IsAsciiDigit(c) ? c - '0' : c - 'A';
}

// The "odd" table, indexed like EvenValue (the same for '0' and 'A', ...).
int OddValue(char c) {
  static constexpr std::array<int, 26> kOdd = {1,  0,  5, 7, 9, 13, 15, 17, 19, 21, 2,  4,  18,
                                               20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23};
  return kOdd[EvenValue(c)];
}

// Shared by the codice fiscale and the Italian BBAN's CIN: characters in odd
// positions (1-based) through the odd table, the others through the even one.
char Mod26CheckLetter(std::string_view chars) {
  int sum = 0;
  for (std::size_t i = 0; i < chars.size(); ++i) {
    sum += i % 2 == 0 ? OddValue(chars[i]) : EvenValue(chars[i]);
  }
  return static_cast<char>('A' + sum % 26);
}

constexpr std::string_view kOmocodia = "LMNPQRSTUV";  // stand for 0..9
constexpr std::string_view kMonthLetters = "ABCDEHLMPRST";

int DigitValue(char c) {
  return IsAsciiDigit(c) ? c - '0' : static_cast<int>(kOmocodia.find(c));
}

// The expected kind of each of the 15 characters before the check letter:
// 'A' a letter, '9' a digit (or its omocodia letter).
constexpr std::string_view kCodiceFiscaleLayout = "AAAAAA99A99A999";

std::string LayoutProblem(std::string_view code) {
  for (std::size_t i = 0; i < 16; ++i) {
    char c = code[i];
    bool letter_expected = i == 15 || kCodiceFiscaleLayout[i] == 'A';
    bool ok = letter_expected ? IsAsciiUpper(c)
                              : IsAsciiDigit(c) || kOmocodia.find(c) != std::string_view::npos;
    if (!ok) {
      return "character " + std::to_string(i + 1) + " is '" + std::string(1, c) + "', expected " +
             (letter_expected ? "a letter" : "a digit");
    }
  }
  return "";
}

// IBAN lengths of the SEPA countries.
constexpr std::array<std::pair<std::string_view, int>, 36> kIbanLengths = {{
    {"AD", 24}, {"AT", 20}, {"BE", 16}, {"BG", 22}, {"CH", 21}, {"CY", 28}, {"CZ", 24}, {"DE", 22},
    {"DK", 18}, {"EE", 20}, {"ES", 24}, {"FI", 18}, {"FR", 27}, {"GB", 22}, {"GR", 27}, {"HR", 21},
    {"HU", 28}, {"IE", 22}, {"IS", 26}, {"IT", 27}, {"LI", 21}, {"LT", 20}, {"LU", 20}, {"LV", 21},
    {"MC", 27}, {"MT", 31}, {"NL", 18}, {"NO", 15}, {"PL", 28}, {"PT", 25}, {"RO", 24}, {"SE", 24},
    {"SI", 19}, {"SK", 24}, {"SM", 27}, {"VA", 22},
}};

std::string LengthProblem(std::string_view iban) {
  std::string_view country = iban.substr(0, 2);
  auto known = std::find_if(kIbanLengths.begin(), kIbanLengths.end(),
                            [&](const auto& entry) { return entry.first == country; });
  auto size = static_cast<int>(iban.size());
  if (known != kIbanLengths.end()) {
    if (size == known->second)
      return "";
    return std::string(country) + " IBAN has " + std::to_string(size) + " characters, expected " +
           std::to_string(known->second);
  }
  if (size >= 15 && size <= 34)
    return "";
  return "IBAN has " + std::to_string(size) + " characters, expected 15..34";
}

// The IBAN with its first 4 characters moved to the end, letters as 10..35,
// modulo 97, digit by digit (the number has up to 68 digits).
int IbanMod97(std::string_view iban) {
  std::string rearranged = std::string(iban.substr(4)) + std::string(iban.substr(0, 4));
  int mod = 0;
  for (char c : rearranged) {
    int value = IsAsciiDigit(c) ? c - '0' : c - 'A' + 10;
    mod = (value >= 10 ? mod * 100 : mod * 10) + value;
    mod %= 97;
  }
  return mod;
}

std::string TwoDigits(int n) {
  return (n < 10 ? "0" : "") + std::to_string(n);
}

}  // namespace

char PartitaIvaCheckDigit(std::string_view digits) {
  int sum = 0;
  for (std::size_t i = 0; i < 10; ++i) {
    int d = digits[i] - '0';
    if (i % 2 == 1)
      d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return static_cast<char>('0' + (10 - sum % 10) % 10);
}

char CodiceFiscaleCheckChar(std::string_view code) {
  return Mod26CheckLetter(code.substr(0, 15));
}

std::string CodiceFiscaleProblem(std::string_view code) {
  if (code.size() != 16) {
    return "has " + std::to_string(code.size()) +
           " characters, expected 16 (or 11 digits for a company)";
  }
  if (std::string layout = LayoutProblem(code); !layout.empty())
    return layout;
  if (kMonthLetters.find(code[8]) == std::string_view::npos) {
    return "month letter '" + std::string(1, code[8]) + "' is not one of " +
           std::string(kMonthLetters);
  }
  int day = DigitValue(code[9]) * 10 + DigitValue(code[10]);
  if (day < 1 || (day > 31 && day < 41) || day > 71) {
    return "day " + std::to_string(day) + " is not 1..31 or 41..71";
  }
  char expected = CodiceFiscaleCheckChar(code);
  if (code[15] != expected) {
    return std::string("check character is ") + code[15] + ", expected " + expected;
  }
  return "";
}

std::string IbanProblem(std::string_view iban) {
  if (iban.size() < 4 || !IsAsciiUpper(iban[0]) || !IsAsciiUpper(iban[1]) ||
      !IsAsciiDigit(iban[2]) || !IsAsciiDigit(iban[3])) {
    return "does not start with a country code and 2 check digits";
  }
  auto bad = std::find_if(iban.begin(), iban.end(),
                          [](char c) { return !IsAsciiDigit(c) && !IsAsciiUpper(c); });
  if (bad != iban.end())
    return "'" + std::string(1, *bad) + "' is not a letter or a digit";
  if (std::string length = LengthProblem(iban); !length.empty())
    return length;
  if (IbanMod97(iban) != 1) {
    std::string zeroed = std::string(iban.substr(0, 2)) + "00" + std::string(iban.substr(4));
    return "check digits are " + std::string(iban.substr(2, 2)) + ", expected " +
           TwoDigits(98 - IbanMod97(zeroed));
  }
  bool has_cin = iban.starts_with("IT") || iban.starts_with("SM");
  if (has_cin && Mod26CheckLetter(iban.substr(5)) != iban[4]) {
    return std::string("CIN is ") + iban[4] + ", expected " + Mod26CheckLetter(iban.substr(5));
  }
  return "";
}

}  // namespace travet::ocr
