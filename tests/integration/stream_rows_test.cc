// A CSV read with `stream: true` and gone through by `foreach` row by row:
// each row once, a resume after a review in the middle, a table changed
// between the read and the resume.
#include <gtest/gtest.h>

#include <string>

#include "tests/integration/bot_harness.h"
#include "tools/mock_office/mock_office.h"

namespace travet::testing {
namespace {

constexpr int kRows = 2000;

const char* const kStreamBot = R"(bot: stream-rows
env: [OFFICE_URL]
steps:
  - id: rows
    uses: file.read
    with: { path: in/rows.csv, as: csv, stream: true }
  - id: each
    foreach: "${{ steps.rows.content }}"
    as: row
    steps:
      - id: checked
        uses: review
        if: "${{ row.number == 'R-1000' }}"
        with:
          queue: accounting
          document: in/rows.csv
          instructions: Check the total of R-1000.
          fields:
            total: { value: "${{ row.total }}", confidence: 50, valid: true, type: text }
      - id: post
        uses: http.request
        with:
          method: POST
          url: "${{ env.OFFICE_URL }}/api/invoices"
          json: { number: "${{ row.number }}", total: "${{ row.total }}" }
          expect: [201]
  - id: done
    uses: set
    with: { rows: "${{ steps.each.count }}", path: "${{ steps.rows.content['$rows'].path }}" }
)";

// The rows R-1 ... R-<count>, one with a quoted line break and a delimiter.
std::string RowsCsv(int count) {
  std::string text = "number,total\r\n";
  for (int i = 1; i <= count; ++i) {
    std::string total = i == 7 ? "\"7,00\r\n(sette)\"" : std::to_string(i) + ".00";
    text += "R-" + std::to_string(i) + "," + total + "\r\n";
  }
  return text;
}

class StreamRowsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(office_.Start().ok());
    h_.dir().Write("in/rows.csv", RowsCsv(kRows));
    std::string url = office_.url();
    options_.getenv = [url](const std::string& name) -> std::optional<std::string> {
      if (name == "OFFICE_URL")
        return url;
      return std::nullopt;
    };
  }

  // Runs the bot up to the review of R-1000 and approves it.
  std::string RunToTheReviewAndApprove() {
    auto outcome = h_.Run(kStreamBot, options_);
    EXPECT_EQ(outcome.state, store::RunState::kWaitingReview) << outcome.error << h_.LogText();
    EXPECT_EQ(office_.Records("invoices").size(), 999u);
    auto tasks = h_.store().ListTasks({});
    EXPECT_TRUE(tasks && tasks->size() == 1u);
    if (!tasks || tasks->empty())
      return outcome.run_id;
    EXPECT_EQ((*tasks)[0].step_path, "each[999].checked");
    store::Decision decision{.approve = true, .actor = "anna", .corrections = Value::object()};
    auto decided = h_.store().DecideTask((*tasks)[0].id, decision, DefaultClock().Now());
    EXPECT_TRUE(decided.has_value()) << decided.error().message();
    return outcome.run_id;
  }

  // Runs `bot` to its one review, approves it and resumes the run.
  engine::RunOutcome RunApproveAndResume(const std::string& bot) {
    auto outcome = h_.Run(bot, options_);
    EXPECT_EQ(outcome.state, store::RunState::kWaitingReview) << outcome.error << h_.LogText();
    auto tasks = h_.store().ListTasks({});
    EXPECT_TRUE(tasks && tasks->size() == 1u);
    if (!tasks || tasks->size() != 1u)
      return outcome;
    store::Decision decision{.approve = true, .actor = "anna", .corrections = Value::object()};
    EXPECT_TRUE(h_.store().DecideTask((*tasks)[0].id, decision, DefaultClock().Now()));
    return h_.Resume(bot, outcome.run_id, options_);
  }

  mock_office::MockOffice office_;
  BotHarness h_;
  engine::RunOptions options_;
};

