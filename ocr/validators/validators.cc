#include "ocr/validators/validators.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <optional>
#include <utility>
#include <vector>

#include "ocr/validators/ascii_chars.h"
#include "ocr/validators/check_digits.h"
#include "ocr/validators/decimal_amount.h"
#include "ocr/validators/italian_date.h"
#include "runtime/core/ascii.h"

namespace travet::ocr {
namespace {

constexpr std::array<std::pair<FieldType, std::string_view>, 9> kTypeNames = {{
    {FieldType::kText, "text"},
    {FieldType::kDate, "date"},
    {FieldType::kAmount, "amount"},
    {FieldType::kPartitaIva, "partita_iva"},
    {FieldType::kCodiceFiscale, "codice_fiscale"},
    {FieldType::kIban, "iban"},
    {FieldType::kCap, "cap"},
    {FieldType::kEmail, "email"},
    {FieldType::kInteger, "integer"},
}};

bool AllDigits(std::string_view s) {
  return std::all_of(s.begin(), s.end(), IsAsciiDigit);
}

std::string StripSpaces(std::string_view raw) {
  std::string s(raw);
  std::erase_if(s, [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; });
  return s;
}

std::string ToUpper(std::string s) {
  for (char& c : s)
    c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

bool IsDomainName(const std::string& domain) {
  std::vector<std::string> labels(1);
  for (char c : domain) {
    if (c == '.') {
      labels.emplace_back();
    } else {
      labels.back() += c;
    }
  }
  auto label_ok = [](const std::string& label) {
    return !label.empty() && label.size() <= 63 && label.front() != '-' && label.back() != '-' &&
           std::all_of(label.begin(), label.end(), [](char c) {
             return std::isalnum(static_cast<unsigned char>(c)) || c == '-';
           });
  };
  const std::string& tld = labels.back();
  return labels.size() >= 2 && std::all_of(labels.begin(), labels.end(), label_ok) &&
         tld.size() >= 2 && std::all_of(tld.begin(), tld.end(), [](char c) {
           return std::isalpha(static_cast<unsigned char>(c));
         });
}

Verdict Valid(std::string value, bool checksum = false) {
  return Verdict{true, std::move(value), "", checksum, false};
}

Verdict Invalid(std::string value, std::string message) {
  return Verdict{false, std::move(value), std::move(message), false, false};
}

std::string Trim(std::string_view raw) {
  auto first = raw.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos)
    return "";
  auto last = raw.find_last_not_of(" \t\r\n");
  return std::string(raw.substr(first, last - first + 1));
}

std::string CollapseSpaces(std::string_view raw) {
  std::string out;
  for (char c : Trim(raw)) {
    bool space = c == ' ' || c == '\t' || c == '\r' || c == '\n';
    if (!space) {
      out += c;
    } else if (out.back() != ' ') {
      out += ' ';
    }
  }
  return out;
}

// Reads letters that OCR confuses with digits as those digits, but only when
// real digits are the majority: a word of letters is not a misread number.
std::pair<std::string, bool> MapLookAlikes(std::string s) {
  auto look_alike = [](char c) -> char {
    switch (c) {
      case 'O':
      case 'o':
        return '0';
      case 'I':
      case 'l':
      case '|':
        return '1';
      case 'S':
        return '5';
      case 'B':
        return '8';
      case 'Z':
        return '2';
      default:
        return 0;
    }
  };
  auto digits = std::count_if(s.begin(), s.end(), IsAsciiDigit);
  auto letters = std::count_if(s.begin(), s.end(), [&](char c) { return look_alike(c) != 0; });
  if (letters == 0 || digits <= letters)
    return {std::move(s), false};
  for (char& c : s) {
    if (look_alike(c) != 0)
      c = look_alike(c);
  }
  return {std::move(s), true};
}

Verdict ValidateDigits(std::string_view raw, std::size_t length, std::string_view what) {
  auto [s, corrected] = MapLookAlikes(StripSpaces(raw));
  Verdict verdict = Invalid(s, "");
  if (!AllDigits(s)) {
    verdict.message = "not a " + std::string(what) + ": '" + Trim(raw) + "'";
  } else if (s.size() != length) {
    verdict.message =
        "has " + std::to_string(s.size()) + " digits, expected " + std::to_string(length);
  } else {
    verdict = Valid(s);
  }
  verdict.corrected = corrected;
  return verdict;
}

Verdict ValidatePartitaIva(std::string_view raw) {
  // Not uppercased: a lowercase l is a misread 1, an uppercase L is not.
  std::string s = StripSpaces(raw);
  if (s.size() == 13 && ToUpper(s.substr(0, 2)) == "IT")
    s.erase(0, 2);
  Verdict verdict = ValidateDigits(s, 11, "partita IVA");
  if (!verdict.valid)
    return verdict;
  if (verdict.value == "00000000000") {
    verdict.valid = false;
    verdict.message = "a partita IVA of all zeros";
    return verdict;
  }
  char expected = PartitaIvaCheckDigit(verdict.value);
  if (verdict.value[10] != expected) {
    verdict.valid = false;
    verdict.message = std::string("check digit is ") + verdict.value[10] + ", expected " + expected;
    return verdict;
  }
  verdict.checksum = true;
  return verdict;
}

// The letter an OCR engine most often reads as `digit`, or 0.
char LetterLookAlike(char digit) {
  constexpr std::string_view kDigits = "012568";
  constexpr std::string_view kLetters = "OIZSGB";
  const size_t at = kDigits.find(digit);
  return at == std::string_view::npos ? '\0' : kLetters[at];
}

// The digit an OCR engine most often reads as `letter`, or 0.
char DigitLookAlike(char letter) {
  constexpr std::string_view kLetters = "ODILZSGB";
  constexpr std::string_view kDigits = "00112568";
  const size_t at = kLetters.find(letter);
  return at == std::string_view::npos ? '\0' : kDigits[at];
}

// `s` with look-alikes swapped where `layout` wants a letter ('A') or a digit
// ('9'); other layout characters and positions past it are kept.
std::string WithLookAlikes(std::string s, std::string_view layout) {
  for (size_t i = 0; i < s.size() && i < layout.size(); ++i) {
    const bool digit = s[i] >= '0' && s[i] <= '9';
    const char swap = layout[i] == 'A' && digit    ? LetterLookAlike(s[i])
                      : layout[i] == '9' && !digit ? DigitLookAlike(s[i])
                                                   : '\0';
    if (swap != 0)
      s[i] = swap;
  }
  return s;
}

// When `s` fails its check, the reading with look-alikes swapped into the
// places `layout` fixes, if that passes `problem` (a real check digit, so a
// wrong swap is caught); otherwise nullopt.
template <typename Problem>
std::optional<Verdict> Corrected(const std::string& s, std::string_view layout, Problem problem) {
  std::string fixed = WithLookAlikes(s, layout);
  if (fixed == s || !problem(fixed).empty())
    return std::nullopt;
  Verdict verdict = Valid(std::move(fixed), true);
  verdict.corrected = true;
  return verdict;
}

// Letters where the codice fiscale always has letters (surname, name, month,
// Belfiore letter, check character): digits there are misreadings.
constexpr std::string_view kCodiceFiscaleLetters = "AAAAAA..A..A...A";
// An Italian IBAN: country, check digits, CIN letter, ABI and CAB digits;
// the account number may hold letters.
constexpr std::string_view kItalianIbanLayout = "..99A9999999999";

Verdict ValidateCodiceFiscale(std::string_view raw) {
  std::string compact = StripSpaces(raw);
  if (compact.size() == 11)
    return ValidatePartitaIva(compact);
  std::string s = ToUpper(compact);
  std::string problem = CodiceFiscaleProblem(s);
  if (problem.empty())
    return Valid(s, true);
  if (s.size() == 16) {
    if (auto fixed = Corrected(s, kCodiceFiscaleLetters, CodiceFiscaleProblem))
      return *fixed;
  }
  return Invalid(s, problem);
}

// The measured misreadings (scangen corpus): a serif CIN "I" read as "1", an
// "O" read for a "0" in the bank code.
Verdict ValidateIban(std::string_view raw) {
  std::string s = ToUpper(StripSpaces(raw));
  std::string problem = IbanProblem(s);
  if (problem.empty())
    return Valid(s, true);
  if (s.size() == 27 && (s.starts_with("IT") || s.starts_with("SM"))) {
    if (auto fixed = Corrected(s, kItalianIbanLayout, IbanProblem))
      return *fixed;
  }
  return Invalid(s, problem);
}

// Local part: the characters RFC 5322 allows unquoted; domain: dot-separated
// labels of letters, digits and inner hyphens, ending in a letters-only TLD.
Verdict ValidateEmail(std::string_view raw) {
  std::string s = StripSpaces(raw);
  auto at = s.find('@');
  std::string message = "not an email address: '" + Trim(raw) + "'";
  if (at == std::string::npos || s.find('@', at + 1) != std::string::npos) {
    return Invalid(s, message);
  }
  std::string local = s.substr(0, at);
  std::string domain = AsciiLower(s.substr(at + 1));
  s = local + "@" + domain;
  auto local_char = [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) ||
           std::string_view(".!#$%&'*+/=?^_`{|}~-").find(c) != std::string_view::npos;
  };
  bool local_ok = !local.empty() && std::all_of(local.begin(), local.end(), local_char) &&
                  local.front() != '.' && local.back() != '.' &&
                  local.find("..") == std::string::npos;
  return local_ok && IsDomainName(domain) ? Valid(s) : Invalid(s, message);
}

Verdict ValidateInteger(std::string_view raw) {
  std::string s = StripSpaces(raw);
  bool negative = !s.empty() && s.front() == '-';
  if (!s.empty() && (s.front() == '-' || s.front() == '+'))
    s.erase(0, 1);
  auto [digits, corrected] = MapLookAlikes(s);
  Verdict verdict = Invalid(digits, "not an integer: '" + Trim(raw) + "'");
  verdict.corrected = corrected;
  bool digits_and_dots =
      std::all_of(digits.begin(), digits.end(), [](char c) { return IsAsciiDigit(c) || c == '.'; });
  if (!digits_and_dots || digits.empty() || digits.front() == '.' || digits.back() == '.') {
    return verdict;
  }
  std::string joined = JoinThousandGroups(digits, '.');
  if (joined.empty()) {
    verdict.message = "bad digit grouping in '" + Trim(raw) + "'";
    return verdict;
  }
  joined.erase(0, std::min(joined.find_first_not_of('0'), joined.size() - 1));
  verdict.valid = true;
  verdict.value = (negative && joined != "0" ? "-" : "") + joined;
  verdict.message.clear();
  return verdict;
}

template <typename Parsed>
Verdict FromResult(std::string_view raw, const Result<Parsed>& parsed, std::string value) {
  if (!parsed)
    return Invalid(Trim(raw), parsed.error().message());
  return Valid(std::move(value));
}

}  // namespace

