// `travet ocr`, the real binary, on sample invoices and small rendered pages.
#include <gtest/gtest.h>
#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-page.h>

#include <algorithm>
#include <memory>
#include <sstream>

#include "runtime/core/value.h"
#include "tests/fakes/run_travet.h"
#include "tests/fakes/temp_dir.h"
#include "tests/ocr/ocr_test_pages.h"
#include "tools/scangen/page_renderer.h"

namespace travet::testing {
namespace {

using ocr::testing::EditDistance;

const std::filesystem::path kScans =
    std::filesystem::path(TRAVET_SOURCE_DIR) / "samples/invoices/scans";

// Copies a sample scan into `dir` and returns its name there.
std::string CopySample(const TempDir& dir, const std::string& name) {
  std::filesystem::copy_file(kScans / name, dir.path() / name);
  return name;
}

Value GroundTruth(const std::string& png) {
  const std::string json = ReadFile(kScans / (png.substr(0, png.size() - 4) + ".json"));
  return Value::parse(json);
}

// A small page (two lines of 12 pt Liberation Sans at 300 dpi), as PNG.
std::string SmallPage(int n) {
  scangen::PageSpec spec;
  spec.width_mm = 150;
  spec.height_mm = 45;
  spec.typeface = scangen::Typeface::kLiberationSans;
  spec.runs = {{"Fattura numero 2024/" + std::to_string(100 + n), 15, 15, 12},
               {"Totale dovuto " + std::to_string(40 + n) + ",50 euro", 15, 23, 12}};
  auto png = scangen::RenderPng(spec);
  EXPECT_TRUE(png.has_value()) << png.error().ToString();
  return png ? *png : "";
}

size_t Count(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1))
    ++n;
  return n;
}

std::vector<std::string> Listing(const std::filesystem::path& dir) {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(dir))
    names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

TEST(OcrCliTest, PrintsTheTextOfACleanScan) {
  TempDir dir;
  const std::string png = CopySample(dir, "invoice-0001-clean.png");
  TravetOutput ocr = RunTravet({"ocr", png}, dir.path());
  ASSERT_EQ(ocr.exit_code, 0) << ocr.err;
  EXPECT_EQ(ocr.err, "");
  const std::string truth = GroundTruth(png)["text"].get<std::string>() + "\n";
  // Character error rate within the 1% target for clean 300 dpi pages.
  EXPECT_LE(EditDistance(ocr.out, truth), truth.size() / 100) << ocr.out;
  EXPECT_NE(ocr.out.find("\nFattura n. 2024/1916\n"), std::string::npos) << ocr.out;
  EXPECT_NE(ocr.out.find("\nIBAN: IT79S0306974779397731499968\n"), std::string::npos) << ocr.out;
  EXPECT_EQ(ocr.out.find("==>"), std::string::npos) << "one page: no header";
}

TEST(OcrCliTest, JsonHasOneEntryPerFileInTheOrderGiven) {
  TempDir dir;
  for (int n = 0; n < 5; ++n)
    dir.Write("page-" + std::to_string(n) + ".png", SmallPage(n));
  TravetOutput ocr = RunTravet({"ocr", "--json", "--workers", "2", "page-0.png", "page-1.png",
                                "page-2.png", "page-3.png", "page-4.png"},
                               dir.path());
  ASSERT_EQ(ocr.exit_code, 0) << ocr.err;
  const Value docs = Value::parse(ocr.out);
  ASSERT_TRUE(docs.is_array());
  ASSERT_EQ(docs.size(), 5u);
  for (int n = 0; n < 5; ++n) {
    const Value& doc = docs[n];
    EXPECT_EQ(doc["file"], "page-" + std::to_string(n) + ".png");
    ASSERT_EQ(doc["pages"].size(), 1u);
    const Value& page = doc["pages"][0];
    EXPECT_EQ(page["page"], 1);
    EXPECT_EQ(page["text"], "Fattura numero 2024/" + std::to_string(100 + n) + "\nTotale dovuto " +
                                std::to_string(40 + n) + ",50 euro\n");
    EXPECT_GT(page["confidence"].get<double>(), 80);
    EXPECT_TRUE(page["stages"].is_array());
    EXPECT_EQ(page["dpi"], 300);
    EXPECT_FALSE(page.contains("words")) << "words only with --words";
  }
  TravetOutput words = RunTravet({"ocr", "--json", "--words", "page-0.png"}, dir.path());
  ASSERT_EQ(words.exit_code, 0) << words.err;
  const Value first = Value::parse(words.out)[0]["pages"][0]["words"][0];
  EXPECT_EQ(first["text"], "Fattura");
  EXPECT_EQ(first["line"], 1);
  EXPECT_NEAR(first["box"]["x"].get<int>(), 177, 5);  // 15 mm at 300 dpi
  EXPECT_GT(first["box"]["width"].get<int>(), 50);
}

