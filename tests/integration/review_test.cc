#include <gtest/gtest.h>

#include "runtime/actions/action_table.h"
#include "runtime/lang/loader.h"
#include "tests/integration/bot_harness.h"
#include "tools/mock_office/mock_office.h"

namespace travet::testing {
namespace {

// A bot that posts a note, asks a person about two fields, then registers the
// invoice with the values the person approved.
constexpr const char* kReviewBot = R"(bot: review-loop
env: [OFFICE_URL]
steps:
  - id: note
    uses: http.request
    with: { method: POST, url: "${{ env.OFFICE_URL }}/api/notes", json: { text: received } }
  - id: checked
    uses: review
    with:
      queue: accounting
      document: inbox/fattura.png
      instructions: Check the number and total against the scan.
      fields:
        number: { value: "2026/04l7", raw: "2026/04l7", confidence: 61.5, valid: true, type: text }
        total: { value: "1464.00", raw: "1.464,00", confidence: 97, valid: true, type: amount }
  - id: post
    uses: http.request
    with:
      method: POST
      url: "${{ env.OFFICE_URL }}/api/invoices"
      json: { number: "${{ steps.checked.fields.number }}", total: "${{ steps.checked.fields.total }}",
              reviewer: "${{ steps.checked.reviewer }}" }
    on_error:
      - uses: log
        with: { message: never }
on_error:
  - uses: file.write
    with: { path: rejected.txt, content: "${{ error.message }}" }
)";

class ReviewLoopTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(office_.Start().ok());
    std::string url = office_.url();
    options_.getenv = [url](const std::string& name) -> std::optional<std::string> {
      if (name == "OFFICE_URL")
        return url;
      return std::nullopt;
    };
  }

  // Resumes run `run_id` of `bot_text` in the test's folder.
  engine::RunOutcome Resume(const std::string& run_id, const std::string& bot_text = kReviewBot) {
    return h_.Resume(bot_text, run_id, options_);
  }

  store::ReviewTask OnlyTask() {
    auto tasks = h_.store().ListTasks({});
    EXPECT_TRUE(tasks.has_value());
    EXPECT_EQ(tasks->size(), 1u);
    return tasks->empty() ? store::ReviewTask{} : (*tasks)[0];
  }

  mock_office::MockOffice office_;
  BotHarness h_;
  engine::RunOptions options_;
};

TEST_F(ReviewLoopTest, WaitsThenResumesWithTheApprovedValues) {
  auto outcome = h_.Run(kReviewBot, options_);
  ASSERT_EQ(outcome.state, store::RunState::kWaitingReview) << outcome.error;
  EXPECT_EQ(h_.store().GetRun(outcome.run_id)->state, store::RunState::kWaitingReview);
  store::ReviewTask task = OnlyTask();
  EXPECT_EQ(task.queue, "accounting");
  EXPECT_EQ(task.step_path, "checked");
  EXPECT_EQ(task.fields["number"]["confidence"], 61.5);
  EXPECT_EQ(outcome.waiting_for, "waiting for review " + task.id + " in queue accounting");

  // Resuming before anyone decided just waits again, without a second task.
  ASSERT_TRUE(
      h_.store()
          .Transition(outcome.run_id, store::RunState::kWaitingReview, store::RunState::kQueued)
          .ok());
  EXPECT_EQ(Resume(outcome.run_id).state, store::RunState::kWaitingReview);
  OnlyTask();

  store::Decision decision{
      .approve = true, .actor = "anna", .corrections = {{"number", "2026/0417"}}};
  ASSERT_TRUE(h_.store().DecideTask(task.id, decision, DefaultClock().Now()).has_value());
  auto resumed = Resume(outcome.run_id);
  ASSERT_EQ(resumed.state, store::RunState::kSucceeded) << resumed.error << h_.LogText();

  auto invoices = office_.Records("invoices");
  ASSERT_EQ(invoices.size(), 1u);
  EXPECT_EQ(invoices[0]["number"], "2026/0417");
  EXPECT_EQ(invoices[0]["total"], "1464.00");
  EXPECT_EQ(invoices[0]["reviewer"], "anna");
  // The step before the review ran once, however often the run resumed.
  EXPECT_EQ(office_.Records("notes").size(), 1u);
}

