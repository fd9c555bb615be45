#include "runtime/kpi/kpi_document.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "runtime/kpi/kpi_xlsx.h"
#include "tests/fakes/temp_dir.h"
#include "tests/runtime/kpi/zip_entry.h"

namespace travet::kpi {
namespace {

Value MarchDocument() {
  BotMonth march{.bot = "invoice-intake", .month = "2026-03"};
  march.runs = 3;
  march.documents = 12345;
  march.succeeded = 12000;
  march.failed = 345;
  march.straight_through = 9000;
  march.reviewed = 3000;
  march.review_tasks = 3100;
  march.decided_tasks = 3050;
  march.timed_tasks = 3000;
  march.median_operator_seconds = 95.5;
  march.sla_breaches = 7;
  march.corrections = {{"number", 3000, 12}, {"total, gross", 3000, 3}};
  march.manual_minutes = 15;
  march.hours_saved = 2500.25;
  BotMonth april{.bot = "invoice-intake", .month = "2026-04", .runs = 1};
  KpiPeriod period{"2026-03-01", "2026-04-30", "x", "y"};
  return KpiDocument({march, april}, "invoice-intake", period);
}

TEST(KpiDocumentTest, OneJsonDocument) {
  Value doc = MarchDocument();
  EXPECT_EQ(doc["timezone"], "Europe/Rome");
  EXPECT_EQ(doc["bot"], "invoice-intake");
  EXPECT_EQ(doc["since"], "2026-03-01");
  EXPECT_EQ(doc["until"], "2026-04-30");
  ASSERT_EQ(doc["months"].size(), 2u);
  EXPECT_EQ(doc["months"][0]["straight_through_rate"].get<double>(), 9000.0 / 12345);
  EXPECT_EQ(doc["months"][0]["corrections"][1],
            Value({{"field", "total, gross"}, {"approved", 3000}, {"corrected", 3}}));
  EXPECT_TRUE(doc["months"][1]["straight_through_rate"].is_null());
  EXPECT_TRUE(doc["months"][1]["hours_saved"].is_null());
  EXPECT_TRUE(KpiDocument({}, "", {})["bot"].is_null());
}

TEST(KpiDocumentTest, CsvHasAHeaderAndARowPerMonth) {
  std::string csv = KpiCsv(MarchDocument());
  EXPECT_EQ(csv,
            "bot,month,runs,documents,succeeded,failed,straight_through,straight_through_rate,"
            "reviewed,review_tasks,decided_tasks,timed_tasks,median_operator_seconds,sla_breaches,"
            "corrections,corrections_by_field,manual_minutes,hours_saved\r\n"
            "invoice-intake,2026-03,3,12345,12000,345,9000,0.7290400972053463,3000,3100,3050,3000,"
            "95.5,7,15,\"number 12/3000; total, gross 3/3000\",15.0,2500.25\r\n"
            "invoice-intake,2026-04,1,0,0,0,0,,0,0,0,0,,0,0,,,\r\n");
}

// A field name comes from a bot's spec: one a spreadsheet would run as a
// formula is written as text.
TEST(KpiDocumentTest, CsvCellsAreNeverFormulas) {
  BotMonth month{.bot = "@bot", .month = "2026-03", .runs = 1};
  month.corrections = {{"=HYPERLINK(\"http://x\")", 1, 1}};
  const std::string csv = KpiCsv(KpiDocument({month}, "", {}));
  EXPECT_NE(csv.find("\r\n'@bot,2026-03,"), std::string::npos) << csv;
  EXPECT_NE(csv.find(",\"'=HYPERLINK(\"\"http://x\"\") 1/1\","), std::string::npos) << csv;
}

TEST(KpiDocumentTest, XlsxIsAWorkbookWithTheNumbers) {
  travet::testing::TempDir dir;
  const std::filesystem::path file = dir.path() / "kpi.xlsx";
  Status written = WriteKpiXlsx(MarchDocument(), file);
  ASSERT_TRUE(written.ok()) << written.ToString();
  EXPECT_FALSE(std::filesystem::exists(dir.path() / ".kpi.xlsx.tmp"));
  EXPECT_EQ(travet::testing::ReadFile(file).substr(0, 2), "PK");
  std::optional<std::string> sheet = testing::ZipEntry(file, "xl/worksheets/sheet1.xml");
  ASSERT_TRUE(sheet.has_value());
  EXPECT_NE(sheet->find("<v>12345</v>"), std::string::npos) << *sheet;
  EXPECT_NE(sheet->find("<v>46082</v>"), std::string::npos) << "1 March 2026 as a date cell";
  std::optional<std::string> styles = testing::ZipEntry(file, "xl/styles.xml");
  ASSERT_TRUE(styles.has_value());
  EXPECT_NE(styles->find("formatCode=\"mm/yyyy\""), std::string::npos);
  EXPECT_NE(styles->find("formatCode=\"0.0%\""), std::string::npos);
  std::optional<std::string> corrections = testing::ZipEntry(file, "xl/worksheets/sheet2.xml");
  ASSERT_TRUE(corrections.has_value());
  EXPECT_NE(corrections->find("<v>0.004</v>"), std::string::npos) << *corrections;

  Result<std::string> bytes = KpiXlsxBytes(MarchDocument());
  ASSERT_TRUE(bytes) << bytes.error().ToString();
  EXPECT_EQ(bytes->substr(0, 2), "PK");
}

TEST(KpiDocumentTest, AFailedXlsxLeavesNothing) {
  travet::testing::TempDir dir;
  const std::filesystem::path file = dir.path() / "missing" / "kpi.xlsx";
  Status written = WriteKpiXlsx(MarchDocument(), file);
  ASSERT_FALSE(written.ok());
  EXPECT_EQ(written.code(), StatusCode::kIoError);
  EXPECT_EQ(written.message().rfind("cannot write '" + file.string() + "': ", 0), 0u)
      << written.message();
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "missing"));
}

}  // namespace
}  // namespace travet::kpi
