#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "runtime/core/result.h"

namespace travet::ocr {

// An equation among amount fields that one document must satisfy, as a spec
// writes it under `checks:`: "total = paid - change", "totale = imponibile +
// iva". The business rule a person checks a reading by: a misread digit
// rarely leaves a document's own arithmetic intact.
struct AmountCheck {
  struct Term {
    int sign = 1;  // +1 or -1
    std::string field;
  };
  std::string result;  // the field left of '='
  std::vector<Term> terms;

  // The right-hand side as written, for messages: "paid - change".
  std::string Sum() const;
  // Every field the check names, the result first.
  std::vector<std::string> Fields() const;
};

// Parses "NAME = [-]NAME (+|- NAME)...". Names are field names (letters,
// digits, '_'; not starting with a digit); each may appear once. Errors
// (kInvalidArgument) say what was expected where: "expected '+' or '-' after
// 'paid', found 'change'", "field 'paid' appears twice".
Result<AmountCheck> ParseAmountCheck(std::string_view text);

}  // namespace travet::ocr
