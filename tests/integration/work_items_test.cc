// Loops with `items: true`: each document its own unit of work. Counts are
// of raw requests at the mock office (no idempotency dedupe).
#include <gtest/gtest.h>
#include <sqlite3.h>

#include "runtime/actions/action_table.h"
#include "runtime/engine/item_retry.h"
#include "runtime/lang/loader.h"
#include "tests/integration/bot_harness.h"
#include "tools/mock_office/mock_office.h"

namespace travet::testing {
namespace {

// 20 scans: three need a person (07, 11, 13), two fail (05, 17); every other
// one is registered at once. The report after the loop counts the outcome.
constexpr const char* kIntakeBatchBot = R"(bot: intake
env: [OFFICE_URL]
steps:
  - id: docs
    uses: file.list
    with: { dir: inbox, pattern: "*.txt" }
  - id: each
    foreach: "${{ steps.docs.files }}"
    as: doc
    items: true
    key: "${{ doc.name }}"
    steps:
      - id: checked
        if: "${{ doc.name == '07.txt' or doc.name == '11.txt' or doc.name == '13.txt' }}"
        uses: review
        with:
          queue: intake
          document: "${{ doc.path }}"
          fields: { total: { value: "10.00", confidence: 50, valid: true, type: amount } }
      - if: "${{ doc.name == '05.txt' or doc.name == '17.txt' }}"
        uses: fail
        with: { message: "unreadable scan ${{ doc.name }}" }
      - id: post
        uses: http.request
        with:
          method: POST
          url: "${{ env.OFFICE_URL }}/api/invoices"
          json: { doc: "${{ doc.name }}" }
  - uses: http.request
    with:
      method: POST
      url: "${{ env.OFFICE_URL }}/api/reports"
      json: { succeeded: "${{ steps.each.succeeded }}", failed: "${{ steps.each.failed }}",
              count: "${{ steps.each.count }}" }
)";

class WorkItemsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(office_.Start().ok());
    std::string url = office_.url();
    options_.getenv = [url](const std::string& name) -> std::optional<std::string> {
      return name == "OFFICE_URL" ? std::optional<std::string>(url) : std::nullopt;
    };
  }

  void WriteInbox(int count) {
    for (int i = 1; i <= count; ++i) {
      char name[16];
      std::snprintf(name, sizeof name, "inbox/%02d.txt", i);
      h_.dir().Write(name, name);
    }
  }

  engine::RunOutcome Resume(const std::string& run_id, const std::string& bot_text) {
    return h_.Resume(bot_text, run_id, options_);
  }

  // POSTs the office received at `path`, per document.
  std::map<std::string, int> Posts(const std::string& collection) {
    std::map<std::string, int> per_doc;
    for (const auto& record : office_.Records(collection))
      ++per_doc[record.value("doc", std::string("?"))];
    return per_doc;
  }
  size_t Requests(const std::string& path) {
    size_t n = 0;
    for (const auto& request : office_.Received())
      n += request.method == "POST" && request.path == path ? 1 : 0;
    return n;
  }

  void ApproveAll() {
    auto pending = h_.store().ListTasks({.state = store::TaskState::kPending});
    ASSERT_TRUE(pending.has_value());
    for (const auto& task : *pending) {
      store::Decision decision{.approve = true, .actor = "anna"};
      ASSERT_TRUE(h_.store().DecideTask(task.id, decision, DefaultClock().Now()));
    }
  }

  std::vector<store::WorkItem> Items(const std::string& run_id,
                                     const store::ItemFilter& filter = {}) {
    auto items = h_.store().ListWorkItems(run_id, filter);
    EXPECT_TRUE(items.has_value()) << items.error().message();
    return items ? *items : std::vector<store::WorkItem>{};
  }

  mock_office::MockOffice office_;
  BotHarness h_;
  engine::RunOptions options_;
};

