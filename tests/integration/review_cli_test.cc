#include <gtest/gtest.h>

#include <filesystem>

#include "runtime/core/value.h"
#include "tests/fakes/run_travet.h"
#include "tests/fakes/temp_dir.h"

namespace travet::testing {
namespace {

constexpr const char* kBot = R"(bot: vat-check
steps:
  - id: checked
    uses: review
    with:
      queue: accounting
      fields:
        vat: { value: "01234567890", raw: "0l234567890", confidence: 55, valid: false, type: partita_iva, verdict: "check digit is 0, expected 7" }
        total: { value: "1464.00", confidence: 96, valid: true, type: amount }
  - uses: file.write
    with: { path: out.json, json: "${{ steps.checked.fields }}" }
)";

class ReviewCliTest : public ::testing::Test {
 protected:
  TravetOutput Run(const std::vector<std::string>& args) { return RunTravet(args, dir_.path()); }

  // Runs the bot to its review and returns the task id.
  std::string StartAndFindTask() {
    dir_.Write("bot.yaml", kBot);
    TravetOutput run = Run({"run", "bot.yaml", "--json"});
    EXPECT_EQ(run.exit_code, 3) << run.err;
    run_id_ = Value::parse(run.out)["run_id"];
    TravetOutput list = Run({"review", "list", "--json"});
    Value tasks = Value::parse(list.out);
    EXPECT_EQ(tasks.size(), 1u);
    return tasks.empty() ? "" : tasks[0]["id"].get<std::string>();
  }

  TempDir dir_;
  std::string run_id_;
};

TEST_F(ReviewCliTest, ApproveWithACorrectionThenResume) {
  std::string task = StartAndFindTask();
  TravetOutput show = Run({"review", "show", task});
  EXPECT_EQ(show.exit_code, 0);
  EXPECT_NE(show.out.find("INVALID (check digit is 0, expected 7)"), std::string::npos) << show.out;

  TravetOutput wrong = Run({"review", "approve", task, "--as", "anna", "--set", "vat=01234567890"});
  EXPECT_EQ(wrong.exit_code, 2);
  EXPECT_EQ(wrong.err.rfind("travet review approve: '01234567890' is not a valid partita_iva for "
                            "field 'vat': ",
                            0),
            0u)
      << wrong.err;

  TravetOutput ok = Run({"review", "approve", task, "--as", "anna", "--set", "vat=01234567897"});
  ASSERT_EQ(ok.exit_code, 0) << ok.err;
  TravetOutput again = Run({"review", "approve", task, "--as", "marco"});
  EXPECT_EQ(again.exit_code, 4);
  EXPECT_NE(again.err.find("was already approved by anna at "), std::string::npos) << again.err;

  TravetOutput resumed = Run({"runs", "resume", run_id_, "--json"});
  ASSERT_EQ(resumed.exit_code, 0) << resumed.err;
  Value out = Value::parse(dir_.Read("out.json"));
  EXPECT_EQ(out["vat"], "01234567897");
  EXPECT_EQ(out["total"], "1464.00");

  TravetOutput history = Run({"review", "history", task, "--json"});
  Value entries = Value::parse(history.out);
  ASSERT_EQ(entries.size(), 3u);
  EXPECT_EQ(entries[0]["action"], "create");
  EXPECT_EQ(entries[1]["action"], "correct");
  EXPECT_EQ(entries[1]["old"], "01234567890");
  EXPECT_EQ(entries[1]["new"], "01234567897");
  EXPECT_EQ(entries[2]["action"], "approve");
  EXPECT_EQ(entries[2]["actor"], "anna");

  TravetOutput unknown = Run({"review", "history", "t-nope", "--json"});
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_EQ(unknown.out, "");
  EXPECT_NE(unknown.err.find("travet review history: "), std::string::npos) << unknown.err;
  EXPECT_NE(unknown.err.find("t-nope"), std::string::npos) << unknown.err;
}

// The bot that made a task is its first actor, "bot:" and a run id: longer
// than the column once was, it ran into the action ("bot:r-...create").
TEST_F(ReviewCliTest, HistoryKeepsItsColumnsApart) {
  std::string task = StartAndFindTask();
  ASSERT_EQ(Run({"review", "reject", task, "--as", "anna", "--reason", "duplicate"}).exit_code, 0);
  TravetOutput history = Run({"review", "history", task});
  ASSERT_EQ(history.exit_code, 0) << history.err;
  std::string bot = "bot:" + run_id_;
  std::string anna = "anna" + std::string(bot.size() + 2 - 4, ' ');
  EXPECT_NE(history.out.find("  " + bot + "  create\n"), std::string::npos) << history.out;
  EXPECT_NE(history.out.find("  " + anna + "reject    duplicate\n"), std::string::npos)
      << history.out;
}

TEST_F(ReviewCliTest, AClaimKeepsOthersOut) {
  std::string task = StartAndFindTask();
  EXPECT_EQ(Run({"review", "claim", task, "--as", "anna"}).exit_code, 0);
  TravetOutput other = Run({"review", "reject", task, "--as", "marco", "--reason", "no"});
  EXPECT_EQ(other.exit_code, 4);
  EXPECT_NE(other.err.find("is claimed by anna until "), std::string::npos) << other.err;
  TravetOutput rejected = Run({"review", "reject", task, "--as", "anna", "--reason", "duplicate"});
  EXPECT_EQ(rejected.exit_code, 0) << rejected.err;
  TravetOutput resumed = Run({"runs", "resume", run_id_});
  EXPECT_EQ(resumed.exit_code, 1);
  EXPECT_NE(resumed.out.find("was rejected by anna: duplicate"), std::string::npos) << resumed.out;
}

// Two bots whose tasks have a due time (escalated to supervisors) and an
// expiry time, both already past when the sweep runs.
constexpr const char* kDueBot = R"(bot: due
steps:
  - id: checked
    uses: review
    with: { queue: accounting, due: 1ms, escalate_to: supervisors, fields: { total: "12.00" } }
)";
constexpr const char* kExpiringBot = R"(bot: expiring
steps:
  - id: checked
    uses: review
    with: { queue: accounting, expires: 1ms, fields: { total: "12.00" } }
)";

