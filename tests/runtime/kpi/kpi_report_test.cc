// The KPI document over a real SQLite store: runs, work items and review
// tasks made through the store's own calls on a fake clock, then the figures.
#include "runtime/kpi/kpi_report.h"

#include <gtest/gtest.h>

#include <chrono>
#include <memory>

#include "runtime/store/sqlite/sqlite_store.h"
#include "tests/fakes/fake_clock.h"
#include "tests/fakes/temp_dir.h"

namespace travet::kpi {
namespace {

using std::chrono::minutes;
using store::ItemState;
using store::RunState;

TimePoint Time(const char* text) {
  return *ParseRfc3339(text);
}

class KpiReportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    bot_file_ = dir_.Write("intake.yaml", R"(bot: intake
kpi: {manual_minutes: 15}
steps:
  - uses: log
    with: { message: hi }
)");
    Result<std::unique_ptr<store::Store>> opened =
        store::OpenSqliteStore((dir_.path() / "travet.db").string(), clock_);
    ASSERT_TRUE(opened) << opened.error().message();
    store_ = std::move(*opened);
  }

  void Run(const std::string& id, const char* created_at, RunState end) {
    ASSERT_TRUE(store_
                    ->CreateRun({.id = id,
                                 .bot = "intake",
                                 .bot_file = bot_file_.string(),
                                 .created_at = created_at})
                    .ok());
    ASSERT_TRUE(store_->Transition(id, RunState::kQueued, RunState::kRunning).ok());
    ASSERT_TRUE(store_->Transition(id, RunState::kRunning, end).ok());
  }

  void Items(const std::string& run, std::vector<ItemState> states) {
    std::vector<store::WorkItem> items;
    for (size_t i = 0; i < states.size(); ++i)
      items.push_back({.loop_path = "each", .index = static_cast<int>(i), .state = states[i]});
    ASSERT_TRUE(store_->SaveWorkItems(run, items).ok());
  }

  // A task of `step` in run `run`, due `due_minutes` after now.
  void Task(const std::string& id, const std::string& run, const std::string& step,
            int due_minutes) {
    store::ReviewTask task{.id = id, .run_id = run, .step_path = step, .queue = "accounting"};
    task.fields = {{"number", {{"value", "FT-1"}}}, {"total", {{"value", "10,00"}}}};
    task.due_at = FormatRfc3339(clock_.Now() + minutes(due_minutes));
    ASSERT_TRUE(store_->CreateTask(task).ok());
  }

  void Claim(const std::string& id, const char* actor) {
    ASSERT_TRUE(store_->ClaimTask(id, actor, clock_.Now(), minutes(15)));
  }

  void Approve(const std::string& id, const char* actor, Value corrections = Value::object()) {
    store::Decision decision{
        .approve = true, .actor = actor, .corrections = std::move(corrections)};
    auto decided = store_->DecideTask(id, decision, clock_.Now());
    ASSERT_TRUE(decided) << decided.error().message();
  }

  travet::testing::TempDir dir_;
  travet::testing::FakeClock clock_{Time("2026-03-10T09:00:00.000Z")};
  std::filesystem::path bot_file_;
  std::unique_ptr<store::Store> store_;
};

