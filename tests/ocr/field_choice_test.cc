// The rules that keep a wrong field from being accepted: a label is a label
// only where it reads as one, places that disagree make a field ambiguous
// unless the spec says how to choose, and implausible values go to a person.
// Word layouts are built here, as Tesseract would return them.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "ocr/field_acceptance.h"
#include "ocr/fields.h"

namespace travet::ocr {
namespace {

constexpr int kHeight = 40;
const CalendarDate kToday{2026, 6, 1};

// A page built line by line: each line is cells, each cell words placed 15 px
// apart (20 px per byte) from its x.
class PageBuilder {
 public:
  PageBuilder& Line(const std::vector<std::pair<int, std::vector<std::string>>>& cells) {
    ++line_;
    for (const auto& [x_start, texts] : cells) {
      int x = x_start;
      for (const std::string& text : texts) {
        const int width = 20 * static_cast<int>(text.size());
        page_.words.push_back(Word{text, 96, Box{x, 100 * line_, width, kHeight}, 1, line_});
        x += width + 15;
      }
    }
    return *this;
  }
  DocumentResult Doc() const {
    PageResult page = page_;
    page.page = 1;
    page.width = 2480;
    page.height = 3508;
    return DocumentResult{"scan.png", {page}};
  }

 private:
  PageResult page_;
  int line_ = 0;
};

// A receipt with three lines that say TOTAL, as real ones do.
DocumentResult Receipt() {
  return PageBuilder()
      .Line({{200, {"SUB", "TOTAL"}}, {1200, {"57.50"}}})
      .Line({{200, {"TOTAL", "GST"}}, {1200, {"3.45"}}})
      .Line({{200, {"TOTAL"}}, {1200, {"60.95"}}})
      .Line({{200, {"CASH"}}, {1200, {"100.00"}}})
      .Doc();
}

FieldSpec Spec(std::string label, FieldType type) {
  FieldSpec spec;
  spec.name = "f";
  spec.label = std::move(label);
  spec.type = type;
  return spec;
}

FieldResult Extract(const DocumentResult& doc, const FieldSpec& spec) {
  return ExtractFields(doc, {spec}, ExtractOptions{80, kToday}).front();
}

TEST(FieldChoiceTest, RepeatedLabelWithDifferentValuesIsAmbiguous) {
  FieldResult total = Extract(Receipt(), Spec("TOTAL", FieldType::kAmount));
  EXPECT_EQ(total.verdict, "ambiguous: 3 candidates (57.50, 3.45, 60.95)");
  EXPECT_TRUE(total.found);
  EXPECT_TRUE(total.valid);
  EXPECT_FALSE(total.accepted);
  EXPECT_EQ(total.value, "57.50");  // the first, for the person who decides
}

TEST(FieldChoiceTest, PickLastChoosesTheLast) {
  FieldSpec spec = Spec("TOTAL", FieldType::kAmount);
  spec.pick = PickRule::kLast;
  FieldResult total = Extract(Receipt(), spec);
  EXPECT_EQ(total.value, "60.95");
  EXPECT_EQ(total.verdict, "ok");
  EXPECT_TRUE(total.accepted);
  spec.pick = PickRule::kFirst;
  EXPECT_EQ(Extract(Receipt(), spec).value, "57.50");
  spec.pick = PickRule::kSmallest;
  EXPECT_EQ(Extract(Receipt(), spec).value, "3.45");
  spec.pick = PickRule::kLargest;
  EXPECT_EQ(Extract(Receipt(), spec).value, "60.95");
}

TEST(FieldChoiceTest, ExcludeSkipsTheSubTotalAndTheTax) {
  FieldSpec spec = Spec("TOTAL", FieldType::kAmount);
  spec.exclude = {"sub", "gst"};  // any case, matched like labels
  FieldResult total = Extract(Receipt(), spec);
  EXPECT_EQ(total.value, "60.95");
  EXPECT_EQ(total.verdict, "ok");
  EXPECT_TRUE(total.accepted);
}

TEST(FieldChoiceTest, NearTakesThePlaceNearestTheOtherLabel) {
  FieldSpec spec = Spec("TOTAL", FieldType::kAmount);
  spec.near = "CASH";
  FieldResult total = Extract(Receipt(), spec);
  EXPECT_EQ(total.value, "60.95");
  EXPECT_TRUE(total.accepted);
  spec.near = "Resto";  // not on the page: nothing to choose by
  EXPECT_EQ(Extract(Receipt(), spec).verdict, "ambiguous: 3 candidates (57.50, 3.45, 60.95)");
}

TEST(FieldChoiceTest, SameValueInSeveralPlacesIsNotAmbiguous) {
  DocumentResult doc = PageBuilder()
                           .Line({{200, {"TOTAL"}}, {1200, {"60.95"}}})
                           .Line({{200, {"TOTAL"}}, {1200, {"60,95"}}})
                           .Doc();
  FieldResult total = Extract(doc, Spec("TOTAL", FieldType::kAmount));
  EXPECT_EQ(total.value, "60.95");
  EXPECT_EQ(total.verdict, "ok");
  EXPECT_TRUE(total.accepted);
}

TEST(FieldChoiceTest, APickDoesNotHideTwoValuesUnderTheSameLabel) {
  DocumentResult doc = PageBuilder()
                           .Line({{200, {"TOTAL"}}, {1200, {"60.95"}}})
                           .Line({{200, {"TOTAL"}}, {1200, {"61.95"}}})
                           .Doc();
  FieldSpec spec = Spec("TOTAL", FieldType::kAmount);
  spec.pick = PickRule::kLast;
  FieldResult total = Extract(doc, spec);
  EXPECT_EQ(total.value, "61.95");
  EXPECT_EQ(total.verdict, "contradicted: 2 values under the same label (60.95, 61.95)");
  EXPECT_FALSE(total.accepted);
}

TEST(FieldChoiceTest, ALabelInsideRunningTextIsNotALabel) {
  DocumentResult body =
      PageBuilder()
          .Line({{200, {"occupazione", "di", "suolo", "pubblico", "lungo", "la", "strada"}}})
          .Line({{200, {"Indirizzo:", "Strada", "del", "Drosso", "94"}}})
          .Line({{200, {"provinciale", "sotto", "indicata,", "ai", "sensi", "del", "regolamento"}}})
          .Doc();
  EXPECT_EQ(Extract(body, Spec("Strada", FieldType::kText)).verdict, "not found");

  DocumentResult form =
      PageBuilder()
          .Line({{200, {"occupazione", "di", "suolo", "pubblico", "lungo", "la", "strada"}}})
          .Line({{200, {"provinciale", "sotto", "indicata."}}})
          .Line({{200, {"Strada:", "SP", "24", "del", "Monginevro"}}})
          .Doc();
  FieldResult road = Extract(form, Spec("Strada", FieldType::kText));
  EXPECT_EQ(road.value, "SP 24 del Monginevro");
  EXPECT_EQ(road.verdict, "ok");
  EXPECT_TRUE(road.accepted);
}

TEST(FieldChoiceTest, ALabelAfterOtherWordsNeedsASeparatorOrAValue) {
  DocumentResult doc = PageBuilder()
                           .Line({{200, {"Fattura", "n.", "12", "Data:", "03/11/2026"}}})
                           .Line({{200, {"la", "data", "di", "emissione", "fa", "fede"}}})
                           .Doc();
  FieldResult date = Extract(doc, Spec("Data", FieldType::kDate));
  EXPECT_EQ(date.value, "2026-11-03");
  EXPECT_EQ(date.verdict, "ok");
  // A column heading after a wide gap, its value below.
  DocumentResult columns = PageBuilder()
                               .Line({{200, {"Scadenza"}}, {800, {"Pagamento"}}})
                               .Line({{200, {"30/11/2026"}}, {800, {"Bonifico"}}})
                               .Doc();
  EXPECT_EQ(Extract(columns, Spec("Pagamento", FieldType::kText)).value, "Bonifico");
}

TEST(FieldChoiceTest, AZeroAmountIsNotAccepted) {
  DocumentResult doc = PageBuilder().Line({{200, {"TOTAL"}}, {1200, {"0.00"}}}).Doc();
  FieldResult total = Extract(doc, Spec("TOTAL", FieldType::kAmount));
  EXPECT_EQ(total.value, "0.00");
  EXPECT_TRUE(total.valid);
  EXPECT_EQ(total.verdict, "amount is zero");
  EXPECT_FALSE(total.accepted);
}

TEST(FieldChoiceTest, ADateFiveYearsAwayIsNotAccepted) {
  DocumentResult doc = PageBuilder().Line({{200, {"Data:", "12/03/2031"}}}).Doc();
  FieldSpec spec = Spec("Data", FieldType::kDate);
  FieldResult date = Extract(doc, spec);
  EXPECT_EQ(date.value, "2031-03-12");
  EXPECT_EQ(date.verdict, "date 2031-03-12 is outside the expected 2024-06-01..2028-06-01");
  EXPECT_FALSE(date.accepted);

  spec.date_range = DateRange{*ParseDateBound("2020-01-01"), *ParseDateBound("+10y")};
  date = Extract(doc, spec);
  EXPECT_EQ(date.verdict, "ok");
  EXPECT_TRUE(date.accepted);

  DocumentResult near = PageBuilder().Line({{200, {"Data:", "12/03/2027"}}}).Doc();
  EXPECT_TRUE(Extract(near, Spec("Data", FieldType::kDate)).accepted);
}

TEST(FieldChoiceTest, AnAmbiguousTotalTakesNoPartInTheTotalsCheck) {
  DocumentResult doc = PageBuilder()
                           .Line({{200, {"Imponibile"}}, {1200, {"50,00"}}})
                           .Line({{200, {"IVA"}}, {1200, {"11,00"}}})
                           .Line({{200, {"Totale"}}, {1200, {"61,00"}}})
                           .Line({{200, {"Totale"}}, {1200, {"60,00"}}})
                           .Doc();
  std::vector<FieldResult> fields =
      ExtractFields(doc,
                    {Spec("Imponibile", FieldType::kAmount), Spec("IVA", FieldType::kAmount),
                     Spec("Totale", FieldType::kAmount)},
                    ExtractOptions{80, kToday});
  fields[0].name = "imponibile";
  fields[1].name = "iva";
  fields[2].name = "totale";
  ApplyTotalsCheck(fields, "imponibile", "iva", "totale", 80);
  EXPECT_EQ(fields[2].verdict, "ambiguous: 2 candidates (61.00, 60.00)");
  EXPECT_FALSE(fields[2].accepted);
  EXPECT_FALSE(fields[2].cross_checked);
}

TEST(DateRangeTest, BoundsAreFixedOrRelativeToToday) {
  EXPECT_EQ(ResolveDateBound(*ParseDateBound("today"), kToday).ToIso(), "2026-06-01");
  EXPECT_EQ(ResolveDateBound(*ParseDateBound("-2y"), kToday).ToIso(), "2024-06-01");
  EXPECT_EQ(ResolveDateBound(*ParseDateBound("+30d"), kToday).ToIso(), "2026-07-01");
  EXPECT_EQ(ResolveDateBound(*ParseDateBound("+1m"), CalendarDate{2026, 3, 31}).ToIso(),
            "2026-04-30");
  EXPECT_EQ(ResolveDateBound(*ParseDateBound("1958-12-24"), kToday).ToIso(), "1958-12-24");
  EXPECT_FALSE(ParseDateBound("2y").has_value());
  EXPECT_FALSE(ParseDateBound("2026-02-30").has_value());
  EXPECT_FALSE(ParseDateBound("yesterday").has_value());
}

TEST(AcceptanceRuleTest, OneRowPerTypeAsBeforeTheCalibration) {
  EXPECT_DOUBLE_EQ(AcceptanceRuleFor(FieldType::kText).margin, 10);
  EXPECT_DOUBLE_EQ(AcceptanceRuleFor(FieldType::kAmount).margin, 0);
  EXPECT_DOUBLE_EQ(AcceptanceRuleFor(FieldType::kPartitaIva).checksum_allowance, 10);
  EXPECT_DOUBLE_EQ(AcceptanceRuleFor(FieldType::kCodiceFiscale).checksum_allowance, 20);
  EXPECT_DOUBLE_EQ(AcceptanceRuleFor(FieldType::kIban).checksum_allowance, 30);
  EXPECT_DOUBLE_EQ(AcceptanceRuleFor(FieldType::kDate).checksum_allowance, 0);
}

}  // namespace
}  // namespace travet::ocr