TEST_F(WorkItemsTest, AReviewParksItsItemOnlyAndEveryPostGoesOutOnce) {
  WriteInbox(20);
  auto outcome = h_.Run(kIntakeBatchBot, options_);
  ASSERT_EQ(outcome.state, store::RunState::kWaitingReview) << outcome.error << h_.LogText();
  EXPECT_EQ(outcome.waiting_for, "waiting for review of 3 of 20 items (07.txt, 11.txt, 13.txt)");
  // The 15 that need nobody are registered; the three reviews wait side by side.
  EXPECT_EQ(Requests("/api/invoices"), 15u);
  EXPECT_EQ(Requests("/api/reports"), 0u);  // the loop is not over
  auto pending = h_.store().ListTasks({.state = store::TaskState::kPending});
  ASSERT_TRUE(pending.has_value());
  ASSERT_EQ(pending->size(), 3u);
  EXPECT_EQ(Items(outcome.run_id, {.state = store::ItemState::kWaitingReview}).size(), 3u);

  // A resume before any decision waits again and sends nothing.
  ASSERT_TRUE(
      h_.store()
          .Transition(outcome.run_id, store::RunState::kWaitingReview, store::RunState::kQueued)
          .ok());
  EXPECT_EQ(Resume(outcome.run_id, kIntakeBatchBot).state, store::RunState::kWaitingReview);
  EXPECT_EQ(Requests("/api/invoices"), 15u);

  ApproveAll();
  auto resumed = Resume(outcome.run_id, kIntakeBatchBot);
  ASSERT_EQ(resumed.state, store::RunState::kSucceeded) << resumed.error << h_.LogText();
  EXPECT_EQ(Requests("/api/invoices"), 18u);
  for (const auto& [doc, posts] : Posts("invoices"))
    EXPECT_EQ(posts, 1) << doc;
  EXPECT_EQ(Posts("invoices").size(), 18u);
  auto reports = office_.Records("reports");
  ASSERT_EQ(reports.size(), 1u);
  EXPECT_EQ(reports[0]["succeeded"], 18);
  EXPECT_EQ(reports[0]["failed"], 2);
  EXPECT_EQ(reports[0]["count"], 20);

  auto failed = Items(outcome.run_id, {.state = store::ItemState::kFailed});
  ASSERT_EQ(failed.size(), 2u);
  EXPECT_EQ(failed[0].key, "05.txt");
  EXPECT_EQ(failed[0].error, "unreadable scan 05.txt");
  EXPECT_EQ(failed[1].key, "17.txt");
  EXPECT_FALSE(failed[1].finished_at.empty());
  auto all = Items(outcome.run_id);
  ASSERT_EQ(all.size(), 20u);
  EXPECT_EQ(all[6].key, "07.txt");
  EXPECT_EQ(all[6].state, store::ItemState::kSucceeded);
  EXPECT_EQ(all[6].attempts, 3);  // parked, parked again, then done
  EXPECT_EQ(all[0].attempts, 1);  // done at once, never run again
  EXPECT_EQ(all[0].output["post"]["status"], 201);
}

TEST_F(WorkItemsTest, MaxFailuresFailsTheLoopOnlyWhenExceeded) {
  WriteInbox(20);
  for (const char* limit : {"\"5%\"", "2"}) {  // 2 of 20 failing is 10%
    std::string bot = kIntakeBatchBot;
    bot.replace(bot.find("    key: "), 0, std::string("    max_failures: ") + limit + "\n");
    auto outcome = h_.Run(bot, options_);
    // The failures are all known only once the reviews are done.
    ASSERT_EQ(outcome.state, store::RunState::kWaitingReview) << outcome.error;
    ApproveAll();
    auto resumed = Resume(outcome.run_id, bot);
    if (std::string(limit) == "2") {
      EXPECT_EQ(resumed.state, store::RunState::kSucceeded) << resumed.error;
    } else {
      EXPECT_EQ(resumed.state, store::RunState::kFailed);
      EXPECT_EQ(resumed.error, "2 of 20 items failed, more than max_failures 5% allows");
      EXPECT_EQ(Requests("/api/reports"), 0u);
    }
  }
  EXPECT_EQ(Requests("/api/reports"), 1u);
}

