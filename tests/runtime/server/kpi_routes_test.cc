// GET /api/v1/kpi over real HTTP on 127.0.0.1: the document of
// kpi::KpiReport (what `travet kpi --format json` prints) for the server's
// store, and its CSV and XLSX downloads.
#include <gtest/gtest.h>

#include "runtime/kpi/kpi_report.h"
#include "tests/runtime/server/server_fixture.h"

namespace travet::server {
namespace {

using testing::As;
using testing::JsonOf;
using testing::ServerFixture;
using testing::ServerSetup;

constexpr char kKpiIntakeBot[] = R"(bot: intake
kpi: { manual_minutes: 12 }
steps:
  - id: greet
    uses: set
    with: { greeting: hello }
)";

class KpiRoutesTest : public ::testing::Test {
 protected:
  static ServerSetup KpiSetup() {
    ServerSetup setup;
    setup.bots = {{"intake.yaml", kKpiIntakeBot}};
    setup.authenticate = testing::StandInAuthenticate;
    setup.workers = 0;  // the runs below are written to the store as they ended
    return setup;
  }

  void SetUp() override {
    const std::string file = (server_.dir().path() / "bots" / "intake.yaml").string();
    store::Store& store = server_.store();
    for (const char* id : {"r-1", "r-2"}) {
      ASSERT_TRUE(store
                      .CreateRun({.id = id,
                                  .bot = "intake",
                                  .bot_file = file,
                                  .created_at = "2026-03-10T08:00:00.000Z"})
                      .ok());
      ASSERT_TRUE(store.Transition(id, store::RunState::kQueued, store::RunState::kRunning).ok());
    }
    ASSERT_TRUE(
        store.Transition("r-1", store::RunState::kRunning, store::RunState::kSucceeded).ok());
    ASSERT_TRUE(store.Transition("r-2", store::RunState::kRunning, store::RunState::kFailed).ok());
  }

  ServerFixture server_{KpiSetup()};
};

TEST_F(KpiRoutesTest, AnswersTheDocumentOfTheCommandLine) {
  httplib::Client client = server_.Client();
  auto r = client.Get("/api/v1/kpi?since=2026-03&until=2026-03", As("developer"));
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(r->get_header_value("Content-Type"), "application/json");
  Result<Value> expected =
      kpi::KpiReport(server_.store(), {.since = "2026-03", .until = "2026-03"});
  ASSERT_TRUE(expected) << expected.error().message();
  const Value body = JsonOf(r);
  EXPECT_EQ(body, *expected);
  const Value& march = body["months"][0];
  EXPECT_EQ(march["documents"], 2);
  EXPECT_EQ(march["straight_through"], 1);
  EXPECT_EQ(march["manual_minutes"], 12.0);
  EXPECT_EQ(march["hours_saved"], 0.2);

  auto admin = client.Get("/api/v1/kpi?bot=intake", As("admin"));
  ASSERT_TRUE(admin);
  EXPECT_EQ(admin->status, 200);
  EXPECT_EQ(JsonOf(admin)["bot"], "intake");
  auto other = client.Get("/api/v1/kpi?bot=payroll", As("admin"));
  ASSERT_TRUE(other);
  EXPECT_EQ(JsonOf(other)["months"], Value::array());
}

TEST_F(KpiRoutesTest, OperatorsMayNotSeeIt) {
  auto r = server_.Client().Get("/api/v1/kpi", As("operator"));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 403);
}

TEST_F(KpiRoutesTest, CsvAndXlsxAreDownloads) {
  httplib::Client client = server_.Client();
  auto csv = client.Get("/api/v1/kpi?format=csv", As("developer"));
  ASSERT_TRUE(csv);
  ASSERT_EQ(csv->status, 200) << csv->body;
  EXPECT_EQ(csv->get_header_value("Content-Type"), "text/csv; charset=utf-8");
  EXPECT_EQ(csv->get_header_value("Content-Disposition"),
            "attachment; filename=\"travet-kpi.csv\"");
  EXPECT_EQ(csv->body.rfind("bot,month,runs,documents,", 0), 0u) << csv->body;
  EXPECT_NE(csv->body.find("\r\nintake,2026-03,2,2,1,1,1,0.5,"), std::string::npos) << csv->body;

  auto xlsx = client.Get("/api/v1/kpi?format=xlsx", As("developer"));
  ASSERT_TRUE(xlsx);
  ASSERT_EQ(xlsx->status, 200);
  EXPECT_EQ(xlsx->get_header_value("Content-Disposition"),
            "attachment; filename=\"travet-kpi.xlsx\"");
  EXPECT_EQ(xlsx->body.substr(0, 2), "PK");
}

TEST_F(KpiRoutesTest, BadQueriesAreProblems) {
  httplib::Client client = server_.Client();
  auto since = client.Get("/api/v1/kpi?since=March", As("developer"));
  ASSERT_TRUE(since);
  EXPECT_EQ(since->status, 400);
  EXPECT_EQ(JsonOf(since)["detail"],
            "since: 'March' is not a day or a month (use YYYY-MM-DD or YYYY-MM)");
  auto format = client.Get("/api/v1/kpi?format=pdf", As("developer"));
  ASSERT_TRUE(format);
  EXPECT_EQ(format->status, 400);
  EXPECT_EQ(JsonOf(format)["detail"], "format: 'pdf' is not json, csv or xlsx");
}

}  // namespace
}  // namespace travet::server
