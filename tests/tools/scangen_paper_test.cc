// Tests of travet-scangen's real-paper conditions, the receipt and the real
// content: each defect changes the page as it says, the ground truth stays
// exact, and the earlier conditions still give the committed samples' bytes.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <string>
#include <vector>

#include "runtime/core/value.h"
#include "tests/fakes/temp_dir.h"
#include "tools/scangen/corpus.h"
#include "tools/scangen/degrade.h"

namespace travet::scangen {
namespace {

const std::filesystem::path kSamples = std::filesystem::path(TRAVET_SOURCE_DIR) / "samples/scans";

Value ReadTruthJson(const std::filesystem::path& path) {
  return Value::parse(testing::ReadFile(path));
}

cv::Mat ReadGray(const std::filesystem::path& path) {
  return cv::imread(path.string(), cv::IMREAD_GRAYSCALE);
}

CorpusOptions Options(const std::filesystem::path& out, DocumentKind kind, Condition condition) {
  CorpusOptions options;
  options.out = out;
  options.seed = 11;
  options.dpi = 150;
  options.kinds = {kind};
  options.conditions = {condition};
  return options;
}

// The image and the JSON of document `index`.
struct Generated {
  cv::Mat image;
  Value truth;
};

Generated Generate(const CorpusOptions& options, int index) {
  Result<GeneratedDocument> doc = GenerateDocument(options, index);
  EXPECT_TRUE(doc.has_value()) << doc.error().ToString();
  if (!doc)
    return {};
  return {ReadGray(doc->files[0]), ReadTruthJson(doc->files[1])};
}

cv::Rect Box(const Value& box) {
  return {box[0].get<int>(), box[1].get<int>(), box[2].get<int>(), box[3].get<int>()};
}

// The bounding box of the pixels darker than `level`.
cv::Rect InkBox(const cv::Mat& gray, int level) {
  std::vector<cv::Point> dark;
  cv::findNonZero(gray < level, dark);
  return cv::boundingRect(dark);
}

// Ends of dark runs along the rows per dark pixel: a glyph made of dots
// breaks at every dot, a solid stroke only at its edge.
double InkBreaks(const cv::Mat& gray) {
  const cv::Mat dark = gray < 128;
  long ends = 0;
  for (int y = 0; y < dark.rows; ++y) {
    const unsigned char* row = dark.ptr<unsigned char>(y);
    for (int x = 0; x + 1 < dark.cols; ++x)
      ends += row[x] != 0 && row[x + 1] == 0;
  }
  return static_cast<double>(ends) / std::max(1, cv::countNonZero(dark));
}

TEST(ScangenPaperTest, EarlierConditionsGiveTheCommittedSamples) {
  testing::TempDir dir;
  CorpusOptions options;
  options.out = dir.path();
  options.seed = 2026;
  options.kinds = {DocumentKind::kInvoice};
  options.conditions = {Condition::kClean, Condition::kSkewed, Condition::kFax, Condition::kLowDpi,
                        Condition::kRotated};
  Result<GeneratedDocument> fax = GenerateDocument(options, 2);
  ASSERT_TRUE(fax.has_value()) << fax.error().ToString();
  for (const std::filesystem::path& file : fax->files) {
    EXPECT_EQ(testing::ReadFile(file), testing::ReadFile(kSamples / file.filename())) << file;
  }
  EXPECT_EQ(FieldsYaml(options.kinds), testing::ReadFile(kSamples / "fields.yaml"));
}

TEST(ScangenPaperTest, EdgeIsADarkBandAlongOneSideOfAStraightPage) {
  testing::TempDir dir;
  for (int index : {0, 1, 2, 3}) {
    const Generated g =
        Generate(Options(dir.path(), DocumentKind::kLetter, Condition::kEdge), index);
    const Value& edge = g.truth["pages"][0]["degradation"]["edge"];
    const std::string side = edge["side"];
    const bool vertical = side == "left" || side == "right";
    const int at =
        side == "left" || side == "top" ? 0 : (vertical ? g.image.cols : g.image.rows) - 3;
    const cv::Rect band =
        vertical ? cv::Rect(at, 0, 3, g.image.rows) : cv::Rect(0, at, g.image.cols, 3);
    EXPECT_LT(cv::mean(g.image(band))[0], 100) << side;
    EXPECT_EQ(g.truth["skew_degrees"], 0.0);
    EXPECT_GT(edge["width"].get<int>(), 2);
  }
}

TEST(ScangenPaperTest, ThermalAndDotMatrixInkIsLighterOrDotted) {
  testing::TempDir dir;
  const Generated clean =
      Generate(Options(dir.path(), DocumentKind::kReceipt, Condition::kClean), 0);
  const Generated thermal =
      Generate(Options(dir.path(), DocumentKind::kReceipt, Condition::kThermal), 0);
  // At 300 dpi the pins are 3 to 5 pixels apart; the clean page for the
  // count of glyph parts is rendered at the same resolution.
  CorpusOptions fine = Options(dir.path(), DocumentKind::kReceipt, Condition::kDotMatrix);
  fine.dpi = 300;
  const Generated dots = Generate(fine, 0);
  fine.conditions = {Condition::kClean};
  const Generated fine_clean = Generate(fine, 0);
  const cv::Mat ink = clean.image < 128;
  EXPECT_GT(cv::mean(thermal.image, ink)[0], cv::mean(clean.image, ink)[0] + 60);
  EXPECT_LT(cv::mean(thermal.image, ink)[0], 230);  // faint, not gone
  EXPECT_EQ(thermal.truth["pages"][0]["degradation"]["print"], "thermal");
  EXPECT_GT(InkBreaks(dots.image), 1.3 * InkBreaks(fine_clean.image));
  EXPECT_EQ(dots.truth["pages"][0]["degradation"]["print"], "dotmatrix");
  EXPECT_EQ(thermal.truth["text"], clean.truth["text"]);
}

TEST(ScangenPaperTest, SmallPutsAReceiptInTheMiddleOfAnA4Scan) {
  testing::TempDir dir;
  const Generated g = Generate(Options(dir.path(), DocumentKind::kReceipt, Condition::kSmall), 1);
  EXPECT_GE(g.image.cols, 1200);  // A4 at 150 dpi: 1240 x 1754
  EXPECT_GE(g.image.rows, 1700);
  const cv::Rect ink = InkBox(g.image, 128);
  EXPECT_LT(ink.area(), g.image.total() / 4);
  EXPECT_GT(ink.x, 0);
  EXPECT_EQ(g.truth["pages"][0]["degradation"]["sheet_scale"], 1.0);
}

// Every line box of the first page lies on the page and holds ink.
void ExpectLinesInside(const Generated& g) {
  for (const Value& line : g.truth["pages"][0]["lines"]) {
    const cv::Rect box = Box(line["box"]);
    ASSERT_EQ(box & cv::Rect(0, 0, g.image.cols, g.image.rows), box) << line;
    if (box.area() > 0) {
      EXPECT_GT(cv::countNonZero(g.image(box) < 128), 0) << line;
    }
  }
}

TEST(ScangenPaperTest, LinesStayInsideTheirBoxes) {
  testing::TempDir dir;
  for (Condition condition : {Condition::kSmall, Condition::kEdge, Condition::kRuled,
                              Condition::kStamped, Condition::kHandwritten}) {
    for (DocumentKind kind : {DocumentKind::kInvoice, DocumentKind::kReceipt}) {
      SCOPED_TRACE(std::string(ConditionName(condition)));
      ExpectLinesInside(Generate(Options(dir.path(), kind, condition), 2));
    }
  }
}

TEST(ScangenPaperTest, StampCoversTextWithoutChangingIt) {
  testing::TempDir dir;
  const Generated clean =
      Generate(Options(dir.path(), DocumentKind::kInvoice, Condition::kClean), 0);
  const Generated stamped =
      Generate(Options(dir.path(), DocumentKind::kInvoice, Condition::kStamped), 0);
  EXPECT_EQ(stamped.truth["text"], clean.truth["text"]);
  const Value& mark = stamped.truth["pages"][0]["degradation"]["marks"][0];
  EXPECT_EQ(mark["kind"], "stamp");
  EXPECT_FALSE(mark["text"].get<std::string>().empty());
  const cv::Rect box = Box(mark["box"]);
  bool over_text = false;
  for (const Value& line : stamped.truth["pages"][0]["lines"])
    over_text = over_text || (Box(line["box"]) & box).area() > 0;
  EXPECT_TRUE(over_text);
  EXPECT_GT(cv::countNonZero(stamped.image(box) != clean.image(box)), box.area() / 50);
}

TEST(ScangenPaperTest, HandwritingAndRulingsAreRecordedMarks) {
  testing::TempDir dir;
  const Generated clean =
      Generate(Options(dir.path(), DocumentKind::kConcession, Condition::kClean), 0);
  const Generated hand =
      Generate(Options(dir.path(), DocumentKind::kConcession, Condition::kHandwritten), 0);
  const Value& marks = hand.truth["pages"][0]["degradation"]["marks"];
  ASSERT_GE(marks.size(), 2u);
  for (const Value& mark : marks) {
    const std::string kind = mark["kind"];
    EXPECT_NE(std::string("tick circle underline note signature").find(kind), std::string::npos);
    const cv::Rect box = Box(mark["box"]);
    EXPECT_GT(cv::countNonZero(hand.image(box) != clean.image(box)), 0) << mark;
  }
  const Generated ruled =
      Generate(Options(dir.path(), DocumentKind::kConcession, Condition::kRuled), 0);
  const Value& tables = ruled.truth["pages"][0]["degradation"]["marks"];
  ASSERT_GE(tables.size(), 1u);
  EXPECT_EQ(tables[0]["kind"], "table");
  // The table's top rule: a dark row across the whole box.
  const cv::Rect box = Box(tables[0]["box"]);
  const cv::Mat top = ruled.image(cv::Rect(box.x, box.y, box.width, 3)) < 128;
  cv::Mat columns;
  cv::reduce(top, columns, 0, cv::REDUCE_MAX);
  EXPECT_GT(cv::countNonZero(columns), box.width * 9 / 10);
  EXPECT_EQ(ruled.truth["text"], clean.truth["text"]);
}

TEST(ScangenPaperTest, RealIsDeterministicAndMixesDefects) {
  testing::TempDir first, second;
  CorpusOptions a;
  a.out = first.path();
  a.dpi = 150;
  ASSERT_TRUE(ApplyProfile("real", a).ok());
  CorpusOptions b = a;
  b.out = second.path();
  int defects = 0;
  for (int index : {0, 1, 3}) {
    Result<GeneratedDocument> doc_a = GenerateDocument(a, index);
    Result<GeneratedDocument> doc_b = GenerateDocument(b, index);
    ASSERT_TRUE(doc_a.has_value() && doc_b.has_value());
    for (std::size_t i = 0; i < doc_a->files.size(); ++i)
      EXPECT_EQ(testing::ReadFile(doc_a->files[i]), testing::ReadFile(doc_b->files[i]));
    const Value truth = ReadTruthJson(doc_a->files[1]);
    EXPECT_EQ(truth["condition"], "real");
    EXPECT_LE(truth["dpi"].get<int>(), 150);
    const Value& d = truth["pages"][0]["degradation"];
    defects +=
        d.contains("print") + d.contains("edge") + d.contains("sheet_scale") + d.contains("marks");
  }
  EXPECT_GE(defects, 4);  // several per page, as on real paper
  EXPECT_EQ(ApplyProfile("hard", a).message(), "unknown profile 'hard' (known: real)");
}

TEST(ScangenPaperTest, ReceiptHasSeveralTotalsAndItsFields) {
  testing::TempDir dir;
  for (int index = 0; index < 6; ++index) {
    const Generated g =
        Generate(Options(dir.path(), DocumentKind::kReceipt, Condition::kClean), index);
    const Value& fields = g.truth["fields"];
    const std::string text = g.truth["text"];
    EXPECT_EQ(text.substr(0, text.find('\n')), fields["esercente"].get<std::string>());
    EXPECT_NE(text.find("SUBTOTALE"), std::string::npos);
    EXPECT_NE(text.find("IMPORTO PAGATO"), std::string::npos);
    std::string total = fields["totale"];
    total.replace(total.find('.'), 1, ",");
    EXPECT_NE(text.find("IMPORTO PAGATO " + total), std::string::npos) << text;
    EXPECT_EQ(fields["data"].get<std::string>().size(), 10u);
    // A till roll at 150 dpi: 80 or 58 mm wide.
    EXPECT_TRUE(g.image.cols == 472 || g.image.cols == 343) << g.image.cols;
  }
  EXPECT_NE(FieldsYaml({DocumentKind::kReceipt}).find("totale: { pattern:"), std::string::npos);
}

TEST(ScangenPaperTest, RealContentHasSeveralTotalLinesAndLabelsInSentences) {
  testing::TempDir dir;
  CorpusOptions options = Options(dir.path(), DocumentKind::kInvoice, Condition::kClean);
  options.real_content = true;
  const Generated g = Generate(options, 0);
  const std::string text = g.truth["text"];
  for (const char* label : {"Totale parziale", "Totale documento", "Totale da pagare",
                            "il totale da pagare va versato sull'IBAN"}) {
    EXPECT_NE(text.find(label), std::string::npos) << label;
  }
  const Value& fields = g.truth["fields"];
  const auto cents = [](const std::string& s) {
    return std::stoll(s.substr(0, s.find('.'))) * 100 + std::stoll(s.substr(s.find('.') + 1));
  };
  EXPECT_EQ(cents(fields["totale"]), cents(fields["imponibile"]) + cents(fields["iva"]));
  EXPECT_LE(cents(fields["da_pagare"]), cents(fields["totale"]));
}

}  // namespace
}  // namespace travet::scangen