TEST_F(WorkItemsTest, AStopStepEndsItsItemSuccessfullyWithTheOutcome) {
  WriteInbox(3);
  const char* bot = R"(bot: stopper
env: [OFFICE_URL]
steps:
  - id: docs
    uses: file.list
    with: { dir: inbox, pattern: "*.txt" }
  - id: each
    foreach: "${{ steps.docs.files }}"
    as: doc
    items: true
    steps:
      - if: "${{ doc.name == '02.txt' }}"
        uses: stop
        with: { outcome: skipped, reason: not an application }
      - uses: http.request
        with: { method: POST, url: "${{ env.OFFICE_URL }}/api/invoices", json: { doc: "${{ doc.name }}" } }
)";
  auto outcome = h_.Run(bot, options_);
  ASSERT_EQ(outcome.state, store::RunState::kSucceeded) << outcome.error << h_.LogText();
  EXPECT_EQ(Requests("/api/invoices"), 2u);
  EXPECT_EQ(Posts("invoices").count("02.txt"), 0u);
  auto items = Items(outcome.run_id);
  ASSERT_EQ(items.size(), 3u);
  EXPECT_EQ(items[1].key, "inbox/02.txt");  // a file is named by its path
  EXPECT_EQ(items[1].state, store::ItemState::kSucceeded);
  EXPECT_EQ(items[1].outcome, "skipped: not an application");
  EXPECT_TRUE(items[0].outcome.empty());
}

TEST_F(WorkItemsTest, AStopStepOutsideItemsEndsTheRunSuccessfullyUnhandled) {
  const char* bot = R"(bot: early
env: [OFFICE_URL]
steps:
  - uses: http.request
    with: { method: POST, url: "${{ env.OFFICE_URL }}/api/notes", json: { doc: first } }
  - uses: stop
    with: { outcome: duplicate, reason: already registered }
  - uses: http.request
    with: { method: POST, url: "${{ env.OFFICE_URL }}/api/invoices", json: { doc: never } }
on_error:
  - uses: http.request
    with: { method: POST, url: "${{ env.OFFICE_URL }}/api/failures", json: { doc: handler } }
)";
  auto outcome = h_.Run(bot, options_);
  ASSERT_EQ(outcome.state, store::RunState::kSucceeded) << outcome.error;
  EXPECT_EQ(outcome.outcome, "duplicate: already registered");
  EXPECT_EQ(Requests("/api/notes"), 1u);
  EXPECT_EQ(Requests("/api/invoices"), 0u);
  EXPECT_EQ(Requests("/api/failures"), 0u);  // not a failure: no handler
}

TEST_F(WorkItemsTest, TheLoaderChecksTheItemKeys) {
  lang::LoadOptions load;
  load.actions = &actions::ActionCatalog();
  auto bad = lang::LoadBotText(R"(bot: bad
steps:
  - foreach: "${{ {1, 2} }}"
    key: "${{ item }}"
    max_failures: "often"
    steps:
      - uses: log
        with: { message: hi }
  - uses: log
    items: true
    with: { message: hi }
)",
                               "bot.yaml", load);
  ASSERT_FALSE(bad.ok());
  ASSERT_EQ(bad.errors.size(), 4u) << ::testing::PrintToString(bad.errors);
  EXPECT_EQ(bad.errors[0], "bot.yaml:4:10: 'key' names a work item: it needs 'items: true'");
  EXPECT_EQ(bad.errors[1],
            "bot.yaml:5:19: 'max_failures' counts failed work items: it needs 'items: true'");
  EXPECT_EQ(bad.errors[2],
            "bot.yaml:5:19: 'max_failures' must be a count (3) or a percentage of the items "
            "(\"10%\"), not 'often'");
  EXPECT_EQ(bad.errors[3], "bot.yaml:10:12: 'items' belongs to a 'foreach' step");
}

