#include "ocr/fields/field_acceptance.h"

#include <array>
#include <utility>

namespace travet::ocr {
namespace {

// One row per type; types not listed need the threshold and nothing else.
constexpr std::array<std::pair<FieldType, AcceptanceRule>, 4> kRules = {{
    {FieldType::kText, {10, 0}},
    {FieldType::kPartitaIva, {0, 10}},
    {FieldType::kCodiceFiscale, {0, 20}},
    {FieldType::kIban, {0, 30}},
}};

}  // namespace

AcceptanceRule AcceptanceRuleFor(FieldType type) {
  for (const auto& [known, rule] : kRules) {
    if (known == type)
      return rule;
  }
  return AcceptanceRule{};
}

}  // namespace travet::ocr
