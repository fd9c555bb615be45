#include "ocr/fields/field_spec.h"

#include <gtest/gtest.h>

#include <string>

#include "ocr/fields/field_set.h"

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
  EXPECT_EQ(vat.labels, std::vector<std::string>{"P.IVA"});
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
  EXPECT_EQ(ErrorOf({{"x", {{"label", Value::array()}}}}),
            "field 'x' label must be a string or a list of alternatives, e.g. [CASH, VISA]");
  EXPECT_EQ(ErrorOf({{"x", {{"label", {"CASH", 3}}}}}),
            "field 'x' label must be a string or a list of alternatives, e.g. [CASH, VISA]");
  EXPECT_EQ(ErrorOf({{"x", {{"label", {"CASH", "::"}}}}}),
            "field 'x' has a label without letters or digits");
}

TEST(FieldSpecTest, ALabelMayHaveAlternatives) {
  auto specs = ParseFieldSpecs(Value{{"paid", {{"label", {"CASH", "VISA"}}, {"type", "amount"}}}});
  ASSERT_TRUE(specs) << specs.error().message();
  EXPECT_EQ((*specs)[0].labels, (std::vector<std::string>{"CASH", "VISA"}));
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
  EXPECT_EQ(ErrorOf({{"m", {{"label", "X"}, {"min_confidence", -1}}}}),
            "field 'm' needs min_confidence as a number of 0 or more");
  EXPECT_EQ(ErrorOf({{"r", {{"label", "X"}, {"required", "no"}}}}),
            "field 'r' needs required as true or false");
}

TEST(FieldSpecTest, RejectsWhatIsNotAMap) {
  EXPECT_EQ(ErrorOf(Value::array({1, 2})),
            "fields must be a map of field name to {pattern|label|zone, type}");
  EXPECT_EQ(ErrorOf({{"x", "Totale"}}), "field 'x' must be a map of pattern, label, zone, type...");
  EXPECT_EQ(ErrorOf(Value::object()), "ok");
}

TEST(FieldSpecTest, ReadsHowToChoose) {
  auto specs = ParseFieldSpecs(Value::parse(R"json({
    "total": {"label": "TOTAL", "type": "amount", "pick": "largest", "exclude": ["SUB", "QTY"]},
    "date": {"label": "Data", "type": "date", "near": "Fattura",
             "date_range": ["1900-01-01", "today"]}
  })json"));
  ASSERT_TRUE(specs) << specs.error().message();
  const FieldSpec& date = (*specs)[0];
  const FieldSpec& total = (*specs)[1];
  EXPECT_EQ(total.pick, PickRule::kLargest);
  EXPECT_EQ(total.exclude, (std::vector<std::string>{"SUB", "QTY"}));
  EXPECT_EQ(date.near, "Fattura");
  EXPECT_EQ(date.pick, PickRule::kAmbiguous);
  ASSERT_TRUE(date.date_range.from.fixed.has_value());
  EXPECT_EQ(date.date_range.from.fixed->ToIso(), "1900-01-01");
  EXPECT_FALSE(date.date_range.to.fixed.has_value());
}

TEST(FieldSpecTest, ChecksPickExcludeNearAndDateRange) {
  EXPECT_EQ(ErrorOf({{"t", {{"label", "T"}, {"pick", "lasst"}}}}),
            "field 't': unknown pick 'lasst'; did you mean 'last'?");
  EXPECT_EQ(ErrorOf({{"t", {{"label", "T"}, {"pick", "biggest"}}}}),
            "field 't': unknown pick 'biggest' (use first, last, largest or smallest)");
  EXPECT_EQ(ErrorOf({{"t", {{"label", "T"}, {"pick", "largest"}}}}),
            "field 't': pick largest needs a field of type amount, integer or date");
  EXPECT_EQ(ErrorOf({{"t", {{"label", "T"}, {"exclude", "SUB"}}}}),
            "field 't': exclude must be a list of words, e.g. [SUB, QTY]");
  EXPECT_EQ(ErrorOf({{"t", {{"label", "T"}, {"exclude", {"SUB", "--"}}}}}),
            "field 't': exclude item 2 is not a word with letters or digits, e.g. [SUB, QTY]");
  EXPECT_EQ(ErrorOf({{"t", {{"label", "T"}, {"near", 3}}}}),
            "field 't': near must name another label, e.g. 'Totale'");
  EXPECT_EQ(ErrorOf({{"t", {{"label", "T"}, {"pick", "last"}, {"near", "X"}}}}),
            "field 't' has both pick and near; use one");
  EXPECT_EQ(ErrorOf({{"t", {{"label", "T"}, {"date_range", {"-2y", "+2y"}}}}}),
            "field 't': date_range is only for fields of type date");
  EXPECT_EQ(ErrorOf({{"d", {{"label", "D"}, {"type", "date"}, {"date_range", {"-2y", "soon"}}}}}),
            "field 'd': date_range must be [FROM, TO], each an ISO date (2024-01-31), today, or "
            "an offset from today like -2y, +6m, +30d");
  EXPECT_EQ(
      ErrorOf({{"d",
                {{"label", "D"}, {"type", "date"}, {"date_range", {"2020-01-01", "2019-01-01"}}}}}),
      "field 'd': date_range starts after it ends");
}