TEST_F(StreamRowsTest, PostsEachRowOnceAcrossAResumeAndCheckpointsOnlyTheReference) {
  std::string run_id = RunToTheReviewAndApprove();
  auto resumed = h_.Resume(kStreamBot, run_id, options_);
  ASSERT_EQ(resumed.state, store::RunState::kSucceeded) << resumed.error << h_.LogText();

  auto invoices = office_.Records("invoices");
  ASSERT_EQ(invoices.size(), static_cast<size_t>(kRows));
  for (int i = 0; i < kRows; ++i)
    ASSERT_EQ(invoices[i]["number"], "R-" + std::to_string(i + 1)) << i;
  EXPECT_EQ(invoices[6]["total"], "7,00\r\n(sette)");

  auto checkpoints = h_.store().LoadCheckpoints(run_id);
  ASSERT_TRUE(checkpoints.has_value());
  const store::Checkpoint& read = (*checkpoints)[0];
  ASSERT_EQ(read.step_path, "rows");
  EXPECT_EQ(read.output["content"]["$rows"]["count"], kRows);
  EXPECT_EQ(read.output["content"]["$rows"]["columns"], (Value{"number", "total"}));
  EXPECT_LT(read.output.dump().size(), 400u) << read.output.dump();
  EXPECT_EQ(checkpoints->back().step_path, "done");
  EXPECT_EQ(checkpoints->back().output, (Value{{"rows", kRows}, {"path", "in/rows.csv"}}));
}

TEST_F(StreamRowsTest, ATableChangedBeforeTheResumeFailsTheLoop) {
  std::string run_id = RunToTheReviewAndApprove();
  std::string changed = RowsCsv(kRows);
  changed.replace(changed.find("R-1500,1500.00"), 14, "R-1500,1501.00");
  h_.dir().Write("in/rows.csv", changed);
  auto resumed = h_.Resume(kStreamBot, run_id, options_);
  ASSERT_EQ(resumed.state, store::RunState::kFailed) << h_.LogText();
  EXPECT_NE(resumed.error.find("'foreach' of each: 'in/rows.csv' changed since it was read "
                               "(sha256 "),
            std::string::npos)
      << resumed.error;
  EXPECT_NE(resumed.error.find("; read it again in a new run"), std::string::npos) << resumed.error;
  EXPECT_EQ(office_.Records("invoices").size(), 999u);
}

// A finished loop restores from its checkpoints on a resume without its file:
// the bot may archive the table before it waits.
TEST_F(StreamRowsTest, AFinishedLoopResumesAfterTheTableWasMovedAway) {
  h_.dir().Write("in/rows.csv", RowsCsv(50));
  const char* const bot = R"(bot: stream-archive
env: [OFFICE_URL]
steps:
  - id: rows
    uses: file.read
    with: { path: in/rows.csv, as: csv, stream: true }
  - id: each
    foreach: "${{ steps.rows.content }}"
    as: row
    steps:
      - id: post
        uses: http.request
        with: { method: POST, url: "${{ env.OFFICE_URL }}/api/invoices", json: { n: "${{ row.number }}" } }
      - id: last
        uses: set
        with: { last: "${{ row.number }}" }
  - uses: file.move
    with: { from: in/rows.csv, to: archive/ }
  - id: checked
    uses: review
    with:
      queue: accounting
      document: archive/rows.csv
      instructions: Sign off the batch.
      fields: { count: { value: "${{ steps.each.count }}", confidence: 50, valid: true, type: text } }
  - id: done
    uses: set
    with: { last_row: "${{ vars.last }}" }
)";
  auto resumed = RunApproveAndResume(bot);
  ASSERT_EQ(resumed.state, store::RunState::kSucceeded) << resumed.error << h_.LogText();
  EXPECT_EQ(office_.Records("invoices").size(), 50u);
  auto checkpoints = h_.store().LoadCheckpoints(resumed.run_id);
  ASSERT_TRUE(checkpoints.has_value());
  EXPECT_EQ(checkpoints->back().output, (Value{{"last_row", "R-50"}}));
}

