#include "ocr/fields/fields.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "ocr/fields/fuzzy_label.h"
#include "ocr/page_layout.h"

namespace travet::ocr {
namespace {

AmountCheck InvoiceTotalsCheck() {
  return *ParseAmountCheck("totale = imponibile + iva");
}

constexpr int kWordHeight = 40;

// Places words left to right from x on one line: 20 px per byte, 15 px apart.
void AddWords(PageResult& page, int line, int y, int x, const std::vector<std::string>& texts) {
  for (const std::string& text : texts) {
    int width = 20 * static_cast<int>(text.size());
    page.words.push_back(Word{text, 96, Box{x, y, width, kWordHeight}, 1, line});
    x += width + 15;
  }
}

PageResult BlankPage(int number) {
  PageResult page;
  page.page = number;
  page.width = 2480;  // A4 at 300 dpi
  page.height = 3508;
  return page;
}

// An invoice as Tesseract would return it, with two OCR slips in labels
// ("P.lVA", "Tota1e") and the amounts right-aligned in a column.
DocumentResult Invoice() {
  PageResult page = BlankPage(1);
  AddWords(page, 1, 200, 200, {"Fattura", "n.", "2026/0417", "del", "03/11/2026"});
  AddWords(page, 2, 300, 200, {"P.lVA", "01234567897"});
  AddWords(page, 3, 400, 200, {"Codice", "Fiscale", "RSSMRA85T10A562S"});
  AddWords(page, 4, 500, 200, {"IBAN:", "IT60", "X054", "2811", "1010", "0000", "0123", "456"});
  AddWords(page, 5, 1500, 1200, {"Totale", "imponibile"});
  AddWords(page, 5, 1500, 2025, {"1.200,00"});
  AddWords(page, 6, 1560, 1200, {"IVA", "22%"});
  AddWords(page, 6, 1560, 2025, {"264,00"});
  AddWords(page, 7, 1620, 1200, {"Tota1e"});
  AddWords(page, 7, 1620, 1950, {"\xE2\x82\xAC", "1.464,00"});
  AddWords(page, 8, 2000, 200, {"Scadenza"});
  AddWords(page, 8, 2000, 800, {"Pagamento"});
  AddWords(page, 9, 2050, 200, {"30/11/2026"});
  AddWords(page, 9, 2050, 800, {"Bonifico"});
  return DocumentResult{"fattura.png", {page}};
}

Word& WordOf(DocumentResult& doc, const std::string& text) {
  for (PageResult& page : doc.pages) {
    for (Word& word : page.words) {
      if (word.text == text)
        return word;
    }
  }
  ADD_FAILURE() << "no word " << text;
  return doc.pages[0].words[0];
}

FieldSpec Pattern(std::string name, std::string pattern, FieldType type = FieldType::kText) {
  FieldSpec spec;
  spec.name = std::move(name);
  spec.pattern = std::move(pattern);
  spec.type = type;
  return spec;
}

// The invoice's total: "Totale imponibile" starts a line too, so it is
// excluded (a label at a line start is a label).
FieldSpec Total(std::string name = "total") {
  FieldSpec spec;
  spec.name = std::move(name);
  spec.labels = {"Totale"};
  spec.type = FieldType::kAmount;
  spec.exclude = {"imponibile"};
  return spec;
}

FieldSpec Label(std::string name, std::string label, FieldType type = FieldType::kText) {
  FieldSpec spec;
  spec.name = std::move(name);
  spec.labels = {std::move(label)};
  spec.type = type;
  return spec;
}

FieldResult ExtractOne(const DocumentResult& doc, const FieldSpec& spec, double min = 80) {
  std::vector<FieldResult> fields = ExtractFields(doc, {spec}, min);
  EXPECT_EQ(fields.size(), 1u);
  return fields.front();
}

TEST(PageLayoutTest, JoinsWordsWithSpacesAndLinesWithNewlines) {
  DocumentResult doc = Invoice();
  std::vector<const Word*> words;
  for (const Word& word : doc.pages[0].words)
    words.push_back(&word);
  PageLayout layout = LayOutWords(words);
  EXPECT_EQ(layout.text.substr(0, 53), "Fattura n. 2026/0417 del 03/11/2026\nP.lVA 01234567897");
  EXPECT_EQ(layout.lines.size(), 9u);
  std::vector<std::size_t> spanned = WordsInSpan(layout, 13, 24);  // "26/0417 del"
  EXPECT_EQ(spanned, (std::vector<std::size_t>{2, 3}));
}

TEST(FuzzyLabelTest, ToleratesOcrSlipsButNotOtherWords) {
  EXPECT_EQ(LabelKey("P.IVA"), "piva");
  EXPECT_EQ(LabelKey("P IVA:"), "piva");
  EXPECT_EQ(LabelKey("Località"), "località");
  EXPECT_EQ(LabelKey("LOCALITÀ"), "località");
  EXPECT_DOUBLE_EQ(LabelSimilarity("piva", "piva"), 1.0);
  EXPECT_DOUBLE_EQ(LabelSimilarity("plva", "piva"), 1 - 0.25 / 4);
  EXPECT_DOUBLE_EQ(LabelSimilarity("tota1e", "totale"), 1 - 0.25 / 6);
  EXPECT_LT(LabelSimilarity("riva", "piva"), kLabelMatchThreshold);
  EXPECT_EQ(EditDistance("amout", "amount"), 1u);
}

TEST(ExtractFieldsTest, PatternTakesTheFirstCaptureGroup) {
  DocumentResult doc = Invoice();
  WordOf(doc, "2026/0417").confidence = 91.5f;
  FieldResult number = ExtractOne(doc, Pattern("number", R"(Fattura\s+n\.?\s*(\S+))"));
  EXPECT_TRUE(number.found);
  EXPECT_TRUE(number.valid);
  EXPECT_EQ(number.value, "2026/0417");
  EXPECT_EQ(number.raw, "2026/0417");
  EXPECT_EQ(number.page, 1);
  EXPECT_FLOAT_EQ(number.confidence, 91.5f);
  EXPECT_EQ(number.box.x, WordOf(doc, "2026/0417").box.x);
  EXPECT_EQ(number.box.width, WordOf(doc, "2026/0417").box.width);
  EXPECT_EQ(number.verdict, "ok");
  EXPECT_TRUE(number.accepted);
}

TEST(ExtractFieldsTest, PatternWithoutGroupTakesTheMatchAndNormalises) {
  FieldResult date =
      ExtractOne(Invoice(), Pattern("date", R"(\d{2}/\d{2}/\d{4})", FieldType::kDate));
  EXPECT_EQ(date.value, "2026-11-03");
  EXPECT_EQ(date.raw, "03/11/2026");
}

TEST(ExtractFieldsTest, PatternPrefersTheFirstMatchThatValidates) {
  DocumentResult doc = Invoice();
  WordOf(doc, "03/11/2026").text = "31/02/2026";
  FieldResult date = ExtractOne(doc, Pattern("date", R"(\d{2}/\d{2}/\d{4})", FieldType::kDate));
  EXPECT_EQ(date.value, "2026-11-30");  // the due date, the only real one
  EXPECT_TRUE(date.valid);
}

TEST(ExtractFieldsTest, PatternAnchorsMatchAtLineEnds) {
  FieldResult last = ExtractOne(Invoice(), Pattern("last", R"((\S+)$)"));
  EXPECT_EQ(last.value, "03/11/2026");
}

TEST(ExtractFieldsTest, ASpanAcrossWordsTakesTheLowestConfidence) {
  DocumentResult doc = Invoice();
  WordOf(doc, "0123").confidence = 58;
  FieldResult iban = ExtractOne(doc, Pattern("iban", R"(IBAN:\s*([A-Z0-9 ]+))", FieldType::kIban));
  EXPECT_EQ(iban.raw, "IT60 X054 2811 1010 0000 0123 456");
  EXPECT_EQ(iban.value, "IT60X0542811101000000123456");
  EXPECT_FLOAT_EQ(iban.confidence, 58);
  EXPECT_EQ(iban.box.x, WordOf(doc, "IT60").box.x);
  EXPECT_EQ(iban.box.x + iban.box.width, WordOf(doc, "456").box.x + WordOf(doc, "456").box.width);
}

// No validator checks a text field: measured, a misread letter came with a
// word confidence of 91.
TEST(ExtractFieldsTest, TextFieldNeedsTenPointsAboveTheThreshold) {
  DocumentResult doc = Invoice();
  WordOf(doc, "2026/0417").confidence = 89;
  EXPECT_FALSE(ExtractOne(doc, Pattern("number", R"(Fattura\s+n\.?\s*(\S+))"), 80).accepted);
  WordOf(doc, "2026/0417").confidence = 90;
  EXPECT_TRUE(ExtractOne(doc, Pattern("number", R"(Fattura\s+n\.?\s*(\S+))"), 80).accepted);
}

TEST(ExtractFieldsTest, LabelWithOcrNoiseFindsTheValueToItsRight) {
  FieldResult vat = ExtractOne(Invoice(), Label("vat", "P.IVA", FieldType::kPartitaIva));
  EXPECT_TRUE(vat.found);
  EXPECT_EQ(vat.value, "01234567897");
  EXPECT_TRUE(vat.valid);
  EXPECT_TRUE(vat.checksum);
  EXPECT_TRUE(vat.accepted);
}

// The invoice scanned sideways: its content turned 90 degrees clockwise, found
// and undone by the recogniser, with word boxes left in the page as loaded.
DocumentResult TurnedInvoice() {
  DocumentResult doc = Invoice();
  PageResult& page = doc.pages.front();
  for (Word& word : page.words) {
    const Box b = word.box;
    word.box = Box{page.height - b.y - b.height, b.x, b.height, b.width};
  }
  std::swap(page.width, page.height);
  page.orientation = 90;
  return doc;
}

TEST(ExtractFieldsTest, LabelsAndRowsAreReadUprightOnATurnedPage) {
  const DocumentResult turned = TurnedInvoice();
  FieldResult total = ExtractOne(turned, Total());
  EXPECT_EQ(total.value, "1464.00");
  FieldResult vat = ExtractOne(turned, Label("vat", "P.IVA", FieldType::kPartitaIva));
  EXPECT_EQ(vat.value, "01234567897");
  // The box is in the page as loaded, around the turned word.
  const Word& number = turned.pages.front().words[6];
  ASSERT_EQ(number.text, "01234567897");
  EXPECT_EQ(vat.box.x, number.box.x);
  EXPECT_EQ(vat.box.y, number.box.y);
  EXPECT_EQ(vat.box.width, number.box.width);
  EXPECT_EQ(vat.box.height, number.box.height);
}

TEST(ExtractFieldsTest, LabelFindsARightAlignedAmountAndSkipsOtherTotals) {
  FieldResult total = ExtractOne(Invoice(), Total());
  EXPECT_EQ(total.raw, "\xE2\x82\xAC 1.464,00");
  EXPECT_EQ(total.value, "1464.00");
  EXPECT_TRUE(total.accepted);

  FieldResult imponibile =
      ExtractOne(Invoice(), Label("imponibile", "Totale imponibile", FieldType::kAmount));
  EXPECT_EQ(imponibile.value, "1200.00");
  FieldResult iva = ExtractOne(Invoice(), Label("iva", "IVA", FieldType::kAmount));
  EXPECT_EQ(iva.value, "264.00");  // past "22%", which is no amount
}

TEST(ExtractFieldsTest, LabelOfTwoWords) {
  FieldResult cf = ExtractOne(Invoice(), Label("cf", "Codice fiscale", FieldType::kCodiceFiscale));
  EXPECT_EQ(cf.value, "RSSMRA85T10A562S");
  EXPECT_TRUE(cf.checksum);
}

TEST(ExtractFieldsTest, LabelFindsTheValueBelow) {
  FieldResult due = ExtractOne(Invoice(), Label("due", "Scadenza", FieldType::kDate));
  EXPECT_EQ(due.value, "2026-11-30");
  FieldResult payment = ExtractOne(Invoice(), Label("payment", "Pagamento"));
  EXPECT_EQ(payment.value, "Bonifico");
}

TEST(ExtractFieldsTest, LabelGluedToItsValue) {
  PageResult page = BlankPage(1);
  AddWords(page, 1, 300, 200, {"P.IVA:07643520567", "Codice"});
  FieldResult vat =
      ExtractOne(DocumentResult{"", {page}}, Label("vat", "P.IVA", FieldType::kPartitaIva));
  EXPECT_EQ(vat.raw, "07643520567");
  EXPECT_TRUE(vat.valid);
}

TEST(ExtractFieldsTest, ZoneTakesTheWordsWhoseCentreIsInside) {
  FieldSpec spec;
  spec.name = "total";
  spec.type = FieldType::kAmount;
  spec.zone = ZoneSpec{0.75, 0.455, 0.2, 0.02};  // x 1860..2356, y 1596..1666
  FieldResult total = ExtractOne(Invoice(), spec);
  EXPECT_EQ(total.raw, "\xE2\x82\xAC 1.464,00");
  EXPECT_EQ(total.value, "1464.00");
}

TEST(ExtractFieldsTest, ZoneRestrictsALabel) {
  FieldSpec spec = Label("total", "Totale", FieldType::kAmount);
  spec.zone = ZoneSpec{0.4, 0.4, 0.6, 0.05};  // around line 5 only
  FieldResult total = ExtractOne(Invoice(), spec);
  EXPECT_EQ(total.value, "1200.00");  // the only "Totale" inside the zone
}

TEST(ExtractFieldsTest, PageFilter) {
  DocumentResult doc = Invoice();
  PageResult second = BlankPage(2);
  AddWords(second, 1, 200, 200, {"Fattura", "n.", "2026/0418"});
  doc.pages.push_back(second);
  FieldSpec spec = Pattern("number", R"(Fattura\s+n\.\s*(\S+))");
  EXPECT_EQ(ExtractOne(doc, spec).value, "2026/0417");
  spec.page = 2;
  FieldResult number = ExtractOne(doc, spec);
  EXPECT_EQ(number.value, "2026/0418");
  EXPECT_EQ(number.page, 2);
  spec.page = 3;
  EXPECT_FALSE(ExtractOne(doc, spec).found);
}

TEST(ExtractFieldsTest, MinConfidenceGatesAcceptance) {
  DocumentResult doc = Invoice();
  WordOf(doc, "1.464,00").confidence = 70;
  FieldSpec spec = Total();
  FieldResult total = ExtractOne(doc, spec, 80);
  EXPECT_TRUE(total.valid);
  EXPECT_FLOAT_EQ(total.confidence, 70);
  EXPECT_DOUBLE_EQ(total.score, 70);
  EXPECT_DOUBLE_EQ(total.min_confidence, 80);
  EXPECT_FALSE(total.accepted);
  spec.min_confidence = 65;
  EXPECT_TRUE(ExtractOne(doc, spec, 80).accepted);
}

TEST(ExtractFieldsTest, PassedChecksumRaisesTheScoreWithinLimits) {
  DocumentResult doc = Invoice();
  FieldSpec vat = Label("vat", "P.IVA", FieldType::kPartitaIva);
  WordOf(doc, "01234567897").confidence = 75;
  FieldResult field = ExtractOne(doc, vat, 80);
  EXPECT_DOUBLE_EQ(field.score, 95);
  EXPECT_TRUE(field.accepted);
  WordOf(doc, "01234567897").confidence = 65;  // below 80 - 10
  field = ExtractOne(doc, vat, 80);
  EXPECT_DOUBLE_EQ(field.score, 95);
  EXPECT_FALSE(field.accepted);

  FieldSpec iban = Label("iban", "IBAN", FieldType::kIban);
  WordOf(doc, "X054").confidence = 55;  // within 80 - 30
  EXPECT_TRUE(ExtractOne(doc, iban, 80).accepted);
  WordOf(doc, "X054").confidence = 45;
  EXPECT_FALSE(ExtractOne(doc, iban, 80).accepted);

  FieldSpec cf = Label("cf", "Codice fiscale", FieldType::kCodiceFiscale);
  WordOf(doc, "RSSMRA85T10A562S").confidence = 62;  // within 80 - 20
  EXPECT_TRUE(ExtractOne(doc, cf, 80).accepted);
}

TEST(ExtractFieldsTest, FailedValidatorIsNeverAccepted) {
  DocumentResult doc = Invoice();
  WordOf(doc, "01234567897").text = "01234567890";
  WordOf(doc, "01234567890").confidence = 99;
  FieldResult vat = ExtractOne(doc, Label("vat", "P.IVA", FieldType::kPartitaIva), 50);
  EXPECT_TRUE(vat.found);
  EXPECT_FALSE(vat.valid);
  EXPECT_FALSE(vat.accepted);
  EXPECT_EQ(vat.value, "01234567890");
  EXPECT_EQ(vat.verdict, "check digit is 0, expected 7");
  EXPECT_TRUE(NeedsReview({vat}));
}

TEST(ExtractFieldsTest, BadPatternIsReportedOnTheField) {
  FieldResult field = ExtractOne(Invoice(), Pattern("number", "(unclosed"));
  EXPECT_FALSE(field.found);
  EXPECT_EQ(field.verdict.rfind("bad pattern: ", 0), 0u) << field.verdict;
}

TEST(NeedsReviewTest, RequiredMissingNeedsReviewOptionalDoesNot) {
  FieldSpec missing = Label("order", "Ordine");
  std::vector<FieldSpec> specs = {Label("vat", "P.IVA", FieldType::kPartitaIva), missing};
  std::vector<FieldResult> fields = ExtractFields(Invoice(), specs, 80);
  ASSERT_EQ(fields.size(), 2u);
  EXPECT_EQ(fields[0].name, "vat");
  EXPECT_EQ(fields[1].name, "order");
  EXPECT_FALSE(fields[1].found);
  EXPECT_EQ(fields[1].verdict, "not found");
  EXPECT_TRUE(NeedsReview(fields));
  specs[1].required = false;
  fields = ExtractFields(Invoice(), specs, 80);
  EXPECT_FALSE(NeedsReview(fields));
}

TEST(NeedsReviewTest, OptionalFoundButUnderThresholdNeedsReview) {
  DocumentResult doc = Invoice();
  WordOf(doc, "2026/0417").confidence = 40;
  FieldSpec number = Pattern("number", R"(Fattura\s+n\.?\s*(\S+))");
  number.required = false;
  EXPECT_TRUE(NeedsReview(ExtractFields(doc, {number}, 80)));
}

std::vector<FieldResult> Totals(const DocumentResult& doc) {
  return ExtractFields(doc,
                       {Label("imponibile", "Totale imponibile", FieldType::kAmount),
                        Label("iva", "IVA", FieldType::kAmount), Total("totale")},
                       80);
}

TEST(TotalsCheckTest, AmountsThatAddUpAreAcceptedLower) {
  DocumentResult doc = Invoice();
  WordOf(doc, "1.200,00").confidence = 70;
  WordOf(doc, "264,00").confidence = 66;
  WordOf(doc, "1.464,00").confidence = 60;
  std::vector<FieldResult> fields = Totals(doc);
  EXPECT_TRUE(NeedsReview(fields));
  ApplyAmountCheck(fields, InvoiceTotalsCheck(), 80);
  EXPECT_TRUE(fields[0].cross_checked);
  EXPECT_TRUE(fields[0].accepted);
  EXPECT_DOUBLE_EQ(fields[0].score, 85);
  EXPECT_TRUE(fields[1].accepted);
  EXPECT_TRUE(fields[2].cross_checked);
  EXPECT_FALSE(fields[2].accepted);  // 60 < 80 - 15
  EXPECT_EQ(fields[2].verdict, "ok");
  WordOf(doc, "1.464,00").confidence = 65;
  fields = Totals(doc);
  ApplyAmountCheck(fields, InvoiceTotalsCheck(), 80);
  EXPECT_FALSE(NeedsReview(fields));
}

TEST(TotalsCheckTest, AmountsThatDoNotAddUpAreNeverAccepted) {
  DocumentResult doc = Invoice();
  WordOf(doc, "1.464,00").text = "1.465,00";
  std::vector<FieldResult> fields = Totals(doc);
  ASSERT_TRUE(fields[2].accepted);  // 96, before the check
  ApplyAmountCheck(fields, InvoiceTotalsCheck(), 80);
  for (const FieldResult& field : fields) {
    EXPECT_FALSE(field.accepted) << field.name;
    EXPECT_FALSE(field.cross_checked);
    EXPECT_EQ(field.verdict, "imponibile + iva = 1464.00, not the totale 1465.00");
  }
  EXPECT_TRUE(NeedsReview(fields));
}

TEST(TotalsCheckTest, DoesNothingWithoutAllThreeAmounts) {
  std::vector<FieldResult> fields = Totals(Invoice());
  fields.pop_back();
  std::vector<FieldResult> before = fields;
  ApplyAmountCheck(fields, InvoiceTotalsCheck(), 80);
  EXPECT_FALSE(fields[0].cross_checked);
  EXPECT_EQ(fields[0].accepted, before[0].accepted);
}

}  // namespace
}  // namespace travet::ocr