TEST(FieldSpecTest, ProblemsSayWhereTheyAre) {
  FieldSpecsCheck check = CheckFieldSpecs(Value::parse(R"json({
    "a": {"lable": "X"},
    "b": {"label": "X", "exclude": ["SUB", 3]},
    "c": {"type": "date"},
    "d": {"label": "D"}
  })json"));
  ASSERT_EQ(check.problems.size(), 3u);
  EXPECT_EQ(check.problems[0].path, (std::vector<std::string>{"a", "lable"}));
  EXPECT_TRUE(check.problems[0].at_key);
  EXPECT_EQ(check.problems[0].message, "field 'a': unknown key 'lable'; did you mean 'label'?");
  EXPECT_EQ(check.problems[1].path, (std::vector<std::string>{"b", "exclude", "1"}));
  EXPECT_FALSE(check.problems[1].at_key);
  EXPECT_EQ(check.problems[2].path, (std::vector<std::string>{"c"}));
  EXPECT_TRUE(check.problems[2].at_key);
  ASSERT_EQ(check.specs.size(), 1u);
  EXPECT_EQ(check.specs[0].name, "d");
}

TEST(FieldSetTest, ChecksThresholdAndTotals) {
  FieldSetCheck check = CheckFieldSet(Value::parse(R"json({
    "fields": {"imponibile": {"label": "Imponibile", "type": "amount"},
               "numero": {"pattern": "n\\. (\\d+)"},
               "totale": {"label": "Totale", "type": "amount"}},
    "min_confidence": -5,
    "totals": ["imponibile", "numero", "iva"]
  })json"));
  ASSERT_EQ(check.problems.size(), 3u);
  EXPECT_EQ(check.problems[0].path, (std::vector<std::string>{"min_confidence"}));
  EXPECT_EQ(check.problems[0].message, "min_confidence must be a number of 0 or more");
  EXPECT_EQ(check.problems[1].path, (std::vector<std::string>{"totals", "1"}));
  EXPECT_EQ(check.problems[1].message, "totals: field 'numero' is not of type amount");
  EXPECT_EQ(check.problems[2].message, "totals: 'iva' is not one of the fields");

  FieldSetCheck good = CheckFieldSet(Value::parse(R"json({
    "fields": {"a": {"label": "A", "type": "amount"}, "b": {"label": "B", "type": "amount"},
               "c": {"label": "C", "type": "amount"}},
    "min_confidence": 90, "totals": ["a", "b", "c"], "file": "other keys are the caller's"
  })json"));
  ASSERT_TRUE(good.ok()) << good.problems[0].message;
  EXPECT_EQ(good.set.specs.size(), 3u);
  EXPECT_EQ(*good.set.min_confidence, 90);
  ASSERT_EQ(good.set.checks.size(), 1u);
  EXPECT_EQ(good.set.checks[0].result, "c");
  EXPECT_EQ(good.set.checks[0].Sum(), "a + b");
  EXPECT_EQ(CheckFieldSet(Value::parse(R"({"fields": {}})")).problems[0].message, "no fields");
}

}  // namespace
}  // namespace travet::ocr
