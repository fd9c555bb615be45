// ocr.extract with `review:` on a real sample scan, through the real review
// desk over a SQLite store in a temp folder.
#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <string>

#include "ocr/recognise/recognizer.h"
#include "runtime/actions/action_table.h"
#include "runtime/actions/atomic_file.h"
#include "runtime/actions/review_params.h"
#include "runtime/actions/sha256.h"
#include "runtime/review/desk.h"
#include "runtime/store/sqlite/sqlite_store.h"
#include "tests/fakes/fake_clock.h"
#include "tests/fakes/temp_dir.h"

namespace travet::actions {
namespace {

constexpr const char* kScan = "invoice-0001-clean.png";

class OcrReviewTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::filesystem::copy_file(
        std::filesystem::path(TRAVET_SOURCE_DIR) / "samples/invoices/scans" / kScan,
        dir_.path() / kScan);
    auto store = store::OpenSqliteStore((dir_.path() / "travet.db").string(), clock_);
    ASSERT_TRUE(store) << store.error().message();
    store_ = std::move(*store);
    ASSERT_TRUE(store_->CreateRun({.id = "r-1", .bot = "invoice-intake"}).ok());
    desk_ = std::make_unique<review::StoreReviewDesk>(*store_, clock_);
    ctx_.run_id = "r-1";
    ctx_.step_path = "each[0].read";
    ctx_.work_dir = dir_.path();
    ctx_.clock = &clock_;
    ctx_.review = desk_.get();
    ctx_.ocr = &recognizer_;
  }

  // ocr.extract of the scan's number and total at `threshold`, with `review`.
  Result<Value> Extract(double threshold, Value review) {
    Value params = {{"file", kScan},
                    {"min_confidence", threshold},
                    {"fields",
                     {{"numero", {{"pattern", "Fattura\\s+n\\.?\\s*(\\S+)"}}},
                      {"totale", {{"label", "Totale"}, {"type", "amount"}}}}}};
    if (!review.is_null())
      params["review"] = std::move(review);
    return FindAction("ocr.extract")->run(params, ctx_);
  }

  std::vector<store::ReviewTask> Tasks() {
    auto tasks = store_->ListTasks({.state = std::nullopt, .limit = 0});
    EXPECT_TRUE(tasks) << tasks.error().message();
    return tasks ? *tasks : std::vector<store::ReviewTask>{};
  }

  testing::TempDir dir_;
  testing::FakeClock clock_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<review::StoreReviewDesk> desk_;
  ocr::Recognizer recognizer_;
  ActionContext ctx_;
};

TEST_F(OcrReviewTest, ConfidentFieldsMakeNoTask) {
  Result<Value> out = Extract(50, {{"queue", "accounting"}});
  ASSERT_TRUE(out) << out.error().message();
  EXPECT_FALSE((*out)["needs_review"].get<bool>());
  EXPECT_EQ((*out)["fields"]["totale"]["value"], "3813.04");
  EXPECT_EQ(
      (*out)["review"],
      (Value{{"decision", "auto"}, {"reviewer", nullptr}, {"task", nullptr}, {"sampled", false}}));
  EXPECT_TRUE(Tasks().empty());
}

// The step's deadline (its `timeout:`) reaches the engine: a read that starts
// past it stops at once instead of reading the document through.
TEST_F(OcrReviewTest, AReadPastItsStepDeadlineStops) {
  ctx_.deadline = clock_.Now() - std::chrono::seconds(1);
  for (const char* action : {"ocr.read", "ocr.extract"}) {
    Result<Value> out = FindAction(action)->run(
        {{"file", kScan}, {"fields", {{"totale", {{"label", "Totale"}}}}}}, ctx_);
    ASSERT_FALSE(out) << action;
    EXPECT_EQ(out.error().code(), StatusCode::kTimeout) << action;
    EXPECT_NE(out.error().message().find("reading stopped"), std::string::npos)
        << out.error().message();
  }
}

TEST_F(OcrReviewTest, WithoutReviewTheOutputIsAsBefore) {
  Result<Value> out = Extract(99.9, Value());
  ASSERT_TRUE(out) << out.error().message();
  EXPECT_TRUE((*out)["needs_review"].get<bool>());
  EXPECT_FALSE(out->contains("review"));
  EXPECT_TRUE(Tasks().empty());
}