TEST_F(ReviewLoopTest, ARejectionFailsTheStepAndRunsTheHandler) {
  auto outcome = h_.Run(kReviewBot, options_);
  ASSERT_EQ(outcome.state, store::RunState::kWaitingReview);
  store::ReviewTask task = OnlyTask();
  store::Decision decision{.approve = false, .actor = "marco", .reason = "not our invoice"};
  ASSERT_TRUE(h_.store().DecideTask(task.id, decision, DefaultClock().Now()).has_value());
  auto resumed = Resume(outcome.run_id);
  EXPECT_EQ(resumed.state, store::RunState::kFailed);
  EXPECT_EQ(resumed.error, "review " + task.id + " was rejected by marco: not our invoice");
  EXPECT_EQ(h_.dir().Read("rejected.txt"), resumed.error);
  EXPECT_TRUE(office_.Records("invoices").empty());
}

TEST_F(ReviewLoopTest, AnExpiredTaskFailsTheStepOnResume) {
  std::string bot = kReviewBot;
  bot.replace(bot.find("      queue: accounting\n"), 0, "      expires: 1h\n");
  auto outcome = h_.Run(bot, options_);
  ASSERT_EQ(outcome.state, store::RunState::kWaitingReview) << outcome.error;
  store::ReviewTask task = OnlyTask();
  EXPECT_FALSE(task.expires_at.empty());

  // The sweep, an hour later: the task expires and the run is queued again.
  auto report = h_.store().SweepTasks(DefaultClock().Now() + std::chrono::minutes(61));
  ASSERT_TRUE(report.has_value()) << report.error().message();
  ASSERT_EQ(report->expired.size(), 1u);
  EXPECT_EQ(report->requeued_runs, std::vector<std::string>{outcome.run_id});
  EXPECT_EQ(h_.store().GetRun(outcome.run_id)->state, store::RunState::kQueued);

  auto resumed = Resume(outcome.run_id, bot);
  EXPECT_EQ(resumed.state, store::RunState::kFailed);
  EXPECT_EQ(resumed.error, "review " + task.id + " expired undecided");
  EXPECT_EQ(h_.dir().Read("rejected.txt"), resumed.error);
  EXPECT_TRUE(office_.Records("invoices").empty());
}

// Item a's two POSTs reach the backend but fail their steps (201 is not the
// 200 they expect): the first goes on (continue_on_error), the second ends
// the item and the loop's handler reports it; items b and c wait for review
// one after the other. Over the two resumes that follow, neither the failed
// POST nor its handler is sent again: the backend counts raw requests.
constexpr const char* kBatchBot = R"(bot: batch
env: [OFFICE_URL]
steps:
  - id: docs
    uses: file.list
    with: { dir: inbox, pattern: "*.txt" }
  - id: each
    foreach: "${{ steps.docs.files }}"
    as: doc
    steps:
      - id: spare
        if: "${{ doc.name == 'a.txt' }}"
        uses: http.request
        with: { method: POST, url: "${{ env.OFFICE_URL }}/api/spares", json: { doc: "${{ doc.name }}" }, expect: [200] }
        continue_on_error: true
      - id: notice
        if: "${{ doc.name == 'a.txt' }}"
        uses: http.request
        with:
          method: POST
          url: "${{ env.OFFICE_URL }}/api/notices"
          json: { doc: "${{ doc.name }}" }
          expect: [200]
      - id: checked
        if: "${{ doc.name ~= 'a.txt' }}"
        uses: review
        with:
          queue: batch
          document: "${{ doc.path }}"
          fields: { total: { value: "10.00", confidence: 50, valid: true, type: amount } }
    on_error:
      - uses: http.request
        with:
          method: POST
          url: "${{ env.OFFICE_URL }}/api/failures"
          json: { doc: "${{ doc.name }}", error: "${{ error.message }}" }
)";

