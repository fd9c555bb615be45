#pragma once

#include <string>
#include <string_view>

#include "tools/scangen/random_source.h"

namespace travet::scangen {

// Italian identifiers with correct check characters, for realistic documents.
// The inputs are trusted (the generator's own data): no validation here.

// The check digit of the first 10 digits of a partita IVA (Luhn-like).
char PartitaIvaCheckDigit(std::string_view first_ten);

// A random valid partita IVA: 7 digits of matricola, a provincial office code
// and the check digit.
std::string MakePartitaIva(Random& random);

// The person a codice fiscale is computed from.
struct Person {
  std::string first_name;
  std::string surname;
  bool female = false;
  int birth_year = 1970;
  int birth_month = 1;  // 1..12
  int birth_day = 1;
  std::string birth_place_code = "L219";  // Belfiore code (L219 = Torino)
};

// The check character of the first 15 characters of a codice fiscale.
char CodiceFiscaleCheckChar(std::string_view first_fifteen);

// The 16-character codice fiscale of `person` (no omocodia).
std::string MakeCodiceFiscale(const Person& person);

// The CIN letter of an Italian BBAN from ABI (5), CAB (5) and account (12).
char IbanCin(std::string_view abi_cab_account);

// The two IBAN check digits for `country` and `bban` (ISO 13616, mod 97).
std::string IbanCheckDigits(std::string_view country, std::string_view bban);

// A random valid Italian IBAN (27 characters, no spaces) with a real bank's
// ABI code and a valid CIN.
std::string MakeIban(Random& random);

}  // namespace travet::scangen