TEST_F(OcrReviewTest, UnsureFieldsWaitThenResumeWithTheCorrection) {
  Value review = {{"queue", "accounting"},
                  {"instructions", "Check the total."},
                  {"due", "48h"},
                  {"expires", "72h"},
                  {"escalate_to", "supervisors"}};
  Result<Value> waiting = Extract(99.9, review);
  ASSERT_FALSE(waiting);
  EXPECT_EQ(waiting.error().code(), StatusCode::kSuspended);
  std::vector<store::ReviewTask> tasks = Tasks();
  ASSERT_EQ(tasks.size(), 1u);
  const store::ReviewTask& task = tasks[0];
  EXPECT_EQ(waiting.error().message(), "waiting for review " + task.id + " in queue accounting");
  EXPECT_EQ(task.step_path, "each[0].read");
  EXPECT_EQ(task.document, kScan);
  EXPECT_EQ(task.page, 1);
  EXPECT_EQ(task.instructions, "Check the total.");
  EXPECT_FALSE(task.sampled);
  EXPECT_EQ(task.due_at, FormatRfc3339(clock_.Now() + std::chrono::hours(48)));
  EXPECT_EQ(task.expires_at, FormatRfc3339(clock_.Now() + std::chrono::hours(72)));
  EXPECT_EQ(task.escalate_to, "supervisors");
  EXPECT_EQ(task.fields["totale"]["value"], "3813.04");
  EXPECT_EQ(task.fields["totale"]["raw"], "3.813,04");
  EXPECT_TRUE(task.fields["totale"]["confidence"].is_number());
  EXPECT_TRUE(task.fields["totale"]["box"].contains("width"));
  EXPECT_EQ(task.fields["totale"]["verdict"], "ok");

  // The run resumes before anyone decided: still waiting, no second task.
  ASSERT_FALSE(Extract(99.9, review));
  ASSERT_EQ(Tasks().size(), 1u);

  store::Decision decision{.actor = "anna", .corrections = {{"totale", "3813.05"}}};
  ASSERT_TRUE(store_->DecideTask(task.id, decision, clock_.Now()));
  Result<Value> resumed = Extract(99.9, review);
  ASSERT_TRUE(resumed) << resumed.error().message();
  EXPECT_EQ((*resumed)["fields"]["totale"]["value"], "3813.05");
  EXPECT_EQ((*resumed)["fields"]["totale"]["raw"], "3.813,04");
  EXPECT_EQ((*resumed)["fields"]["numero"]["value"], "2024/1916");
  EXPECT_FALSE((*resumed)["needs_review"].get<bool>());
  EXPECT_EQ(
      (*resumed)["review"],
      (Value{
          {"decision", "approved"}, {"reviewer", "anna"}, {"task", task.id}, {"sampled", false}}));
  EXPECT_EQ(Tasks().size(), 1u);
}

TEST_F(OcrReviewTest, ARejectionFailsTheStep) {
  ASSERT_FALSE(Extract(99.9, {{"queue", "accounting"}}));
  std::string id = Tasks().at(0).id;
  store::Decision decision{.approve = false, .actor = "marco", .reason = "not our supplier"};
  ASSERT_TRUE(store_->DecideTask(id, decision, clock_.Now()));
  Result<Value> out = Extract(99.9, {{"queue", "accounting"}});
  ASSERT_FALSE(out);
  EXPECT_EQ(out.error().code(), StatusCode::kFailed);
  EXPECT_EQ(out.error().message(), "review " + id + " was rejected by marco: not our supplier");
}

TEST_F(OcrReviewTest, ASampledConfidentDocumentGoesToReview) {
  Result<Value> out = Extract(50, {{"queue", "accounting"}, {"sample", "100%"}, {"approvals", 2}});
  ASSERT_FALSE(out);
  EXPECT_EQ(out.error().code(), StatusCode::kSuspended);
  std::vector<store::ReviewTask> tasks = Tasks();
  ASSERT_EQ(tasks.size(), 1u);
  EXPECT_TRUE(tasks[0].sampled);
  EXPECT_EQ(tasks[0].approvals_required, 2);
  ASSERT_TRUE(store_->DecideTask(tasks[0].id, {.actor = "anna"}, clock_.Now()));
  ASSERT_TRUE(store_->DecideTask(tasks[0].id, {.actor = "bruno"}, clock_.Now()));
  Result<Value> resumed = Extract(50, {{"queue", "accounting"}, {"sample", "100%"}});
  ASSERT_TRUE(resumed) << resumed.error().message();
  EXPECT_EQ((*resumed)["review"]["sampled"], true);
  EXPECT_EQ((*resumed)["review"]["reviewer"], "bruno");
}

TEST_F(OcrReviewTest, TheSampleChoiceFollowsTheDocumentAndQueue) {
  auto bytes = ReadWholeFile(dir_.path() / kScan);
  ASSERT_TRUE(bytes);
  std::string sha = Sha256Hex(*bytes);
  // Find a queue whose 50% sample takes this scan and one whose does not.
  std::string taken, left;
  for (int i = 0; i < 64 && (taken.empty() || left.empty()); ++i) {
    std::string queue = "q" + std::to_string(i);
    (ChosenForSample(sha, queue, 0.5) ? taken : left) = queue;
  }
  ASSERT_FALSE(taken.empty());
  ASSERT_FALSE(left.empty());
  ASSERT_TRUE(Extract(50, {{"queue", left}, {"sample", 0.5}}));
  EXPECT_TRUE(Tasks().empty());
  ASSERT_FALSE(Extract(50, {{"queue", taken}, {"sample", 0.5}}));
  ASSERT_EQ(Tasks().size(), 1u);
  EXPECT_EQ(Tasks()[0].queue, taken);
}

}  // namespace
}  // namespace travet::actions
