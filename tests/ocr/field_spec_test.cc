#include "ocr/field_spec.h"

#include <gtest/gtest.h>

#include <string>

namespace travet::ocr {
namespace {

std::string ErrorOf(const Value& fields) {
  auto specs = ParseFieldSpecs(fields);
  return specs ? "ok" : specs.error().message();
}

TEST(FieldSpecTest, ParsesEveryKindOfField) {
  Value fields = Value::parse(R"json({
    "number": {"pattern": "Fattura\\s+n\\.?\\s*(\\S+)"},
    "vat": {"label": "P.IVA", "type": "partita_iva", "min_confidence": 70},
    "total": {"zone": {"x": 0.5, "y": 0.8, "w": 0.5, "h": 0.1}, "type": "amount", "page": 2},
    "notes": {"zone": [0, 0.9, 1, 0.1], "required": false}
  })json");
  auto specs = ParseFieldSpecs(fields);
  ASSERT_TRUE(specs) << specs.error().message();
  ASSERT_EQ(specs->size(), 4u);
  // In name order.
  const FieldSpec& notes = (*specs)[0];
  const FieldSpec& number = (*specs)[1];
  const FieldSpec& total = (*specs)[2];
  const FieldSpec& vat = (*specs)[3];
  EXPECT_EQ(notes.name, "notes");
  EXPECT_FALSE(notes.required);
  ASSERT_TRUE(notes.zone.has_value());
  EXPECT_DOUBLE_EQ(notes.zone->y, 0.9);
  EXPECT_EQ(number.pattern, R"(Fattura\s+n\.?\s*(\S+))");
  EXPECT_EQ(number.type, FieldType::kText);
  EXPECT_DOUBLE_EQ(number.min_confidence, -1);
  EXPECT_TRUE(number.required);
  EXPECT_EQ(number.page, 0);
  EXPECT_EQ(total.type, FieldType::kAmount);
  EXPECT_EQ(total.page, 2);
  EXPECT_DOUBLE_EQ(total.zone->x, 0.5);
  EXPECT_DOUBLE_EQ(total.zone->h, 0.1);
  EXPECT_EQ(vat.label, "P.IVA");
  EXPECT_EQ(vat.type, FieldType::kPartitaIva);
  EXPECT_DOUBLE_EQ(vat.min_confidence, 70);
}

TEST(FieldSpecTest, UnknownTypeSuggestsTheClosest) {
  EXPECT_EQ(ErrorOf({{"total", {{"label", "Totale"}, {"type", "amout"}}}}),
            "field 'total': unknown type 'amout'; did you mean 'amount'?");
  EXPECT_EQ(ErrorOf({{"vat", {{"label", "P.IVA"}, {"type", "partita-iva"}}}}),
            "field 'vat': unknown type 'partita-iva'; did you mean 'partita_iva'?");
  EXPECT_EQ(ErrorOf({{"x", {{"label", "X"}, {"type", "money"}}}}),
            "field 'x': unknown type 'money'");
  EXPECT_EQ(ErrorOf({{"x", {{"label", "X"}, {"type", 3}}}}), "field 'x': unknown type '3'");
}

TEST(FieldSpecTest, UnknownKeySuggestsTheClosest) {
  EXPECT_EQ(ErrorOf({{"number", {{"patern", "n\\. (\\d+)"}}}}),
            "field 'number': unknown key 'patern'; did you mean 'pattern'?");
}

TEST(FieldSpecTest, NeedsAWayToFindTheField) {
  EXPECT_EQ(ErrorOf({{"x", {{"type", "date"}}}}), "field 'x' needs one of pattern, label or zone");
  EXPECT_EQ(ErrorOf({{"x", {{"pattern", "a"}, {"label", "b"}}}}),
            "field 'x' has both pattern and label; use one");
  EXPECT_EQ(ErrorOf({{"x", {{"label", ""}}}}), "field 'x' label must be a non-empty string");
  EXPECT_EQ(ErrorOf({{"x", {{"label", "::"}}}}), "field 'x' has a label without letters or digits");
}

TEST(FieldSpecTest, BadPatternSaysWhy) {
  std::string error = ErrorOf({{"number", {{"pattern", "Fattura (\\d+"}}}});
  EXPECT_EQ(error.rfind("field 'number': bad pattern: ", 0), 0u) << error;
  EXPECT_GT(error.size(), std::string("field 'number': bad pattern: ").size());
}

TEST(FieldSpecTest, ChecksZonesAndOptions) {
  EXPECT_EQ(ErrorOf({{"z", {{"zone", {0.5, 0.5, 0.6, 0.1}}}}}),
            "field 'z' has a zone outside the page: x, y, w, h are fractions of the page (0..1) "
            "and w, h must be positive");
  EXPECT_EQ(ErrorOf({{"z", {{"zone", {0.5, 0.5}}}}}),
            "field 'z' needs zone as {x, y, w, h} or [x, y, w, h] numbers");
  EXPECT_EQ(ErrorOf({{"z", {{"zone", {{"x", 0}, {"y", 0}, {"w", 1}}}}}}),
            "field 'z' needs zone as {x, y, w, h} or [x, y, w, h] numbers");
  EXPECT_EQ(ErrorOf({{"p", {{"label", "X"}, {"page", -1}}}}),
            "field 'p' needs page as a page number from 1 (0 = any page)");
  EXPECT_EQ(ErrorOf({{"p", {{"label", "X"}, {"page", "2"}}}}),
            "field 'p' needs page as a page number from 1 (0 = any page)");
  EXPECT_EQ(ErrorOf({{"m", {{"label", "X"}, {"min_confidence", 120}}}}),
            "field 'm' needs min_confidence as a number from 0 to 100");
  EXPECT_EQ(ErrorOf({{"r", {{"label", "X"}, {"required", "no"}}}}),
            "field 'r' needs required as true or false");
}

TEST(FieldSpecTest, RejectsWhatIsNotAMap) {
  EXPECT_EQ(ErrorOf(Value::array({1, 2})),
            "fields must be a map of field name to {pattern|label|zone, type}");
  EXPECT_EQ(ErrorOf({{"x", "Totale"}}), "field 'x' must be a map of pattern, label, zone, type...");
  EXPECT_EQ(ErrorOf(Value::object()), "ok");
}

}  // namespace
}  // namespace travet::ocr