TEST(OcrCliTest, TextOfSeveralFilesHasHeadersInInputOrder) {
  TempDir dir;
  dir.Write("a.png", SmallPage(1));
  dir.Write("b.png", SmallPage(2));
  TravetOutput ocr = RunTravet({"ocr", "b.png", "a.png"}, dir.path());
  ASSERT_EQ(ocr.exit_code, 0) << ocr.err;
  EXPECT_EQ(ocr.out,
            "==> b.png (page 1) <==\nFattura numero 2024/102\nTotale dovuto 42,50 euro\n\n"
            "==> a.png (page 1) <==\nFattura numero 2024/101\nTotale dovuto 41,50 euro\n");
}

TEST(OcrCliTest, TsvAndHocrAreTesseractCompatible) {
  TempDir dir;
  dir.Write("a.png", SmallPage(1));
  dir.Write("b.png", SmallPage(2));
  TravetOutput tsv = RunTravet({"ocr", "--tsv", "a.png", "b.png"}, dir.path());
  ASSERT_EQ(tsv.exit_code, 0) << tsv.err;
  std::istringstream lines(tsv.out);
  std::string header;
  std::getline(lines, header);
  EXPECT_EQ(header,
            "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\t"
            "conf\ttext");
  EXPECT_EQ(Count(tsv.out, "level\t"), 1u) << "one header for all files";
  EXPECT_NE(tsv.out.find("\n1\t1\t0\t1\t0\t0\t0\t0\t"), std::string::npos) << tsv.out;
  EXPECT_NE(tsv.out.find("\n1\t2\t0\t1\t0\t0\t0\t0\t"), std::string::npos) << "pages run on";
  EXPECT_NE(tsv.out.find("\t2024/102\n"), std::string::npos) << tsv.out;

  TravetOutput hocr = RunTravet({"ocr", "--hocr", "a.png", "b.png"}, dir.path());
  ASSERT_EQ(hocr.exit_code, 0) << hocr.err;
  EXPECT_TRUE(hocr.out.starts_with("<?xml")) << hocr.out;
  EXPECT_EQ(Count(hocr.out, "<html"), 1u);
  EXPECT_NE(hocr.out.find("id='page_2' title='image \"b.png\""), std::string::npos) << hocr.out;
  EXPECT_TRUE(hocr.out.ends_with("</html>\n"));
}