// A person empties the dead-letter queue once the backend is back: only the
// failed item runs again, with a new idempotency key (the backend would
// answer the old one with its old answer), and the report after the loop is
// made again with the new counts.
TEST_F(WorkItemsTest, RetrySendsOnlyTheFailedItemsBackToWork) {
  WriteInbox(4);
  const char* bot = R"(bot: retried
env: [OFFICE_URL]
steps:
  - id: docs
    uses: file.list
    with: { dir: inbox, pattern: "*.txt" }
  - id: each
    foreach: "${{ steps.docs.files }}"
    as: doc
    items: true
    key: "${{ doc.name }}"
    steps:
      - uses: http.request
        with:
          method: POST
          url: "${{ env.OFFICE_URL }}/api/invoices"
          json: { doc: "${{ doc.name }}" }
          expect: [201]
  - uses: http.request
    with:
      method: POST
      url: "${{ env.OFFICE_URL }}/api/reports"
      json: { succeeded: "${{ steps.each.succeeded }}", failed: "${{ steps.each.failed }}" }
)";
  office_.FailNext(1, 503);  // the first document meets a backend that is down
  auto outcome = h_.Run(bot, options_);
  ASSERT_EQ(outcome.state, store::RunState::kSucceeded) << outcome.error << h_.LogText();
  ASSERT_EQ(Items(outcome.run_id, {.state = store::ItemState::kFailed}).size(), 1u);

  std::optional<lang::Bot> loaded = h_.Load(bot);
  ASSERT_TRUE(loaded);
  engine::RunOptions options = h_.Fill(options_);
  auto retried = engine::RetryItems(*loaded, outcome.run_id, {}, options);
  ASSERT_TRUE(retried) << retried.error().message();
  ASSERT_EQ(retried->state, store::RunState::kSucceeded) << retried->error << h_.LogText();

  EXPECT_EQ(Requests("/api/invoices"), 5u);  // four, and the failed one once more
  EXPECT_EQ(Posts("invoices"), (std::map<std::string, int>{
                                   {"01.txt", 1}, {"02.txt", 1}, {"03.txt", 1}, {"04.txt", 1}}));
  std::vector<std::string> keys_of_01;
  for (const auto& request : office_.Received()) {
    if (request.path == "/api/invoices" && request.body.find("01.txt") != std::string::npos)
      keys_of_01.push_back(request.headers.at("idempotency-key"));
  }
  ASSERT_EQ(keys_of_01.size(), 2u);
  EXPECT_NE(keys_of_01[0], keys_of_01[1]);
  auto reports = office_.Records("reports");
  ASSERT_EQ(reports.size(), 2u);
  EXPECT_EQ(reports[1]["succeeded"], 4);
  EXPECT_EQ(reports[1]["failed"], 0);
  auto items = Items(outcome.run_id);
  EXPECT_EQ(items[0].retries, 1);
  EXPECT_EQ(items[0].state, store::ItemState::kSucceeded);
  EXPECT_EQ(items[1].retries, 0);

  auto nothing = engine::RetryItems(*loaded, outcome.run_id, {}, options);
  ASSERT_FALSE(nothing);
  EXPECT_EQ(nothing.error().message(), "no failed work items to retry");
  auto unknown = engine::RetryItems(*loaded, outcome.run_id, {"99.txt"}, options);
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().message(), "no work item '99.txt' (see travet runs items)");
  // A named item is done again even when it succeeded.
  auto again = engine::RetryItems(*loaded, outcome.run_id, {"03.txt"}, options);
  ASSERT_TRUE(again) << again.error().message();
  EXPECT_EQ(Requests("/api/invoices"), 6u);
}

