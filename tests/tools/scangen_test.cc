// Tests of travet-scangen: determinism, valid identifiers, recorded defects.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "runtime/core/value.h"
#include "tests/fakes/temp_dir.h"
#include "tools/scangen/corpus.h"
#include "tools/scangen/italian_ids.h"

namespace travet::scangen {
namespace {

// Check-digit rules written again here, independently of the generator.

// Luhn over all 11 digits, which is the partita IVA rule.
bool ValidPartitaIva(const std::string& piva) {
  if (piva.size() != 11)
    return false;
  int sum = 0;
  for (int i = 0; i < 11; ++i) {
    const int from_right = 10 - i;
    int d = piva[static_cast<std::size_t>(i)] - '0';
    if (d < 0 || d > 9)
      return false;
    if (from_right % 2 == 1)
      d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 == 0;
}

// ISO 13616: the first four characters moved to the end, letters as 10..35,
// the number mod 97 is 1.
bool ValidIban(const std::string& iban) {
  const std::string moved = iban.substr(4) + iban.substr(0, 4);
  int remainder = 0;
  for (char c : moved) {
    const std::string digits = std::isdigit(static_cast<unsigned char>(c))
                                   ? std::string(1, c)
                                   : std::to_string(c - 'A' + 10);
    for (char d : digits)
      remainder = (remainder * 10 + (d - '0')) % 97;
  }
  return iban.size() == 27 && iban.rfind("IT", 0) == 0 && remainder == 1;
}

// Odd positions: the letters in this string are listed by their value.
bool ValidCodiceFiscale(const std::string& cf) {
  static const std::string kByOddValue = "BAKPLCQDREVOSFTGUHMINJWZYX";
  if (cf.size() != 16)
    return false;
  int sum = 0;
  for (std::size_t i = 0; i < 15; ++i) {
    const char c = std::isdigit(static_cast<unsigned char>(cf[i]))
                       ? static_cast<char>('A' + (cf[i] - '0'))
                       : cf[i];
    sum += i % 2 == 0 ? static_cast<int>(kByOddValue.find(c)) : c - 'A';
  }
  return cf[15] == 'A' + sum % 26;
}

std::int64_t Cents(const std::string& decimal) {
  const std::size_t dot = decimal.find('.');
  EXPECT_EQ(dot, decimal.size() - 3) << decimal;
  return std::stoll(decimal.substr(0, dot)) * 100 + std::stoll(decimal.substr(dot + 1));
}

Value ReadJson(const std::filesystem::path& path) {
  return Value::parse(testing::ReadFile(path));
}

CorpusOptions SmallOptions(const std::filesystem::path& out, std::vector<Condition> conditions) {
  CorpusOptions options;
  options.out = out;
  options.seed = 7;
  options.dpi = 100;  // fast; the layout is the same at any dpi
  options.kinds = {DocumentKind::kInvoice};
  options.conditions = std::move(conditions);
  return options;
}

TEST(ItalianIdsTest, MatchesPublishedExamples) {
  EXPECT_TRUE(ValidPartitaIva("01907990012"));  // Città Metropolitana di Torino
  EXPECT_EQ(PartitaIvaCheckDigit("0190799001"), '2');
  EXPECT_EQ(MakeCodiceFiscale({.first_name = "Mario",
                               .surname = "Rossi",
                               .birth_year = 1985,
                               .birth_month = 12,
                               .birth_day = 10,
                               .birth_place_code = "A562"}),
            "RSSMRA85T10A562S");
  EXPECT_TRUE(ValidCodiceFiscale("RSSMRA85T10A562S"));
  EXPECT_EQ(IbanCin("0542811101000000123456"), 'X');
  EXPECT_EQ(IbanCheckDigits("IT", "X0542811101000000123456"), "60");
  EXPECT_TRUE(ValidIban("IT60X0542811101000000123456"));
  EXPECT_FALSE(ValidIban("IT61X0542811101000000123456"));
}

TEST(ScangenTest, SameSeedGivesTheSameBytes) {
  testing::TempDir first, second;
  for (Condition condition : {Condition::kNoisy, Condition::kPhoto}) {
    CorpusOptions a = SmallOptions(first.path(), {condition});
    CorpusOptions b = SmallOptions(second.path(), {condition});
    Result<GeneratedDocument> doc_a = GenerateDocument(a, 3);
    Result<GeneratedDocument> doc_b = GenerateDocument(b, 3);
    ASSERT_TRUE(doc_a.has_value()) << doc_a.error().ToString();
    ASSERT_TRUE(doc_b.has_value()) << doc_b.error().ToString();
    ASSERT_EQ(doc_a->files.size(), doc_b->files.size());
    for (std::size_t i = 0; i < doc_a->files.size(); ++i) {
      EXPECT_EQ(doc_a->files[i].filename(), doc_b->files[i].filename());
      EXPECT_EQ(testing::ReadFile(doc_a->files[i]), testing::ReadFile(doc_b->files[i]))
          << doc_a->files[i];
    }
  }
}

TEST(ScangenTest, AnotherSeedGivesAnotherDocument) {
  testing::TempDir dir;
  CorpusOptions options = SmallOptions(dir.path(), {Condition::kClean});
  Result<GeneratedDocument> first = GenerateDocument(options, 0);
  ASSERT_TRUE(first.has_value());
  const Value seven = ReadJson(first->files[1]);
  options.seed = 8;
  Result<GeneratedDocument> second = GenerateDocument(options, 0);
  ASSERT_TRUE(second.has_value());
  EXPECT_NE(seven["fields"], ReadJson(second->files[1])["fields"]);
}

TEST(ScangenTest, InvoiceFieldsPassTheirChecksAndAddUp) {
  testing::TempDir dir;
  const CorpusOptions options = SmallOptions(dir.path(), {Condition::kClean});
  for (int index = 0; index < 12; ++index) {
    Result<GeneratedDocument> doc = GenerateDocument(options, index);
    ASSERT_TRUE(doc.has_value()) << doc.error().ToString();
    const Value truth = ReadJson(doc->files[1]);
    const Value& fields = truth["fields"];
    const std::string cf = fields["codice_fiscale"];
    EXPECT_TRUE(ValidPartitaIva(fields["partita_iva"])) << fields;
    EXPECT_TRUE(ValidIban(fields["iban"])) << fields;
    EXPECT_TRUE(cf.size() == 11 ? ValidPartitaIva(cf) : ValidCodiceFiscale(cf)) << cf;
    EXPECT_EQ(fields["cliente_codice_fiscale"], "01907990012");
    const std::int64_t imponibile = Cents(fields["imponibile"]);
    const std::int64_t iva = Cents(fields["iva"]);
    EXPECT_EQ(Cents(fields["totale"]), imponibile + iva);
    EXPECT_LE(std::llabs(iva * 100 - imponibile * 22), 50) << fields;
    const std::string text = truth["text"];
    EXPECT_NE(text.find("Fattura n. " + fields["numero"].get<std::string>()), std::string::npos);
    EXPECT_NE(text.find("P.IVA " + fields["partita_iva"].get<std::string>()), std::string::npos);
  }
}

// The angle whose rotation makes the rows of dark pixels sharpest: a
// projection-profile deskew, independent of the generator's transform.
double MeasureSkew(const cv::Mat& gray) {
  std::vector<cv::Point> dark;
  cv::findNonZero(gray < 128, dark);
  double best_angle = 0, best_score = -1;
  for (double angle = -8; angle <= 8; angle += 0.05) {
    const double s = std::sin(angle * M_PI / 180), c = std::cos(angle * M_PI / 180);
    std::vector<double> rows(static_cast<std::size_t>(gray.rows + gray.cols) * 2, 0);
    for (const cv::Point& p : dark) {
      rows[static_cast<std::size_t>(p.y * c + p.x * s + gray.cols)] += 1;
    }
    double score = 0;
    for (double r : rows)
      score += r * r;
    if (score > best_score) {
      best_score = score;
      best_angle = angle;
    }
  }
  return best_angle;
}

TEST(ScangenTest, RecordedSkewIsTheSkewOfTheImage) {
  testing::TempDir dir;
  const CorpusOptions options = SmallOptions(dir.path(), {Condition::kSkewed});
  for (int index : {0, 1, 2}) {
    Result<GeneratedDocument> doc = GenerateDocument(options, index);
    ASSERT_TRUE(doc.has_value());
    const Value truth = ReadJson(doc->files[1]);
    const double skew = truth["skew_degrees"];
    EXPECT_GE(std::abs(skew), 1.0);
    EXPECT_LE(std::abs(skew), 7.0);
    const cv::Mat image = cv::imread(doc->files[0].string(), cv::IMREAD_GRAYSCALE);
    EXPECT_NEAR(MeasureSkew(image), skew, 0.15) << doc->name;
  }
}

TEST(ScangenTest, ConditionsChangeTheImageAsRecorded) {
  testing::TempDir dir;
  const CorpusOptions options = SmallOptions(
      dir.path(), {Condition::kClean, Condition::kRotated, Condition::kFax, Condition::kLowDpi});
  for (int index = 0; index < 4; ++index) {
    Result<GeneratedDocument> doc = GenerateDocument(options, index);
    ASSERT_TRUE(doc.has_value()) << doc.error().ToString();
    const Value truth = ReadJson(doc->files[1]);
    const cv::Mat image = cv::imread(doc->files[0].string(), cv::IMREAD_GRAYSCALE);
    const int rotation = truth["rotation"];
    const bool sideways = rotation == 90 || rotation == 270;
    EXPECT_EQ(sideways, image.cols > image.rows) << doc->name;
    EXPECT_EQ(image.cols, truth["pages"][0]["width"].get<int>());
    if (truth["condition"] == "fax") {
      EXPECT_EQ(truth["dpi"], 200);
      EXPECT_EQ(cv::countNonZero((image != 0) & (image != 255)), 0);
    }
    if (truth["condition"] == "lowdpi") {
      EXPECT_NEAR(image.cols, 8.27 * truth["dpi"].get<int>(), 2);
    }
  }
}

TEST(ScangenTest, MultiPageDocumentsGoIntoOneTiffOrPdf) {
  testing::TempDir dir;
  CorpusOptions options = SmallOptions(dir.path(), {Condition::kClean});
  options.format = OutputFormat::kTiff;
  int index = 0;
  Result<GeneratedDocument> doc = GenerateDocument(options, index);
  while (doc.has_value() && doc->pages < 2 && index < 60)
    doc = GenerateDocument(options, ++index);
  ASSERT_TRUE(doc.has_value());
  ASSERT_GE(doc->pages, 2) << "no long invoice among the first 60";
  std::vector<cv::Mat> tiff_pages;
  ASSERT_TRUE(cv::imreadmulti(doc->files[0].string(), tiff_pages));
  EXPECT_EQ(static_cast<int>(tiff_pages.size()), doc->pages);
  const Value truth = ReadJson(doc->files[1]);
  EXPECT_EQ(truth["page_count"], doc->pages);
  EXPECT_NE(truth["text"].get<std::string>().find('\f'), std::string::npos);

  options.format = OutputFormat::kPdf;
  Result<GeneratedDocument> pdf = GenerateDocument(options, index);
  ASSERT_TRUE(pdf.has_value());
  const std::string bytes = testing::ReadFile(pdf->files[0]);
  EXPECT_EQ(bytes.rfind("%PDF-1.4", 0), 0u);
  EXPECT_NE(bytes.find("/Count " + std::to_string(doc->pages)), std::string::npos);
  // Every xref entry points at the start of its object.
  const std::size_t xref = std::stoul(bytes.substr(bytes.rfind("startxref") + 10));
  std::istringstream table(bytes.substr(xref));
  std::string line;
  std::getline(table, line);  // "xref"
  std::getline(table, line);  // "0 N"
  const int count = std::stoi(line.substr(2));
  std::getline(table, line);  // the free entry
  for (int object = 1; object < count; ++object) {
    std::getline(table, line);
    const std::size_t offset = std::stoul(line.substr(0, 10));
    EXPECT_EQ(
        bytes.compare(offset, std::to_string(object).size() + 6, std::to_string(object) + " 0 obj"),
        0)
        << object;
  }
}

TEST(ScangenTest, PagesOfALongDocumentInPngGetTheirOwnFiles) {
  testing::TempDir dir;
  CorpusOptions options = SmallOptions(dir.path(), {Condition::kClean});
  int index = 0;
  Result<GeneratedDocument> doc = GenerateDocument(options, index);
  while (doc.has_value() && doc->pages < 2 && index < 60)
    doc = GenerateDocument(options, ++index);
  ASSERT_TRUE(doc.has_value());
  ASSERT_EQ(doc->files.size(), 2u * doc->pages);
  EXPECT_EQ(doc->files[0].filename(), doc->name + "-p1.png");
  EXPECT_EQ(doc->files[3].filename(), doc->name + "-p2.json");
  const Value second = ReadJson(doc->files[3]);
  EXPECT_EQ(second["pages"][0]["page"], 2);
  EXPECT_NE(second["text"].get<std::string>().find("Totale"), std::string::npos);
}

TEST(ScangenTest, CorpusHasFieldsYamlAndEveryKind) {
  testing::TempDir dir;
  CorpusOptions options;
  options.out = dir.path() / "corpus";
  options.count = 3;
  options.dpi = 100;
  options.conditions = {Condition::kClean};
  Result<std::vector<GeneratedDocument>> corpus = GenerateCorpus(options);
  ASSERT_TRUE(corpus.has_value()) << corpus.error().ToString();
  ASSERT_EQ(corpus->size(), 3u);
  EXPECT_EQ((*corpus)[1].name, "concession-0002-clean");
  const Value concession = ReadJson(options.out / "concession-0002-clean.json");
  EXPECT_TRUE(ValidCodiceFiscale(concession["fields"]["codice_fiscale"]));
  EXPECT_NE(concession["text"].get<std::string>().find("m²"), std::string::npos);
  const Value letter = ReadJson(options.out / "letter-0003-clean.json");
  EXPECT_NE(letter["text"].get<std::string>().find("Oggetto: "), std::string::npos);
  EXPECT_NE(testing::ReadFile(options.out / "fields.yaml")
                .find("totale: { label: 'Totale', type: amount }"),
            std::string::npos);
}

TEST(ScangenTest, RejectsUnknownNames) {
  EXPECT_EQ(ParseKind("memo").error().message(),
            "unknown document kind 'memo' (known: invoice, concession, letter, receipt)");
  EXPECT_EQ(ParseCondition("blurry").error().message(),
            "unknown condition 'blurry' (known: clean, skewed, rotated, fax, noisy, lowdpi, "
            "photo, edge, thermal, dotmatrix, stamped, handwritten, ruled, small, real)");
  EXPECT_EQ(ParseFormat("gif").error().message(),
            "unknown format 'gif' (known: png, jpg, tiff, pdf)");
}

}  // namespace
}  // namespace travet::scangen