TEST_F(ReviewLoopTest, AHandledFailureIsNeitherSentNorHandledAgainOnResume) {
  for (const char* name : {"a.txt", "b.txt", "c.txt"})
    h_.dir().Write(std::string("inbox/") + name, name);
  auto count = [this](const std::string& path) {
    size_t n = 0;
    for (const auto& request : office_.Received())
      n += request.method == "POST" && request.path == path ? 1 : 0;
    return n;
  };
  auto outcome = h_.Run(kBatchBot, options_);
  ASSERT_EQ(outcome.state, store::RunState::kWaitingReview) << outcome.error << h_.LogText();
  for (int resumes = 0; resumes < 2; ++resumes) {
    auto pending = h_.store().ListTasks({.state = store::TaskState::kPending});
    ASSERT_TRUE(pending.has_value());
    ASSERT_EQ(pending->size(), 1u);
    store::Decision decision{.approve = true, .actor = "anna"};
    ASSERT_TRUE(h_.store().DecideTask((*pending)[0].id, decision, DefaultClock().Now()));
    outcome = Resume(outcome.run_id, kBatchBot);
  }
  ASSERT_EQ(outcome.state, store::RunState::kSucceeded) << outcome.error << h_.LogText();
  EXPECT_EQ(count("/api/notices"), 1u);
  EXPECT_EQ(count("/api/spares"), 1u);    // continue_on_error
  EXPECT_EQ(count("/api/failures"), 1u);  // the loop's handler
  auto failures = office_.Records("failures");
  ASSERT_EQ(failures.size(), 1u);
  EXPECT_EQ(failures[0]["doc"], "a.txt");
  // Logged as an error once, when it happened; each resume replays it as a
  // debug line (the log covers the resumes too).
  std::string log = h_.LogText();
  size_t first = log.find("error each[0].notice: failed: ");
  ASSERT_NE(first, std::string::npos) << log;
  EXPECT_EQ(log.find("error each[0].notice: failed", first + 1), std::string::npos) << log;
  EXPECT_NE(log.find("debug each[0].notice: failed before the resume: "), std::string::npos) << log;
}

// A value derived from a secret is stored masked; after the review the run
// once sent "X-Api-Key: ***" and reported success.
TEST_F(ReviewLoopTest, AValueDerivedFromASecretComesBackRightAfterTheReview) {
  const std::string secret = "k-9f8e7d6c5b4a";
  auto getenv = options_.getenv;
  options_.getenv = [getenv, secret](const std::string& name) -> std::optional<std::string> {
    return name == "TRAVET_SECRET_KEY" ? std::optional<std::string>(secret) : getenv(name);
  };
  const char* bot = R"(bot: keyed
env: [OFFICE_URL]
secrets: [KEY]
steps:
  - uses: set
    with: { api_key: "key-${{ secrets.KEY }}" }
  - id: header
    uses: script
    with: { lua: "return { value = vars.api_key }" }
  - id: checked
    uses: review
    with:
      queue: accounting
      fields: { total: { value: "10.00", confidence: 50, valid: true, type: amount } }
  - uses: http.request
    with:
      method: POST
      url: "${{ env.OFFICE_URL }}/api/invoices"
      headers: { X-Api-Key: "${{ steps.header.value }}", X-Var: "${{ vars.api_key }}" }
      json: { total: "${{ steps.checked.fields.total }}" }
)";
  auto outcome = h_.Run(bot, options_);
  ASSERT_EQ(outcome.state, store::RunState::kWaitingReview) << outcome.error << h_.LogText();
  store::Decision decision{.approve = true, .actor = "anna"};
  ASSERT_TRUE(h_.store().DecideTask(OnlyTask().id, decision, DefaultClock().Now()));
  auto resumed = Resume(outcome.run_id, bot);
  ASSERT_EQ(resumed.state, store::RunState::kSucceeded) << resumed.error << h_.LogText();
  ASSERT_EQ(office_.Received().size(), 1u);
  EXPECT_EQ(office_.Received()[0].headers["x-api-key"], "key-" + secret);
  EXPECT_EQ(office_.Received()[0].headers["x-var"], "key-" + secret);
  std::string db = ReadFile(h_.store_path()) + ReadFile(h_.store_path() + "-wal");
  EXPECT_EQ(db.find(secret), std::string::npos) << "the secret is in the SQLite file";
}

TEST_F(ReviewLoopTest, OnlyAWaitingOrQueuedRunResumes) {
  auto outcome = h_.Run("bot: quick\nsteps:\n  - uses: log\n    with: { message: hi }\n", options_);
  ASSERT_EQ(outcome.state, store::RunState::kSucceeded);
  lang::LoadOptions load;
  load.actions = &actions::ActionCatalog();
  auto bot = lang::LoadBotText("bot: quick\nsteps:\n  - uses: log\n    with: { message: hi }\n",
                               "b.yaml", load);
  engine::RunOptions options;
  options.store = &h_.store();
  auto resumed = engine::ResumeRun(*bot.bot, outcome.run_id, options);
  ASSERT_FALSE(resumed.has_value());
  EXPECT_EQ(resumed.error().message(),
            "run " + outcome.run_id + " is succeeded; only a queued or waiting run can be resumed");
}

}  // namespace
}  // namespace travet::testing
