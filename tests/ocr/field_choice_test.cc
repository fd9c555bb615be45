// The rules that keep a wrong field from being accepted: a label is a label
// only where it reads as one, places that disagree make a field ambiguous
// unless the spec says how to choose, and implausible values go to a person.
// Word layouts are built here, as Tesseract would return them.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "ocr/fields/field_acceptance.h"
#include "ocr/fields/fields.h"

namespace travet::ocr {
namespace {

AmountCheck TotalsCheck() {
  return *ParseAmountCheck("totale = imponibile + iva");
}

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
  spec.labels = {std::move(label)};
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
  ApplyAmountCheck(fields, TotalsCheck(), 80);
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

namespace travet::ocr {
namespace {

TEST(AmountCheckTest, ParsesEquationsOfFieldNames) {
  auto check = ParseAmountCheck("total = paid - change");
  ASSERT_TRUE(check) << check.error().message();
  EXPECT_EQ(check->result, "total");
  EXPECT_EQ(check->Sum(), "paid - change");
  EXPECT_EQ(ParseAmountCheck("net=-discount+gross")->Sum(), "-discount + gross");
  auto error_of = [](std::string_view text) { return ParseAmountCheck(text).error().message(); };
  EXPECT_EQ(error_of("total"), "expected '=' after 'total', found the end");
  EXPECT_EQ(error_of("total = paid -"), "expected a field name, found the end");
  EXPECT_EQ(error_of("total = paid change"), "expected '+' or '-' after 'paid', found 'change'");
  EXPECT_EQ(error_of("total = paid * 2"), "expected '+' or '-' after 'paid', found '*'");
  EXPECT_EQ(error_of("total = total + tax"), "field 'total' appears twice");
  EXPECT_EQ(error_of("= paid"), "expected a field name, found '='");
}

// A receipt whose total was misread: 30.90 printed, 30.50 read, each at 96.
DocumentResult PaidReceipt(const std::string& total, bool with_change = true) {
  PageBuilder page;
  page.Line({{200, {"Sub-Total", ":"}}, {1200, {"45.70"}}})
      .Line({{200, {"Grand", "Total", ":"}}, {1200, {total}}})
      .Line({{200, {"Payment", ":"}}, {1200, {"101.00"}}});
  if (with_change)
    page.Line({{200, {"Change", "Due", ":"}}, {1200, {"70.10"}}});
  return page.Doc();
}

std::vector<FieldResult> ReadPaid(const DocumentResult& doc) {
  FieldSpec total = Spec("TOTAL", FieldType::kAmount);
  total.name = "total";
  total.exclude = {"SUB"};
  FieldSpec paid = Spec("Payment", FieldType::kAmount);
  paid.name = "paid";
  paid.required = false;
  FieldSpec change = Spec("Change", FieldType::kAmount);
  change.name = "change";
  change.required = false;
  std::vector<FieldResult> fields =
      ExtractFields(doc, {total, paid, change}, ExtractOptions{80, kToday});
  ApplyAmountCheck(fields, *ParseAmountCheck("total = paid - change"), 80);
  return fields;
}

TEST(AmountCheckTest, ATotalThePaymentContradictsIsNeverAccepted) {
  std::vector<FieldResult> fields = ReadPaid(PaidReceipt("30.50"));
  for (const FieldResult& field : fields) {
    EXPECT_FALSE(field.accepted) << field.name;
    EXPECT_FALSE(field.cross_checked) << field.name;
    EXPECT_EQ(field.verdict, "paid - change = 30.90, not the total 30.50") << field.name;
  }
  EXPECT_TRUE(NeedsReview(fields));
}

TEST(AmountCheckTest, AmountsThatAddUpAreCrossChecked) {
  std::vector<FieldResult> fields = ReadPaid(PaidReceipt("30.90"));
  for (const FieldResult& field : fields) {
    EXPECT_TRUE(field.accepted) << field.name;
    EXPECT_TRUE(field.cross_checked) << field.name;
    EXPECT_EQ(field.verdict, "ok");
  }
  EXPECT_FALSE(NeedsReview(fields));
}

TEST(AmountCheckTest, AValueThatFollowsFromConfidentReadingsIsAccepted) {
  DocumentResult doc = PaidReceipt("30.90");
  for (Word& word : doc.pages[0].words) {
    if (word.text == "30.90")
      word.confidence = 35;  // faint print
  }
  std::vector<FieldResult> fields = ReadPaid(doc);
  EXPECT_TRUE(fields[0].accepted);  // 101.00 - 70.10, both read at 96
  EXPECT_DOUBLE_EQ(fields[0].score, 96);
  for (Word& word : doc.pages[0].words) {
    if (word.text == "70.10")
      word.confidence = 60;
  }
  fields = ReadPaid(doc);
  EXPECT_FALSE(fields[0].accepted);  // 35, and the change only 60
  EXPECT_TRUE(fields[1].accepted);   // 96
  EXPECT_FALSE(fields[2].accepted);  // 60 < 80 - 15, and the total only 35
}

TEST(AmountCheckTest, AnOptionalAmountNotPrintedCountsAsZero) {
  std::vector<FieldResult> fields = ReadPaid(PaidReceipt("30.90", false));
  EXPECT_FALSE(fields[2].found);
  EXPECT_EQ(fields[0].verdict,
            "paid - change = 101.00, not the total 30.90 (not found, counted as 0: change)");
  EXPECT_FALSE(fields[0].accepted);
  fields = ReadPaid(PaidReceipt("101.00", false));
  EXPECT_TRUE(fields[0].accepted);
  EXPECT_TRUE(fields[0].cross_checked);
}

TEST(FieldChoiceTest, AlternativeLabelsGivePlacesInReadingOrder) {
  DocumentResult doc = PageBuilder()
                           .Line({{200, {"TOTAL"}}, {1200, {"30.90"}}})
                           .Line({{200, {"VISA"}}, {1200, {"20.00"}}})
                           .Line({{200, {"CASH"}}, {1200, {"10.90"}}})
                           .Doc();
  FieldSpec paid = Spec("CASH", FieldType::kAmount);
  paid.labels.push_back("VISA");
  EXPECT_EQ(Extract(doc, paid).verdict, "ambiguous: 2 candidates (20.00, 10.90)");
  paid.pick = PickRule::kFirst;
  EXPECT_EQ(Extract(doc, paid).value, "20.00");
}

TEST(AmountCheckTest, AZeroChangeIsAReadingToCheckBy) {
  DocumentResult doc = PageBuilder()
                           .Line({{200, {"TOTAL"}}, {1200, {"47.70"}}})
                           .Line({{200, {"Payment"}}, {1200, {"47.70"}}})
                           .Line({{200, {"Change"}}, {1200, {"0.00"}}})
                           .Doc();
  std::vector<FieldResult> fields = ReadPaid(doc);
  for (const FieldResult& field : fields) {
    EXPECT_EQ(field.verdict, "ok") << field.name;
    EXPECT_TRUE(field.accepted) << field.name;
  }
}

TEST(AmountCheckTest, AnUnreadableTermLeavesTheResultToAPerson) {
  DocumentResult doc = PageBuilder()
                           .Line({{200, {"TOTAL"}}, {1200, {"30.90"}}})
                           .Line({{200, {"Payment"}}, {1200, {"101.00"}}})
                           .Line({{200, {"Payment"}}, {1200, {"100.00"}}})
                           .Doc();
  std::vector<FieldResult> fields = ReadPaid(doc);
  EXPECT_FALSE(fields[0].accepted);
  EXPECT_EQ(fields[0].verdict,
            "cannot check total = paid - change: paid is ambiguous: 2 candidates (101.00, "
            "100.00)");
}

TEST(FieldChoiceTest, AnAmountIsNeverANumberCutInTwo) {
  DocumentResult doc = PageBuilder()
                           .Line({{200, {"TOTAL"}}, {1200, {"RM", "64", "13"}}})
                           .Line({{200, {"Total", ":"}}, {1200, {"45.00", "2.70"}}})
                           .Doc();
  FieldSpec total = Spec("TOTAL", FieldType::kAmount);
  total.pick = PickRule::kFirst;
  FieldResult field = Extract(doc, total);
  EXPECT_FALSE(field.valid);
  EXPECT_FALSE(field.accepted);
  EXPECT_NE(field.value, "64.00");
  EXPECT_NE(field.value, "45.00");
}

TEST(AmountCheckTest, NoCheckWithNothingToCheckTheResultBy) {
  DocumentResult doc = PageBuilder().Line({{200, {"TOTAL"}}, {1200, {"30.50"}}}).Doc();
  std::vector<FieldResult> fields = ReadPaid(doc);
  EXPECT_EQ(fields[0].verdict, "ok");
  EXPECT_TRUE(fields[0].accepted);
  EXPECT_FALSE(fields[0].cross_checked);
  // Only a zero change read, the payment not found: nothing says what was paid.
  doc = PageBuilder()
            .Line({{200, {"TOTAL"}}, {1200, {"30.50"}}})
            .Line({{200, {"Change"}}, {1200, {"0.00"}}})
            .Doc();
  fields = ReadPaid(doc);
  EXPECT_EQ(fields[0].verdict, "ok");
  EXPECT_TRUE(fields[0].accepted);
}

}  // namespace
}  // namespace travet::ocr
