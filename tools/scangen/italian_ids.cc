#include "tools/scangen/italian_ids.h"

#include <array>
#include <cctype>
#include <vector>

namespace travet::scangen {
namespace {

// Value of 0-9 / A-Z at odd (1-based) positions in the codice fiscale and CIN
// algorithms; digits take the value of the letter with the same index.
constexpr std::array<int, 26> kOddValues = {1,  0,  5, 7, 9, 13, 15, 17, 19, 21, 2,  4,  18,
                                            20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23};

int CharIndex(char c) {
  return std::isdigit(static_cast<unsigned char>(c)) ? c - '0' : c - 'A';
}

// Sum of the odd/even values, as in the codice fiscale check and the CIN.
char OddEvenCheck(std::string_view text) {
  int sum = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const int index = CharIndex(text[i]);
    sum += i % 2 == 0 ? kOddValues[index] : index;
  }
  return static_cast<char>('A' + sum % 26);
}

bool IsVowel(char c) {
  return std::string_view("AEIOU").find(c) != std::string_view::npos;
}

// Upper-case letters of `name`, split into consonants and vowels.
void SplitLetters(std::string_view name, std::string& consonants, std::string& vowels) {
  for (char c : name) {
    const auto u = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (u < 'A' || u > 'Z')
      continue;
    (IsVowel(u) ? vowels : consonants).push_back(u);
  }
}

std::string SurnameCode(std::string_view surname) {
  std::string consonants, vowels;
  SplitLetters(surname, consonants, vowels);
  return (consonants + vowels + "XXX").substr(0, 3);
}

std::string FirstNameCode(std::string_view first_name) {
  std::string consonants, vowels;
  SplitLetters(first_name, consonants, vowels);
  if (consonants.size() >= 4)
    return {consonants[0], consonants[2], consonants[3]};
  return (consonants + vowels + "XXX").substr(0, 3);
}

std::string TwoDigits(int n) {
  return {static_cast<char>('0' + n / 10), static_cast<char>('0' + n % 10)};
}

}  // namespace

char PartitaIvaCheckDigit(std::string_view first_ten) {
  int sum = 0;
  for (std::size_t i = 0; i < 10; ++i) {
    int d = first_ten[i] - '0';
    if (i % 2 == 1) {
      d *= 2;
      if (d > 9)
        d -= 9;
    }
    sum += d;
  }
  return static_cast<char>('0' + (10 - sum % 10) % 10);
}

std::string MakePartitaIva(Random& random) {
  static const std::vector<std::string> kOffices = {"001", "002", "003", "004", "005", "006",
                                                    "012", "015", "017", "058", "063", "096"};
  const std::string& office = random.Pick(kOffices);  // drawn first: see Random
  std::string digits = random.Digits(7) + office;
  digits.push_back(PartitaIvaCheckDigit(digits));
  return digits;
}

char CodiceFiscaleCheckChar(std::string_view first_fifteen) {
  return OddEvenCheck(first_fifteen);
}

std::string MakeCodiceFiscale(const Person& person) {
  static constexpr char kMonths[] = "ABCDEHLMPRST";
  std::string cf = SurnameCode(person.surname) + FirstNameCode(person.first_name);
  cf += TwoDigits(person.birth_year % 100);
  cf.push_back(kMonths[person.birth_month - 1]);
  cf += TwoDigits(person.birth_day + (person.female ? 40 : 0));
  cf += person.birth_place_code;
  cf.push_back(CodiceFiscaleCheckChar(cf));
  return cf;
}

char IbanCin(std::string_view abi_cab_account) {
  return OddEvenCheck(abi_cab_account);
}

std::string IbanCheckDigits(std::string_view country, std::string_view bban) {
  const std::string rearranged = std::string(bban) + std::string(country) + "00";
  int remainder = 0;
  for (char c : rearranged) {
    const int value = std::isdigit(static_cast<unsigned char>(c)) ? c - '0' : c - 'A' + 10;
    remainder = value >= 10 ? (remainder * 100 + value) % 97 : (remainder * 10 + value) % 97;
  }
  return TwoDigits(98 - remainder);
}

std::string MakeIban(Random& random) {
  // ABI codes of Intesa Sanpaolo, UniCredit, BPER, Banco BPM, BNL, Poste.
  static const std::vector<std::string> kAbi = {"03069", "02008", "05387",
                                                "05034", "01005", "07601"};
  // Drawn last to first: see Random.
  const std::string account = random.Digits(12), cab = random.Digits(5);
  const std::string rest = random.Pick(kAbi) + cab + account;
  const std::string bban = std::string(1, IbanCin(rest)) + rest;
  return "IT" + IbanCheckDigits("IT", bban) + bban;
}

}  // namespace travet::scangen