std::optional<FieldType> ParseFieldType(std::string_view name) {
  for (const auto& [type, type_name] : kTypeNames) {
    if (type_name == name)
      return type;
  }
  return std::nullopt;
}

std::string_view FieldTypeName(FieldType type) {
  for (const auto& [known, name] : kTypeNames) {
    if (known == type)
      return name;
  }
  return "text";
}

Verdict ValidateField(FieldType type, std::string_view raw) {
  switch (type) {
    case FieldType::kDate: {
      auto date = ParseItalianDate(raw);
      return FromResult(raw, date, date ? date->ToIso() : "");
    }
    case FieldType::kAmount: {
      auto amount = ParseAmount(raw);
      return FromResult(raw, amount, amount ? amount->ToString() : "");
    }
    case FieldType::kPartitaIva:
      return ValidatePartitaIva(raw);
    case FieldType::kCodiceFiscale:
      return ValidateCodiceFiscale(raw);
    case FieldType::kIban:
      return ValidateIban(raw);
    case FieldType::kCap:
      return ValidateDigits(raw, 5, "CAP");
    case FieldType::kEmail:
      return ValidateEmail(raw);
    case FieldType::kInteger:
      return ValidateInteger(raw);
    case FieldType::kText:
      break;
  }
  std::string text = CollapseSpaces(raw);
  return text.empty() ? Invalid("", "empty") : Valid(text);
}

}  // namespace travet::ocr