// Items of a loop inside another loop: the retried item runs again, and so do
// the steps after its loop in that iteration and the steps after the outer
// loop; the other iteration is restored as it was.
TEST_F(WorkItemsTest, RetryReachesItemsOfALoopInsideAnotherLoop) {
  WriteInbox(4);
  const char* bot = R"(bot: nested-retry
env: [OFFICE_URL]
steps:
  - id: groups
    foreach: "${{ { {'01.txt', '02.txt'}, {'03.txt', '04.txt'} } }}"
    as: group
    steps:
      - id: each
        foreach: "${{ group }}"
        as: doc
        items: true
        steps:
          - uses: http.request
            with:
              method: POST
              url: "${{ env.OFFICE_URL }}/api/invoices"
              json: { doc: "${{ doc }}" }
              expect: [201]
      - uses: http.request
        with:
          method: POST
          url: "${{ env.OFFICE_URL }}/api/tallies"
          json: { first: "${{ group[1] }}", failed: "${{ steps.each.failed }}" }
  - uses: http.request
    with: { method: POST, url: "${{ env.OFFICE_URL }}/api/reports", json: { doc: all } }
)";
  auto outcome = h_.Run(bot, options_);
  ASSERT_EQ(outcome.state, store::RunState::kSucceeded) << outcome.error << h_.LogText();
  std::optional<lang::Bot> loaded = h_.Load(bot);
  ASSERT_TRUE(loaded);
  engine::RunOptions options = h_.Fill(options_);
  // 04.txt (the second item of the second group) is sent back by name.
  auto retried = engine::RetryItems(*loaded, outcome.run_id, {"04.txt"}, options);
  ASSERT_TRUE(retried) << retried.error().message();
  ASSERT_EQ(retried->state, store::RunState::kSucceeded) << retried->error << h_.LogText();
  EXPECT_EQ(Posts("invoices"), (std::map<std::string, int>{
                                   {"01.txt", 1}, {"02.txt", 1}, {"03.txt", 1}, {"04.txt", 2}}));
  auto tallies = office_.Records("tallies");
  ASSERT_EQ(tallies.size(), 3u);  // both groups, then the second group again
  EXPECT_EQ(tallies[2]["first"], "03.txt");
  EXPECT_EQ(Requests("/api/reports"), 2u);
  auto items = Items(outcome.run_id);
  ASSERT_EQ(items.size(), 4u);
  EXPECT_EQ(items[3].loop_path, "groups[1].each");
  EXPECT_EQ(items[3].retries, 1);
  EXPECT_EQ(items[2].retries, 0);
}

TEST_F(WorkItemsTest, RetryRefusesItemsInsideAFinishedItemAndLoopsTheBotLacks) {
  std::optional<lang::Bot> bot = h_.Load(R"(bot: items-in-items
steps:
  - id: outer
    foreach: "${{ {1, 2} }}"
    items: true
    steps:
      - id: each
        foreach: "${{ {1, 2} }}"
        as: n
        items: true
        steps:
          - uses: log
            with: { message: "${{ n }}" }
)");
  ASSERT_TRUE(bot);
  store::WorkItem inner{
      .loop_path = "outer[1].each", .index = 0, .key = "1", .state = store::ItemState::kFailed};
  auto refused = engine::PlanRetry(*bot, {inner}, {});
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().message(),
            "the items of outer[1].each are inside work item outer[1], which is finished; retry "
            "that item instead");
  store::WorkItem gone{
      .loop_path = "renamed[0].each", .key = "x", .state = store::ItemState::kFailed};
  auto missing = engine::PlanRetry(*bot, {gone}, {});
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().message(),
            "bot items-in-items has no loop renamed[0].each (was the bot changed?)");
}

