#pragma once

#include "ocr/validators/validators.h"

namespace travet::ocr {

// What a reading of one field type needs to be used without a person, on top
// of a found, valid, unambiguous and plausible value (docs/fields.md, "When a
// value is accepted"). The numbers are the ones in use before the acceptance
// threshold was calibrated; a calibration changes this table, nothing else.
struct AcceptanceRule {
  // Points added to the threshold (min_confidence). A value that no validator
  // checks (text) needs more: on the generated corpus a misread letter
  // ("FI-2025-00974" for "FT-2025-00974") came with a word confidence of 91,
  // while right readings of such fields mostly score 95 and more.
  double margin = 0;
  // For a type with a check digit: a value that passed it scores at least
  // kChecksumScore, and its reading may then be this many points under the
  // threshold. A check catches every single-character substitution, the
  // commonest OCR error, and a random wrong value still passes with
  // probability about 1/10 (partita IVA), 1/26 (codice fiscale) or 1/97
  // (IBAN): the weaker the check, the less it may make up for. 0: no check.
  double checksum_allowance = 0;
};

// The score of a value that passed a real check digit.
inline constexpr double kChecksumScore = 95;

// Amounts that satisfy the document's arithmetic (imponibile + IVA = totale,
// total = paid - change) are unlikely to be misread in a way that still adds
// up: each may be this many points under the threshold.
inline constexpr double kCrossCheckAllowance = 15;

// The rule for `type`. A codice fiscale of 11 digits (a company's) is checked
// as a partita IVA and takes the partita_iva rule.
AcceptanceRule AcceptanceRuleFor(FieldType type);

}  // namespace travet::ocr
