#include <gtest/gtest.h>

#include "runtime/core/value.h"
#include "tests/fakes/run_travet.h"
#include "tests/fakes/temp_dir.h"

namespace travet::testing {
namespace {

const char* kBot = R"(bot: vat-check
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

}  // namespace
}  // namespace travet::testing