// An item's output is stored, so it is masked as checkpoints are: no secret
// in the store file, whatever a step of the item returned.
TEST_F(WorkItemsTest, ASecretInAnItemsOutputIsNotStored) {
  WriteInbox(2);
  const std::string secret = "tok-5e4d3c2b1a09";
  auto getenv = options_.getenv;
  options_.getenv = [getenv, secret](const std::string& name) -> std::optional<std::string> {
    return name == "TRAVET_SECRET_TOKEN" ? std::optional<std::string>(secret) : getenv(name);
  };
  const char* bot = R"(bot: masked
secrets: [TOKEN]
steps:
  - id: docs
    uses: file.list
    with: { dir: inbox, pattern: "*.txt" }
  - id: each
    foreach: "${{ steps.docs.files }}"
    as: doc
    items: true
    key: "${{ doc.name }}-${{ secrets.TOKEN }}"
    steps:
      - id: header
        uses: script
        with: { lua: "return { value = 'Bearer ' .. secrets.TOKEN, doc = doc.name }" }
)";
  auto outcome = h_.Run(bot, options_);
  ASSERT_EQ(outcome.state, store::RunState::kSucceeded) << outcome.error << h_.LogText();
  auto items = Items(outcome.run_id);
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0].output["header"]["value"], "Bearer ***");
  EXPECT_EQ(items[0].output["header"]["doc"], "01.txt");
  EXPECT_EQ(items[0].key, "01.txt-***");
  std::string db = ReadFile(h_.store_path()) + ReadFile(h_.store_path() + "-wal");
  EXPECT_EQ(db.find(secret), std::string::npos) << "the secret is in the SQLite file";
}

// The store refuses one checkpoint (a real SQLite trigger stands in for a
// full disk): the run must stop there and fail, not go on to the next POST
// with a record a resume would not find.
TEST_F(WorkItemsTest, ACheckpointTheStoreRefusesFailsTheRunThere) {
  const char* bot = R"(bot: refused
env: [OFFICE_URL]
steps:
  - id: note
    uses: http.request
    with: { method: POST, url: "${{ env.OFFICE_URL }}/api/notes", json: { doc: first } }
  - id: post
    uses: http.request
    with: { method: POST, url: "${{ env.OFFICE_URL }}/api/invoices", json: { doc: second } }
on_error:
  - uses: http.request
    with: { method: POST, url: "${{ env.OFFICE_URL }}/api/failures", json: { doc: handler } }
)";
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(h_.store_path().c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db,
                         "CREATE TRIGGER refuse BEFORE INSERT ON checkpoints "
                         "WHEN NEW.step_path = 'note' BEGIN "
                         "SELECT RAISE(ABORT, 'disk quota exceeded'); END;",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  auto outcome = h_.Run(bot, options_);
  EXPECT_EQ(outcome.state, store::RunState::kFailed);
  EXPECT_NE(outcome.error.find("the checkpoint of note could not be saved: "), std::string::npos)
      << outcome.error;
  EXPECT_NE(outcome.error.find("disk quota exceeded"), std::string::npos) << outcome.error;
  EXPECT_EQ(Requests("/api/notes"), 1u);
  EXPECT_EQ(Requests("/api/invoices"), 0u);
  EXPECT_EQ(Requests("/api/failures"), 0u);
  EXPECT_EQ(h_.store().GetRun(outcome.run_id)->state, store::RunState::kFailed);
}

// A document submitted twice — again in a later batch, or twice in one —
// is registered once with `unique: true`; a document whose item failed is
// free for a later run to try again.
constexpr const char* kUniqueBot = R"(bot: unique-intake
env: [OFFICE_URL, FAIL_DOC]
steps:
  - id: docs
    uses: file.list
    with: { dir: inbox, pattern: "*.txt" }
  - id: each
    foreach: "${{ steps.docs.files }}"
    as: doc
    items: true
    unique: true
    key: "${{ doc.name }}"
    steps:
      - if: "${{ doc.name == env.FAIL_DOC }}"
        uses: fail
        with: { message: "unreadable scan ${{ doc.name }}" }
      - uses: http.request
        with:
          method: POST
          url: "${{ env.OFFICE_URL }}/api/invoices"
          json: { doc: "${{ doc.name }}" }
)";