TEST(OcrCliTest, PdfIsSearchableAndNeverHalfWritten) {
  TempDir dir;
  dir.Write("a.png", SmallPage(1));
  dir.Write("bad.png", SmallPage(2).substr(0, 200));
  TravetOutput one = RunTravet({"ocr", "--pdf", "a.pdf", "a.png"}, dir.path());
  ASSERT_EQ(one.exit_code, 0) << one.err;
  EXPECT_EQ(one.out, "a.pdf\n");
  const std::string bytes = dir.Read("a.pdf");
  std::unique_ptr<poppler::document> pdf(
      poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
  ASSERT_NE(pdf, nullptr);
  ASSERT_EQ(pdf->pages(), 1);
  const auto utf8 = std::unique_ptr<poppler::page>(pdf->create_page(0))->text().to_utf8();
  EXPECT_NE(std::string(utf8.begin(), utf8.end()).find("2024/101"), std::string::npos);

  TravetOutput bad = RunTravet({"ocr", "--pdf", "bad.pdf", "bad.png"}, dir.path());
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_EQ(bad.err,
            "travet ocr: bad.png: truncated PNG: chunk IDAT ends after 138 of its 8192 bytes\n");
  EXPECT_EQ(Listing(dir.path()),
            (std::vector<std::string>{".stderr", ".stdout", "a.pdf", "a.png", "bad.png"}));

  std::filesystem::create_directory(dir.path() / "out");
  TravetOutput many = RunTravet({"ocr", "--pdf", "out", "a.png", "bad.png"}, dir.path());
  EXPECT_EQ(many.exit_code, 1);
  EXPECT_EQ(many.out, "out/a.pdf\n");
  EXPECT_EQ(Listing(dir.path() / "out"), std::vector<std::string>{"a.pdf"});

  TravetOutput no_folder = RunTravet({"ocr", "--pdf", "x.pdf", "a.png", "bad.png"}, dir.path());
  EXPECT_EQ(no_folder.exit_code, 2);
  EXPECT_EQ(no_folder.err,
            "travet ocr: --pdf x.pdf: with several files, give an existing folder\n");
}

TEST(OcrCliTest, FieldsOfASampleInvoice) {
  TempDir dir;
  const std::string png = CopySample(dir, "invoice-0001-clean.png");
  const Value truth = GroundTruth(png)["fields"];
  TravetOutput json =
      RunTravet({"ocr", "--json", "--fields", (kScans / "fields.yaml").string(), png}, dir.path());
  ASSERT_EQ(json.exit_code, 0) << json.err;
  const Value result = Value::parse(json.out);
  ASSERT_EQ(result.size(), 1u);
  EXPECT_EQ(result[0]["file"], png);
  const Value& fields = result[0]["fields"];
  ASSERT_EQ(fields.size(), 8u) << fields.dump(2);
  for (const auto& [name, field] : fields.items()) {
    EXPECT_EQ(field["value"], truth[name]) << name;
    EXPECT_TRUE(field["valid"].get<bool>()) << name;
  }
  EXPECT_EQ(fields["totale"]["type"], "amount");
  EXPECT_TRUE(result[0]["needs_review"].is_boolean());

  dir.Write("totals.yaml",
            "fields:\n"
            "  imponibile: { label: Imponibile, type: amount }\n"
            "  iva: { label: 'IVA 22%', type: amount }\n"
            "  totale: { label: Totale, type: amount }\n"
            "totals: [imponibile, iva, totale]\n");
  TravetOutput table = RunTravet({"ocr", "--fields", "totals.yaml", png}, dir.path());
  ASSERT_EQ(table.exit_code, 0) << table.err;
  std::istringstream lines(table.out);
  std::string header, imponibile, iva, totale, review;
  std::getline(lines, header);
  std::getline(lines, imponibile);
  std::getline(lines, iva);
  std::getline(lines, totale);
  std::getline(lines, review);
  EXPECT_EQ(header, "FIELD      VALUE    CONF  ACCEPTED  VERDICT");
  EXPECT_TRUE(totale.starts_with("totale     3813.04  ")) << table.out;
  EXPECT_TRUE(totale.ends_with("  yes       ok (totals add up)")) << table.out;
  EXPECT_EQ(review, "needs_review: no");
}

TEST(OcrCliTest, ACorruptFileDoesNotStopTheOthers) {
  TempDir dir;
  dir.Write("a.png", SmallPage(1));
  dir.Write("in/cut.png", SmallPage(2).substr(0, 300));
  dir.Write("empty.png", "");
  dir.Write("c.png", SmallPage(3));
  TravetOutput ocr =
      RunTravet({"ocr", "a.png", "in/cut.png", "empty.png", "missing.png", "c.png"}, dir.path());
  EXPECT_EQ(ocr.exit_code, 1);
  EXPECT_EQ(ocr.err,
            "travet ocr: in/cut.png: truncated PNG: chunk IDAT ends after 238 of its 8192 bytes\n"
            "travet ocr: empty.png: the file is empty\n"
            "travet ocr: missing.png: no such file\n");
  EXPECT_EQ(ocr.out,
            "==> a.png (page 1) <==\nFattura numero 2024/101\nTotale dovuto 41,50 euro\n\n"
            "==> c.png (page 1) <==\nFattura numero 2024/103\nTotale dovuto 43,50 euro\n");

  TravetOutput json = RunTravet({"ocr", "--json", "empty.png", "a.png"}, dir.path());
  EXPECT_EQ(json.exit_code, 1);
  const Value docs = Value::parse(json.out);
  EXPECT_EQ(docs[0], (Value{{"file", "empty.png"}, {"error", "the file is empty"}}));
  EXPECT_EQ(docs[1]["file"], "a.png");
}

TEST(OcrCliTest, BadFieldsFileIsAUsageErrorWithItsPosition) {
  TempDir dir;
  dir.Write("a.png", SmallPage(1));
  dir.Write("typo.yaml", "numero:\n  label: Fattura\n  type: amout\n");
  TravetOutput typo = RunTravet({"ocr", "--fields", "typo.yaml", "a.png"}, dir.path());
  EXPECT_EQ(typo.exit_code, 2);
  EXPECT_EQ(typo.err,
            "typo.yaml:3:9: field 'numero': unknown type 'amout'; did you mean 'amount'?\n");
  EXPECT_EQ(typo.out, "");

  dir.Write("lable.yaml", "totale: { lable: Totale, type: amount }\n");
  TravetOutput lable = RunTravet({"ocr", "--fields", "lable.yaml", "a.png"}, dir.path());
  EXPECT_EQ(lable.exit_code, 2);
  EXPECT_EQ(lable.err,
            "lable.yaml:1:11: field 'totale': unknown key 'lable'; did you mean 'label'?\n");

  dir.Write("syntax.yaml", "numero: { pattern: 'x'\ntotale: 1\n");
  TravetOutput syntax = RunTravet({"ocr", "--fields", "syntax.yaml", "a.png"}, dir.path());
  EXPECT_EQ(syntax.exit_code, 2);
  EXPECT_TRUE(syntax.err.starts_with("syntax.yaml:")) << syntax.err;

  dir.Write("totals.yaml",
            "fields:\n  totale: { label: Totale, type: amount }\ntotals: [imponibile, iva, "
            "totale]\n");
  TravetOutput totals = RunTravet({"ocr", "--fields", "totals.yaml", "a.png"}, dir.path());
  EXPECT_EQ(totals.exit_code, 2);
  EXPECT_EQ(totals.err,
            "totals.yaml:3:10: totals: 'imponibile' is not one of the fields\n"
            "totals.yaml:3:22: totals: 'iva' is not one of the fields\n");
}

TEST(OcrCliTest, BadUsageExitsWithTwo) {
  TempDir dir;
  dir.Write("a.png", SmallPage(1));
  TravetOutput words = RunTravet({"ocr", "--words", "a.png"}, dir.path());
  EXPECT_EQ(words.exit_code, 2);
  EXPECT_EQ(words.err, "travet ocr: --words needs --json\n");
  TravetOutput lang = RunTravet({"ocr", "--lang", "xx", "a.png"}, dir.path());
  EXPECT_EQ(lang.exit_code, 2);
  EXPECT_TRUE(lang.err.starts_with("travet ocr: --lang: OCR language data for 'xx' not found"))
      << lang.err;
  EXPECT_EQ(RunTravet({"ocr", "--json", "--tsv", "a.png"}, dir.path()).exit_code, 2);
  EXPECT_EQ(RunTravet({"ocr"}, dir.path()).exit_code, 2);
}

}  // namespace
}  // namespace travet::testing