TEST_F(KpiReportTest, FiguresOfAMonthFromTheStore) {
  Run("r-1", "2026-03-10T08:00:00.000Z", RunState::kSucceeded);
  Run("r-2", "2026-03-10T08:30:00.000Z", RunState::kSucceeded);
  Items("r-2", {ItemState::kSucceeded, ItemState::kSucceeded, ItemState::kSucceeded});
  Task("t-1", "r-2", "each[1].read", 60);
  Task("t-2", "r-2", "each[2].read", 60);
  Claim("t-1", "anna");
  clock_.Advance(minutes(2));
  Approve("t-1", "anna", {{"total", "12,00"}});  // 2 minutes, one correction
  Claim("t-2", "bob");
  clock_.Advance(minutes(1));
  Claim("t-2", "bob");  // renewed
  clock_.Advance(minutes(5));
  Approve("t-2", "bob");  // 6 minutes
  // In April in Rome, not in March's figures.
  Run("r-3", "2026-03-31T22:15:00.000Z", RunState::kFailed);

  Result<Value> doc = KpiReport(*store_, {.since = "2026-03", .until = "2026-03"});
  ASSERT_TRUE(doc) << doc.error().message();
  EXPECT_EQ((*doc)["since"], "2026-03-01");
  ASSERT_EQ((*doc)["months"].size(), 1u) << doc->dump(2);
  const Value& m = (*doc)["months"][0];
  EXPECT_EQ(m["bot"], "intake");
  EXPECT_EQ(m["month"], "2026-03");
  EXPECT_EQ(m["runs"], 2);
  EXPECT_EQ(m["documents"], 4);  // r-1 and r-2's three items
  EXPECT_EQ(m["straight_through"], 2);
  EXPECT_EQ(m["straight_through_rate"], 0.5);
  EXPECT_EQ(m["reviewed"], 2);
  EXPECT_EQ(m["review_tasks"], 2);
  EXPECT_EQ(m["timed_tasks"], 2);
  EXPECT_EQ(m["median_operator_seconds"], 240.0);  // (120 + 360) / 2
  EXPECT_EQ(m["sla_breaches"], 0);
  EXPECT_EQ(m["corrections"], Value::parse(R"([{"field": "number", "approved": 2, "corrected": 0},
                                               {"field": "total", "approved": 2, "corrected": 1}])"));
  EXPECT_EQ(m["manual_minutes"], 15.0);
  // 2 × 15 + (15 - 2) + (15 - 6) minutes.
  EXPECT_DOUBLE_EQ(m["hours_saved"].get<double>(), 52.0 / 60);

  Result<Value> all = KpiReport(*store_, {});
  ASSERT_TRUE(all) << all.error().message();
  ASSERT_EQ((*all)["months"].size(), 2u);
  EXPECT_EQ((*all)["months"][1]["month"], "2026-04");
  EXPECT_EQ((*all)["months"][1]["failed"], 1);
}

TEST_F(KpiReportTest, LateDecisionsAndEscalationsBreachTheSla) {
  Run("r-1", "2026-03-10T08:00:00.000Z", RunState::kSucceeded);
  Task("t-1", "r-1", "read", 10);
  Task("t-2", "r-1", "check", 10);
  clock_.Advance(minutes(11));
  ASSERT_TRUE(store_->SweepTasks(clock_.Now()));  // both escalated
  Approve("t-1", "anna");
  Result<Value> doc = KpiReport(*store_, {.bot = "intake"});
  ASSERT_TRUE(doc) << doc.error().message();
  EXPECT_EQ((*doc)["bot"], "intake");
  const Value& m = (*doc)["months"][0];
  EXPECT_EQ(m["sla_breaches"], 2);
  EXPECT_EQ(m["timed_tasks"], 0);
  EXPECT_TRUE(m["median_operator_seconds"].is_null());
  EXPECT_EQ(m["straight_through"], 0);
  EXPECT_DOUBLE_EQ(m["hours_saved"].get<double>(), 15.0 / 60);  // untimed: nothing subtracted
}

TEST_F(KpiReportTest, OtherBotsAndBadPeriods) {
  Run("r-1", "2026-03-10T08:00:00.000Z", RunState::kSucceeded);
  Result<Value> none = KpiReport(*store_, {.bot = "payroll"});
  ASSERT_TRUE(none) << none.error().message();
  EXPECT_EQ((*none)["months"], Value::array());
  Result<Value> bad = KpiReport(*store_, {.since = "2026-3"});
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().message(),
            "since: '2026-3' is not a day or a month (use YYYY-MM-DD or YYYY-MM)");
}

TEST_F(KpiReportTest, ABotFileThatIsGoneHasNoMinutes) {
  Run("r-1", "2026-03-10T08:00:00.000Z", RunState::kSucceeded);
  std::filesystem::remove(bot_file_);
  Result<Value> doc = KpiReport(*store_, {});
  ASSERT_TRUE(doc) << doc.error().message();
  EXPECT_TRUE((*doc)["months"][0]["manual_minutes"].is_null());
  EXPECT_TRUE((*doc)["months"][0]["hours_saved"].is_null());
  EXPECT_EQ((*doc)["months"][0]["straight_through"], 1);
}

}  // namespace
}  // namespace travet::kpi
