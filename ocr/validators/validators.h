#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace travet::ocr {

// What a field holds; decides its validator and normaliser.
enum class FieldType {
  kText,
  kDate,
  kAmount,
  kPartitaIva,
  kCodiceFiscale,
  kIban,
  kCap,
  kEmail,
  kInteger,
};

// The type named `name` as written in field specs: text, date, amount,
// partita_iva, codice_fiscale, iban, cap, email, integer; nullopt otherwise.
std::optional<FieldType> ParseFieldType(std::string_view name);

// The spec name of `type` ("partita_iva").
std::string_view FieldTypeName(FieldType type);

// What a validator says about one raw value.
struct Verdict {
  bool valid = false;
  // The normalised value: ISO date, "1234.56", IBAN without spaces... When not
  // valid, the cleaned-up text, so a reviewer sees what was read.
  std::string value;
  // Why it is not valid, e.g. "check digit is 3, expected 7"; empty when valid.
  std::string message;
  // The value passed a real check digit (partita IVA, codice fiscale, IBAN).
  bool checksum = false;
  // Letters that OCR confuses with digits (O o I l | S B Z) were read as
  // digits; done for all-digit types (partita IVA, CAP, integer), and the
  // other way round for the CIN letter of an Italian IBAN.
  bool corrected = false;
};

// Validates and normalises `raw` as a `type`. Normalisation first undoes the
// OCR noise that is safe to undo: spaces are stripped (collapsed for text), and
// for all-digit types look-alike letters become digits when the digits are the
// majority ("0l234567897" reads as "01234567897", "BOSS" stays invalid).
//  - partita_iva: 11 digits (an "IT" prefix is dropped) with the Italian check
//    digit (odd positions summed, even positions doubled minus 9 when > 9,
//    check = (10 - sum % 10) % 10); all zeros is refused.
//  - codice_fiscale: 16 characters with the official check character, also with
//    omocodia (letters L..V for digits in positions 7 8 10 11 13 14 15, kept
//    as given); or 11 digits for a company (checked as a partita IVA).
//  - iban: uppercase, ISO 13616 mod-97 == 1, the country's length (IT 27 and
//    the EU countries; 15..34 for others); Italian IBANs also have their CIN
//    check letter verified.
//  - cap: 5 digits. email: local@domain.tld, domain lowercased.
//  - integer: optional sign, Italian thousand dots ("1.234" -> "1234").
//  - date: see ParseItalianDate; amount: see ParseAmount.
//  - text: trimmed, inner whitespace collapsed; valid when not empty.
Verdict ValidateField(FieldType type, std::string_view raw);

}  // namespace travet::ocr
