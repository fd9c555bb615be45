// `travet kpi`, the real binary on a store filled by real runs and a review
// decided with the CLI: the JSON is the document kpi::KpiReport makes (what
// GET /api/v1/kpi answers), and CSV and XLSX carry the same figures.
#include <gtest/gtest.h>

#include <filesystem>

#include "runtime/kpi/kpi_report.h"
#include "tests/fakes/run_travet.h"
#include "tests/fakes/temp_dir.h"
#include "tests/runtime/kpi/zip_entry.h"

namespace travet::testing {
namespace {

constexpr const char* kReviewBot = R"(bot: vat-check
kpi: { manual_minutes: 10 }
steps:
  - id: checked
    uses: review
    with:
      queue: accounting
      fields:
        vat: { value: "01234567890", confidence: 55, valid: false, type: partita_iva }
        total: { value: "1464.00", confidence: 96, valid: true, type: amount }
)";

constexpr const char* kPlainBot = R"(bot: plain
kpi: { manual_minutes: 6 }
steps:
  - uses: set
    with: { done: true }
)";

class KpiCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_.Write("vat-check.yaml", kReviewBot);
    dir_.Write("plain.yaml", kPlainBot);
    ASSERT_EQ(Run({"run", "plain.yaml"}).exit_code, 0);
    ASSERT_EQ(Run({"run", "plain.yaml"}).exit_code, 0);
    TravetOutput run = Run({"run", "vat-check.yaml", "--json"});
    ASSERT_EQ(run.exit_code, 3) << run.err;
    std::string run_id = Value::parse(run.out)["run_id"];
    Value tasks = Value::parse(Run({"review", "list", "--json"}).out);
    ASSERT_EQ(tasks.size(), 1u);
    std::string task = tasks[0]["id"];
    ASSERT_EQ(Run({"review", "claim", task, "--as", "anna"}).exit_code, 0);
    TravetOutput approved =
        Run({"review", "approve", task, "--as", "anna", "--set", "vat=01234567897"});
    ASSERT_EQ(approved.exit_code, 0) << approved.err;
    ASSERT_EQ(Run({"runs", "resume", run_id}).exit_code, 0);
  }

  TravetOutput Run(const std::vector<std::string>& args) { return RunTravet(args, dir_.path()); }

  TempDir dir_;
};

TEST_F(KpiCliTest, JsonIsTheReportOfTheStore) {
  TravetOutput json = Run({"kpi", "--format", "json"});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  Value doc = Value::parse(json.out);
  auto store = store::OpenStore((dir_.path() / "travet.db").string(), store::StoreAccess::kRead);
  ASSERT_TRUE(store) << store.error().message();
  Result<Value> expected = kpi::KpiReport(**store, {});
  ASSERT_TRUE(expected) << expected.error().message();
  EXPECT_EQ(doc, *expected);

  ASSERT_EQ(doc["months"].size(), 2u) << json.out;
  const Value& plain = doc["months"][0];
  EXPECT_EQ(plain["bot"], "plain");
  EXPECT_EQ(plain["documents"], 2);
  EXPECT_EQ(plain["straight_through_rate"], 1.0);
  EXPECT_EQ(plain["hours_saved"], 0.2);  // 2 × 6 minutes
  const Value& checked = doc["months"][1];
  EXPECT_EQ(checked["bot"], "vat-check");
  EXPECT_EQ(checked["documents"], 1);
  EXPECT_EQ(checked["straight_through"], 0);
  EXPECT_EQ(checked["timed_tasks"], 1);
  EXPECT_EQ(checked["corrections"],
            Value::parse(R"([{"field": "total", "approved": 1, "corrected": 0},
                             {"field": "vat", "approved": 1, "corrected": 1}])"));

  TravetOutput one = Run({"kpi", "--bot", "plain", "--format", "json"});
  ASSERT_EQ(one.exit_code, 0) << one.err;
  EXPECT_EQ(Value::parse(one.out)["months"].size(), 1u);
}

TEST_F(KpiCliTest, CsvAndTable) {
  TravetOutput csv = Run({"kpi", "--format", "csv"});
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  EXPECT_EQ(csv.out.rfind("bot,month,runs,documents,succeeded,failed,straight_through,", 0), 0u)
      << csv.out;
  EXPECT_NE(csv.out.find("\r\nvat-check,"), std::string::npos) << csv.out;
  EXPECT_NE(csv.out.find(",total 0/1; vat 1/1,"), std::string::npos) << csv.out;

  TravetOutput table = Run({"kpi"});
  ASSERT_EQ(table.exit_code, 0) << table.err;
  EXPECT_NE(table.out.find("vat-check"), std::string::npos) << table.out;
  EXPECT_NE(table.out.find("100.0%"), std::string::npos) << table.out;
}

TEST_F(KpiCliTest, XlsxToAFileOrAPipe) {
  TravetOutput xlsx = Run({"kpi", "--format", "xlsx", "--out", "kpi.xlsx"});
  ASSERT_EQ(xlsx.exit_code, 0) << xlsx.err;
  EXPECT_EQ(xlsx.out, "");
  const std::filesystem::path file = dir_.path() / "kpi.xlsx";
  EXPECT_EQ(dir_.Read("kpi.xlsx").substr(0, 2), "PK");
  std::optional<std::string> strings = kpi::testing::ZipEntry(file, "xl/sharedStrings.xml");
  ASSERT_TRUE(strings.has_value());
  EXPECT_NE(strings->find("vat-check"), std::string::npos) << *strings;
  std::optional<std::string> sheet = kpi::testing::ZipEntry(file, "xl/worksheets/sheet1.xml");
  ASSERT_TRUE(sheet.has_value());
  EXPECT_NE(sheet->find("<v>0.2</v>"), std::string::npos) << *sheet;  // plain's hours saved

  TravetOutput piped = Run({"kpi", "--format", "xlsx"});  // stdout is not a terminal here
  ASSERT_EQ(piped.exit_code, 0) << piped.err;
  EXPECT_EQ(piped.out.substr(0, 2), "PK");
}

TEST_F(KpiCliTest, BadArguments) {
  TravetOutput since = Run({"kpi", "--since", "2026-13"});
  EXPECT_EQ(since.exit_code, 2);
  EXPECT_EQ(since.err,
            "travet kpi: since: '2026-13' is not a day or a month (use YYYY-MM-DD or YYYY-MM)\n");
  TravetOutput format = Run({"kpi", "--format", "pdf"});
  EXPECT_EQ(format.exit_code, 2);
  TravetOutput nowhere = Run({"kpi", "--format", "csv", "--out", "missing/kpi.csv"});
  EXPECT_EQ(nowhere.exit_code, 1);
  EXPECT_FALSE(std::filesystem::exists(dir_.path() / "missing"));
}

}  // namespace
}  // namespace travet::testing