TEST_F(WorkItemsTest, AUniqueKeyIsProcessedOnceOverRuns) {
  std::string url = office_.url(), fail_doc = "03.txt";
  options_.getenv = [&url, &fail_doc](const std::string& name) -> std::optional<std::string> {
    if (name == "OFFICE_URL")
      return url;
    return name == "FAIL_DOC" ? std::optional<std::string>(fail_doc) : std::nullopt;
  };
  WriteInbox(5);
  auto first = h_.Run(kUniqueBot, options_);
  ASSERT_EQ(first.state, store::RunState::kSucceeded) << first.error << h_.LogText();
  EXPECT_EQ(Requests("/api/invoices"), 4u);

  // The same inbox again, with two new scans, once 03 can be read.
  fail_doc = "none";
  WriteInbox(7);
  auto second = h_.Run(kUniqueBot, options_);
  ASSERT_EQ(second.state, store::RunState::kSucceeded) << second.error << h_.LogText();
  EXPECT_EQ(Requests("/api/invoices"), 7u);
  for (const auto& [doc, posts] : Posts("invoices"))
    EXPECT_EQ(posts, 1) << doc;
  EXPECT_EQ(Posts("invoices").size(), 7u);
  std::vector<store::WorkItem> items = Items(second.run_id);
  ASSERT_EQ(items.size(), 7u);
  EXPECT_EQ(items[0].state, store::ItemState::kSucceeded);
  EXPECT_EQ(items[0].outcome,
            "duplicate: 01.txt was processed by run " + first.run_id + " (each[0])");
  EXPECT_EQ(items[2].outcome, "");  // 03 failed in the first run: this run did it
  EXPECT_EQ(items[5].outcome, "");
  EXPECT_NE(h_.LogText().find("duplicate: 05.txt"), std::string::npos);

  // A third run finds every key taken and sends nothing.
  auto third = h_.Run(kUniqueBot, options_);
  ASSERT_EQ(third.state, store::RunState::kSucceeded) << third.error;
  EXPECT_EQ(Requests("/api/invoices"), 7u);
  EXPECT_EQ(Items(third.run_id)[2].outcome,
            "duplicate: 03.txt was processed by run " + second.run_id + " (each[2])");
}

TEST_F(WorkItemsTest, AKeyTwiceInOneBatchIsProcessedOnce) {
  const char* bot = R"(bot: twice
env: [OFFICE_URL]
steps:
  - id: each
    foreach: [A-1, B-2, A-1]
    as: doc
    items: true
    unique: true
    steps:
      - uses: http.request
        with:
          method: POST
          url: "${{ env.OFFICE_URL }}/api/invoices"
          json: { doc: "${{ doc }}" }
)";
  auto outcome = h_.Run(bot, options_);
  ASSERT_EQ(outcome.state, store::RunState::kSucceeded) << outcome.error << h_.LogText();
  EXPECT_EQ(Requests("/api/invoices"), 2u);
  std::vector<store::WorkItem> items = Items(outcome.run_id);
  ASSERT_EQ(items.size(), 3u);
  EXPECT_EQ(items[2].outcome, "duplicate: A-1 was processed by item each[0] of this run");
  // Without `unique` the same list posts three times.
  std::string plain = bot;
  plain.erase(plain.find("    unique: true\n"), 17);
  ASSERT_EQ(h_.Run(plain, options_).state, store::RunState::kSucceeded);
  EXPECT_EQ(Requests("/api/invoices"), 5u);
}

TEST_F(WorkItemsTest, UniqueNeedsItems) {
  lang::LoadOptions load;
  load.actions = &actions::ActionCatalog();
  auto bad = lang::LoadBotText(R"(bot: bad
steps:
  - foreach: [a]
    unique: true
    steps:
      - uses: log
        with: { message: hi }
)",
                               "bot.yaml", load);
  ASSERT_EQ(bad.errors.size(), 1u) << ::testing::PrintToString(bad.errors);
  EXPECT_EQ(bad.errors[0],
            "bot.yaml:4:13: 'unique' is about the keys of work items: it needs 'items: true'");
}

}  // namespace
}  // namespace travet::testing