TEST_F(StreamRowsTest, EachRowIsAWorkItemKeyedByItsIndex) {
  h_.dir().Write("in/rows.csv", RowsCsv(40));
  const char* bot = R"(bot: stream-items
steps:
  - id: rows
    uses: file.read
    with: { path: in/rows.csv, as: csv, stream: true }
  - id: each
    foreach: "${{ steps.rows.content }}"
    as: row
    items: true
    steps:
      - id: fail
        uses: fail
        if: "${{ row.number == 'R-3' }}"
        with: { message: "no ${{ row.number }}" }
      - id: note
        uses: set
        with: { last: "${{ row.number }}" }
)";
  auto outcome = h_.Run(bot, options_);
  ASSERT_EQ(outcome.state, store::RunState::kSucceeded) << outcome.error << h_.LogText();
  auto items = h_.store().ListWorkItems(outcome.run_id);
  ASSERT_TRUE(items.has_value());
  ASSERT_EQ(items->size(), 40u);
  EXPECT_EQ((*items)[2].key, "2");
  EXPECT_EQ((*items)[2].state, store::ItemState::kFailed);
  EXPECT_EQ((*items)[2].error, "no R-3");
  EXPECT_EQ((*items)[39].state, store::ItemState::kSucceeded);
  EXPECT_EQ((*items)[39].output["note"]["last"], "R-40");
}

// A secret that also stands in a streamed table (a token column, a header) is
// masked wherever the rows go: the reference's columns, the items' keys,
// step outputs and the log. The backend still gets the real value, also after
// a resume, which reads the rows from the file again.
TEST_F(StreamRowsTest, ASecretInAStreamedTableNeverReachesTheStoreOrTheLog) {
  const std::string canary = "canary-Tok3n-5e4d";
  h_.dir().Write("in/tokens.csv", "number,token," + canary + "\n" + "R-1,plain,x\n" + "R-2," +
                                      canary + ",y\n" + "R-3,plain,z\n");
  std::string url = office_.url();
  options_.getenv = [url, canary](const std::string& name) -> std::optional<std::string> {
    if (name == "OFFICE_URL")
      return url;
    if (name == "TRAVET_SECRET_TOKEN")
      return canary;
    return std::nullopt;
  };
  const char* bot = R"(bot: stream-secret
env: [OFFICE_URL]
secrets: [TOKEN]
steps:
  - id: rows
    uses: file.read
    with: { path: in/tokens.csv, as: csv, stream: true }
  - id: each
    foreach: "${{ steps.rows.content }}"
    as: row
    items: true
    key: "${{ row.number }}-${{ row.token }}"
    steps:
      - uses: log
        with: { message: "row ${{ row.number }} carries ${{ row.token }}" }
      - id: checked
        uses: review
        if: "${{ row.number == 'R-3' }}"
        with:
          queue: accounting
          fields: { n: { value: "${{ row.number }}", confidence: 50, valid: true } }
      - id: post
        uses: http.request
        with:
          method: POST
          url: "${{ env.OFFICE_URL }}/api/invoices"
          json: { number: "${{ row.number }}", token: "${{ row.token }}" }
          expect: [201]
)";
  auto resumed = RunApproveAndResume(bot);
  ASSERT_EQ(resumed.state, store::RunState::kSucceeded) << resumed.error << h_.LogText();

  auto invoices = office_.Records("invoices");
  ASSERT_EQ(invoices.size(), 3u);
  EXPECT_EQ(invoices[1]["token"], canary);  // usable, not visible
  auto items = h_.store().ListWorkItems(resumed.run_id);
  ASSERT_TRUE(items && items->size() == 3u);
  EXPECT_EQ((*items)[1].key, "R-2-***");
  std::string db = ReadFile(h_.store_path()) + ReadFile(h_.store_path() + "-wal");
  ASSERT_FALSE(db.empty());
  EXPECT_EQ(db.find("canary"), std::string::npos) << "the secret is in the SQLite file";
  EXPECT_EQ(h_.LogText().find("canary"), std::string::npos) << h_.LogText();
  EXPECT_NE(h_.LogText().find("row R-2 carries ***"), std::string::npos) << h_.LogText();
}

}  // namespace
}  // namespace travet::testing
