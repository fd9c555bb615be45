#pragma once

#include <string>
#include <string_view>

namespace travet::ocr {

// The check digit ('0'..'9') of an Italian partita IVA from its first 10
// digits: digits in odd positions are summed, digits in even positions are
// doubled (minus 9 when over 9) and summed; check = (10 - sum % 10) % 10.
// `digits` must hold at least 10 ASCII digits.
char PartitaIvaCheckDigit(std::string_view digits);

// The check character of a 16-character codice fiscale from its first 15
// characters (uppercase letters and digits), with the official odd/even tables.
char CodiceFiscaleCheckChar(std::string_view code);

// Why the uppercase 16-character `code` is not a codice fiscale (layout,
// month letter, day, check character); empty when it is one. Omocodia letters
// (L..V for 0..9 in positions 7 8 10 11 13 14 15) are accepted.
std::string CodiceFiscaleProblem(std::string_view code);

// Why the uppercase, space-free `iban` is not an IBAN (layout, the country's
// length, the ISO 13616 mod-97 check digits, and for IT and SM the CIN check
// letter); empty when it is one. E.g. "check digits are 61, expected 60".
std::string IbanProblem(std::string_view iban);

}  // namespace travet::ocr