TEST_F(ReviewCliTest, SweepEscalatesAndExpires) {
  dir_.Write("due.yaml", kDueBot);
  dir_.Write("expiring.yaml", kExpiringBot);
  TravetOutput due = Run({"run", "due.yaml", "--json"});
  ASSERT_EQ(due.exit_code, 3) << due.err;
  TravetOutput expiring = Run({"run", "expiring.yaml", "--json"});
  ASSERT_EQ(expiring.exit_code, 3) << expiring.err;
  std::string expiring_run = Value::parse(expiring.out)["run_id"];
  Value tasks = Value::parse(Run({"review", "list", "--json"}).out);
  ASSERT_EQ(tasks.size(), 2u);
  std::string due_task, expiring_task;
  for (const Value& t : tasks)
    (t["run_id"] == expiring_run ? expiring_task : due_task) = t["id"];

  TravetOutput sweep = Run({"review", "sweep", "--json"});
  ASSERT_EQ(sweep.exit_code, 0) << sweep.err;
  EXPECT_EQ(Value::parse(sweep.out), (Value{{"escalated", {due_task}},
                                            {"expired", {expiring_task}},
                                            {"requeued_runs", {expiring_run}}}));
  TravetOutput list = Run({"review", "list", "--queue", "supervisors"});
  EXPECT_NE(list.out.find(due_task), std::string::npos) << list.out;
  EXPECT_NE(list.out.find("[escalated]"), std::string::npos) << list.out;
  TravetOutput show = Run({"review", "show", due_task});
  EXPECT_NE(show.out.find("ESCALATED at "), std::string::npos) << show.out;
  Value history = Value::parse(Run({"review", "history", due_task, "--json"}).out);
  EXPECT_EQ(history.back()["action"], "escalate");
  EXPECT_EQ(history.back()["actor"], "system");
  EXPECT_EQ(history.back()["note"], "moved from accounting to supervisors; priority 0 -> 10");
  TravetOutput expired = Run({"review", "list", "--state", "expired", "--json"});
  EXPECT_EQ(Value::parse(expired.out)[0]["id"], expiring_task);

  TravetOutput resumed = Run({"runs", "resume", expiring_run});
  EXPECT_EQ(resumed.exit_code, 1);
  EXPECT_NE(resumed.out.find("review " + expiring_task + " expired undecided"), std::string::npos)
      << resumed.out;
  TravetOutput again = Run({"review", "sweep"});
  EXPECT_EQ(again.exit_code, 0);
  EXPECT_EQ(again.out, "0 escalated, 0 expired\n");
}

TEST_F(ReviewCliTest, StatsCountTheCorrections) {
  std::string task = StartAndFindTask();
  ASSERT_EQ(Run({"review", "approve", task, "--as", "anna", "--set", "vat=01234567897"}).exit_code,
            0);
  TravetOutput stats = Run({"review", "stats", "--json"});
  ASSERT_EQ(stats.exit_code, 0) << stats.err;
  Value sampled_none = {{"decided", 0}, {"changed", 0}, {"error_rate", nullptr}, {"ci95", nullptr}};
  EXPECT_EQ(Value::parse(stats.out), (Value{{{"queue", "accounting"},
                                             {"field", "total"},
                                             {"decided", 1},
                                             {"changed", 0},
                                             {"sampled", sampled_none}},
                                            {{"queue", "accounting"},
                                             {"field", "vat"},
                                             {"decided", 1},
                                             {"changed", 1},
                                             {"sampled", sampled_none}}}));
  TravetOutput table = Run({"review", "stats", "--queue", "accounting"});
  EXPECT_EQ(table.out.substr(0, table.out.find('\n')),
            "QUEUE         FIELD            DECIDED  CHANGED  SAMPLED    WRONG   ERROR  95% CI");
  EXPECT_EQ(Run({"review", "stats", "--since", "2999-01-01"}).out, "no decided tasks\n");
  TravetOutput bad = Run({"review", "stats", "--since", "yesterday"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_EQ(bad.err,
            "travet review stats: --since 'yesterday' is not a date: use YYYY-MM-DD or "
            "2026-11-27T08:15:00Z\n");
}

// A confident scan that a 100% sample sends to review, corrected by the
// operator: the measured error rate of auto-accepted totals is 1 of 1.
TEST_F(ReviewCliTest, StatsReportTheSampledErrorRate) {
  std::filesystem::copy_file(
      std::filesystem::path(TRAVET_SOURCE_DIR) / "samples/invoices/scans/invoice-0001-clean.png",
      dir_.path() / "scan.png");
  dir_.Write("bot.yaml", R"(bot: sampled
steps:
  - id: read
    uses: ocr.extract
    with:
      file: scan.png
      min_confidence: 50
      fields: { totale: { label: Totale, type: amount } }
      review: { queue: qa, sample: 100% }
)");
  TravetOutput run = Run({"run", "bot.yaml", "--json"});
  ASSERT_EQ(run.exit_code, 3) << run.err << run.out;
  Value tasks = Value::parse(Run({"review", "list", "--json"}).out);
  ASSERT_EQ(tasks.size(), 1u);
  EXPECT_EQ(tasks[0]["sampled"], true);
  EXPECT_NE(Run({"review", "list"}).out.find("[sample]"), std::string::npos);
  std::string task = tasks[0]["id"];
  ASSERT_EQ(Run({"review", "approve", task, "--as", "anna", "--set", "totale=3813.40"}).exit_code,
            0);
  Value stats = Value::parse(Run({"review", "stats", "--queue", "qa", "--json"}).out);
  ASSERT_EQ(stats.size(), 1u);
  const Value& sampled = stats[0]["sampled"];
  EXPECT_EQ(sampled["decided"], 1);
  EXPECT_EQ(sampled["changed"], 1);
  EXPECT_EQ(sampled["error_rate"], 1.0);
  EXPECT_NEAR(sampled["ci95"][0].get<double>(), 0.2065, 1e-4);
  EXPECT_EQ(sampled["ci95"][1], 1.0);
}

}  // namespace
}  // namespace travet::testing
