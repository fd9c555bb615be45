#include "runtime/store/sqlite/sqlite_store.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "runtime/store/sqlite/connection.h"
#include "runtime/store/sqlite/migrations.h"
#include "tests/fakes/fake_clock.h"
#include "tests/fakes/temp_dir.h"

namespace travet::store {
namespace {

using testing::FakeClock;
using testing::TempDir;

class SqliteStoreTest : public ::testing::Test {
 protected:
  void SetUp() override { store_ = Open(); }

  std::unique_ptr<Store> Open() {
    Result<std::unique_ptr<Store>> store = OpenSqliteStore(path(), clock_);
    EXPECT_TRUE(store) << store.error().message();
    return store ? std::move(*store) : nullptr;
  }
  std::string path() const { return (dir_.path() / "travet.db").string(); }
  std::string Now() const { return FormatRfc3339(clock_.Now()); }

  void Create(const std::string& id, const std::string& bot = "invoice-intake") {
    ASSERT_TRUE(
        store_->CreateRun({.id = id, .bot = bot, .bot_file = "bots/" + bot + ".yaml"}).ok());
  }
  RunState StateOf(std::string_view id) { return store_->GetRun(id)->state; }

  TempDir dir_;
  FakeClock clock_;
  std::unique_ptr<Store> store_;
};

std::vector<std::string> Ids(const std::vector<RunRecord>& runs) {
  std::vector<std::string> ids;
  ids.reserve(runs.size());
  for (const RunRecord& run : runs)
    ids.push_back(run.id);
  return ids;
}

TEST_F(SqliteStoreTest, CreatesAndGetsRun) {
  RunRecord run{.id = "r-1", .bot = "invoice-intake", .bot_file = "bots/invoice-intake.yaml"};
  run.inputs = {{"inbox", "samples/invoices/inbox"}, {"threshold", 85}};
  run.state = RunState::kSucceeded;  // ignored: a new run is queued
  ASSERT_TRUE(store_->CreateRun(run).ok());

  Result<RunRecord> got = store_->GetRun("r-1");
  ASSERT_TRUE(got) << got.error().message();
  EXPECT_EQ(got->bot, "invoice-intake");
  EXPECT_EQ(got->bot_file, "bots/invoice-intake.yaml");
  EXPECT_EQ(got->inputs, run.inputs);
  EXPECT_EQ(got->state, RunState::kQueued);
  EXPECT_EQ(got->created_at, Now());
  EXPECT_EQ(got->started_at, "");
  EXPECT_EQ(got->finished_at, "");
  EXPECT_EQ(got->error, "");
  EXPECT_EQ(got->attempt, 0);
}

TEST_F(SqliteStoreTest, KeepsGivenCreatedAt) {
  ASSERT_TRUE(
      store_->CreateRun({.id = "r-1", .bot = "b", .created_at = "2026-01-02T03:04:05.678Z"}).ok());
  EXPECT_EQ(store_->GetRun("r-1")->created_at, "2026-01-02T03:04:05.678Z");
}

TEST_F(SqliteStoreTest, RefusesDuplicateAndEmptyIds) {
  Create("r-1");
  Status again = store_->CreateRun({.id = "r-1", .bot = "other"});
  EXPECT_EQ(again.code(), StatusCode::kAlreadyExists);
  EXPECT_EQ(again.message(), "run 'r-1' already exists");
  EXPECT_EQ(store_->GetRun("r-1")->bot, "invoice-intake");
  EXPECT_EQ(store_->CreateRun({.bot = "b"}).message(), "run id is empty");
  EXPECT_EQ(store_->CreateRun({.id = "r-2"}).message(), "run r-2 has no bot");
}

TEST_F(SqliteStoreTest, UnknownRunIsNotFound) {
  Result<RunRecord> got = store_->GetRun("r-9");
  ASSERT_FALSE(got);
  EXPECT_EQ(got.error().code(), StatusCode::kNotFound);
  EXPECT_EQ(got.error().message(), "no run 'r-9'");
}

TEST_F(SqliteStoreTest, ListsNewestFirstWithFiltersAndLimit) {
  Create("r-1", "a");
  clock_.Advance(Millis(1000));
  Create("r-2", "b");
  clock_.Advance(Millis(1000));
  Create("r-3", "a");
  Create("r-4", "a");  // same created_at as r-3: order of creation decides
  ASSERT_TRUE(store_->Transition("r-3", RunState::kQueued, RunState::kRunning).ok());

  EXPECT_EQ(Ids(*store_->ListRuns({})), (std::vector<std::string>{"r-4", "r-3", "r-2", "r-1"}));
  EXPECT_EQ(Ids(*store_->ListRuns({.bot = "a"})), (std::vector<std::string>{"r-4", "r-3", "r-1"}));
  EXPECT_EQ(Ids(*store_->ListRuns({.state = RunState::kQueued})),
            (std::vector<std::string>{"r-4", "r-2", "r-1"}));
  EXPECT_EQ(Ids(*store_->ListRuns({.bot = "a", .state = RunState::kQueued})),
            (std::vector<std::string>{"r-4", "r-1"}));
  EXPECT_EQ(Ids(*store_->ListRuns({.limit = 2})), (std::vector<std::string>{"r-4", "r-3"}));
  EXPECT_EQ(store_->ListRuns({.limit = 0})->size(), 4u);
  EXPECT_TRUE(store_->ListRuns({.bot = "zzz"})->empty());
}

TEST_F(SqliteStoreTest, ListsAPeriodPageByPage) {
  Create("r-1", "a");
  const std::string second = (clock_.Advance(Millis(1000)), Now());
  Create("r-2", "a");
  Create("r-3", "b");  // same created_at as r-2
  clock_.Advance(Millis(1000));
  const std::string third = Now();
  Create("r-4", "a");

  EXPECT_EQ(Ids(*store_->ListRuns({.since = second})),
            (std::vector<std::string>{"r-4", "r-3", "r-2"}));
  EXPECT_EQ(Ids(*store_->ListRuns({.until = third})),
            (std::vector<std::string>{"r-3", "r-2", "r-1"}));
  EXPECT_EQ(Ids(*store_->ListRuns({.since = second, .until = third})),
            (std::vector<std::string>{"r-3", "r-2"}));
  // Pages follow on from the last run shown, ties at one time included.
  EXPECT_EQ(Ids(*store_->ListRuns({.before = "r-4", .limit = 2})),
            (std::vector<std::string>{"r-3", "r-2"}));
  EXPECT_EQ(Ids(*store_->ListRuns({.before = "r-3", .limit = 2})),
            (std::vector<std::string>{"r-2", "r-1"}));
  EXPECT_EQ(Ids(*store_->ListRuns({.bot = "a", .before = "r-3"})),
            (std::vector<std::string>{"r-2", "r-1"}));
  EXPECT_TRUE(store_->ListRuns({.before = "r-1"})->empty());
  Result<std::vector<RunRecord>> unknown = store_->ListRuns({.before = "r-9"});
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().message(), "no run 'r-9'");
}

TEST_F(SqliteStoreTest, WalksTheLifecycleAndCountsAttempts) {
  Create("r-1");
  const std::string created = Now();
  clock_.Advance(Millis(1500));
  const std::string started = Now();
  ASSERT_TRUE(store_->Transition("r-1", RunState::kQueued, RunState::kRunning).ok());
  ASSERT_TRUE(store_->Transition("r-1", RunState::kRunning, RunState::kWaitingReview).ok());
  clock_.Advance(Millis(60000));
  ASSERT_TRUE(store_->Transition("r-1", RunState::kWaitingReview, RunState::kRunning).ok());
  clock_.Advance(Millis(250));
  ASSERT_TRUE(store_->Transition("r-1", RunState::kRunning, RunState::kSucceeded).ok());

  RunRecord run = *store_->GetRun("r-1");
  EXPECT_EQ(run.state, RunState::kSucceeded);
  EXPECT_EQ(run.attempt, 2);
  EXPECT_EQ(run.created_at, created);
  EXPECT_EQ(run.started_at, started);  // the first kRunning only
  EXPECT_EQ(run.finished_at, Now());
  EXPECT_EQ(run.error, "");
}

TEST_F(SqliteStoreTest, RecordsTheErrorOfAFailedRun) {
  Create("r-1");
  ASSERT_TRUE(store_->Transition("r-1", RunState::kQueued, RunState::kRunning).ok());
  ASSERT_TRUE(store_
                  ->Transition("r-1", RunState::kRunning, RunState::kFailed,
                               "step post: HTTP 503 from http://127.0.0.1:9/api")
                  .ok());
  RunRecord run = *store_->GetRun("r-1");
  EXPECT_EQ(run.error, "step post: HTTP 503 from http://127.0.0.1:9/api");
  EXPECT_EQ(run.finished_at, Now());
}

TEST_F(SqliteStoreTest, RefusesTransitionFromTheWrongState) {
  Create("r-1");
  Status status = store_->Transition("r-1", RunState::kRunning, RunState::kSucceeded);
  EXPECT_EQ(status.code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(status.message(), "run r-1 is queued, not running");
  EXPECT_EQ(StateOf("r-1"), RunState::kQueued);
}

TEST_F(SqliteStoreTest, RefusesMovesThatAreNotAllowed) {
  Create("r-1");
  Status status = store_->Transition("r-1", RunState::kQueued, RunState::kSucceeded);
  EXPECT_EQ(status.code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(status.message(), "run r-1 cannot go from queued to succeeded");
  EXPECT_EQ(store_->Transition("r-1", RunState::kQueued, RunState::kQueued).message(),
            "run r-1 cannot go from queued to queued");
  EXPECT_EQ(StateOf("r-1"), RunState::kQueued);
}

TEST_F(SqliteStoreTest, AFinalRunNeverMoves) {
  for (RunState final_state : {RunState::kSucceeded, RunState::kFailed, RunState::kCancelled}) {
    std::string id = "r-" + std::string(RunStateName(final_state));
    Create(id);
    ASSERT_TRUE(store_->Transition(id, RunState::kQueued, RunState::kRunning).ok());
    ASSERT_TRUE(store_->Transition(id, RunState::kRunning, final_state).ok());
    std::string name(RunStateName(final_state));
    EXPECT_EQ(store_->Transition(id, RunState::kRunning, RunState::kQueued).message(),
              "run " + id + " is " + name + ", not running");
    for (RunState to : {RunState::kQueued, RunState::kRunning, RunState::kCancelled}) {
      Status status = store_->Transition(id, final_state, to);
      EXPECT_EQ(status.code(), StatusCode::kFailedPrecondition);
      EXPECT_EQ(status.message(), "run " + id + " is " + name + " and can no longer change");
    }
    EXPECT_EQ(StateOf(id), final_state);
    EXPECT_EQ(store_->GetRun(id)->attempt, 1);
  }
}

TEST_F(SqliteStoreTest, TransitionOfUnknownRunIsNotFound) {
  Status status = store_->Transition("r-9", RunState::kQueued, RunState::kRunning);
  EXPECT_EQ(status.code(), StatusCode::kNotFound);
  EXPECT_EQ(status.message(), "no run 'r-9'");
}

TEST_F(SqliteStoreTest, ExactlyOneOfEightThreadsTakesARun) {
  for (int round = 0; round < 20; ++round) {
    std::string id = "r-" + std::to_string(round);
    Create(id);
    std::atomic<int> won = 0;
    std::atomic<int> refused = 0;
    std::vector<std::thread> threads;
    threads.reserve(8);
    for (int t = 0; t < 8; ++t) {
      threads.emplace_back([&] {
        Status status = store_->Transition(id, RunState::kQueued, RunState::kRunning);
        won += status.ok() ? 1 : 0;
        refused += status.message() == "run " + id + " is running, not queued" ? 1 : 0;
      });
    }
    for (std::thread& thread : threads)
      thread.join();
    EXPECT_EQ(won, 1);
    EXPECT_EQ(refused, 7);
    EXPECT_EQ(store_->GetRun(id)->attempt, 1);
  }
}

TEST_F(SqliteStoreTest, ExactlyOneOfTwoStoresOnTheSameFileTakesARun) {
  std::unique_ptr<Store> other = Open();
  ASSERT_NE(other, nullptr);
  for (int round = 0; round < 30; ++round) {
    std::string id = "r-" + std::to_string(round);
    Create(id);
    std::atomic<int> won = 0;
    auto take = [&](Store* store) {
      // Both also write checkpoints meanwhile, so the file's lock is busy.
      for (int i = 0; i < 5; ++i) {
        EXPECT_TRUE(store->SaveCheckpoint(id, {.step_path = "s" + std::to_string(i)}).ok());
      }
      if (store->Transition(id, RunState::kQueued, RunState::kRunning).ok())
        ++won;
    };
    std::thread first(take, store_.get());
    std::thread second(take, other.get());
    first.join();
    second.join();
    EXPECT_EQ(won, 1);
    EXPECT_EQ(other->GetRun(id)->attempt, 1);
  }
}

TEST_F(SqliteStoreTest, SavesReplacesAndLoadsCheckpointsInOrderOfSaving) {
  Create("r-1");
  ASSERT_TRUE(store_->SaveCheckpoint("r-1", {.step_path = "docs", .output = {{"files", 3}}}).ok());
  ASSERT_TRUE(store_->SaveCheckpoint("r-1", {.step_path = "each[0].read"}).ok());
  ASSERT_TRUE(store_
                  ->SaveCheckpoint("r-1", {.step_path = "each[0].post",
                                           .status = StepStatus::kFailed,
                                           .attempts = 4,
                                           .duration_ms = 1234,
                                           .error = "HTTP 503"})
                  .ok());
  ASSERT_TRUE(store_->SaveCheckpoint("r-1", {.step_path = "each[1].read"}).ok());
  // each[0].post ran again after a resume: the new result replaces the old.
  ASSERT_TRUE(
      store_
          ->SaveCheckpoint(
              "r-1", {.step_path = "each[0].post", .output = {{"status", 201}}, .duration_ms = 80})
          .ok());

  Result<std::vector<Checkpoint>> loaded = store_->LoadCheckpoints("r-1");
  ASSERT_TRUE(loaded) << loaded.error().message();
  std::vector<std::string> paths;
  for (const Checkpoint& cp : *loaded)
    paths.push_back(cp.step_path);
  EXPECT_EQ(paths,
            (std::vector<std::string>{"docs", "each[0].read", "each[1].read", "each[0].post"}));
  EXPECT_EQ((*loaded)[0].output, Value({{"files", 3}}));
  const Checkpoint& post = (*loaded)[3];
  EXPECT_EQ(post.output, Value({{"status", 201}}));
  EXPECT_EQ(post.status, StepStatus::kSucceeded);
  EXPECT_EQ(post.attempts, 1);
  EXPECT_EQ(post.duration_ms, 80);
  EXPECT_EQ(post.error, "");
}

TEST_F(SqliteStoreTest, KeepsEveryFieldOfAFailedCheckpoint) {
  Create("r-1");
  ASSERT_TRUE(store_
                  ->SaveCheckpoint("r-1", {.step_path = "post",
                                           .status = StepStatus::kFailed,
                                           .attempts = 4,
                                           .duration_ms = 1234,
                                           .error = "HTTP 503"})
                  .ok());
  Checkpoint cp = store_->LoadCheckpoints("r-1")->at(0);
  EXPECT_EQ(cp.output, Value());
  EXPECT_EQ(cp.status, StepStatus::kFailed);
  EXPECT_EQ(cp.attempts, 4);
  EXPECT_EQ(cp.duration_ms, 1234);
  EXPECT_EQ(cp.error, "HTTP 503");
}

TEST_F(SqliteStoreTest, SavesABatchOfCheckpointsAllOrNothing) {
  Create("r-1");
  ASSERT_TRUE(store_->SaveCheckpoints("r-1", {{.step_path = "a"}, {.step_path = "b"}}).ok());
  EXPECT_EQ(store_->LoadCheckpoints("r-1")->size(), 2u);
  // One bad checkpoint rolls the whole batch back.
  Status bad = store_->SaveCheckpoints("r-1", {{.step_path = "c"}, {}});
  EXPECT_EQ(bad.message(), "checkpoint of run r-1 has no step path");
  EXPECT_EQ(store_->LoadCheckpoints("r-1")->size(), 2u);
  EXPECT_EQ(store_->SaveCheckpoints("r-9", {{.step_path = "a"}}).message(), "no run 'r-9'");
}

TEST_F(SqliteStoreTest, CheckpointsAndEventsNeedAnExistingRun) {
  Status saved = store_->SaveCheckpoint("r-9", {.step_path = "a"});
  EXPECT_EQ(saved.code(), StatusCode::kNotFound);
  EXPECT_EQ(saved.message(), "no run 'r-9'");
  Status appended = store_->AppendEvent("r-9", {.level = "info", .message = "hello"});
  EXPECT_EQ(appended.code(), StatusCode::kNotFound);
  EXPECT_EQ(appended.message(), "no run 'r-9'");
  EXPECT_TRUE(store_->LoadCheckpoints("r-9")->empty());
  EXPECT_TRUE(store_->LoadEvents("r-9")->empty());
  Create("r-1");
  EXPECT_EQ(store_->SaveCheckpoint("r-1", {}).message(), "checkpoint of run r-1 has no step path");
}

TEST_F(SqliteStoreTest, AppendsAndReadsEventsInOrder) {
  Create("r-1");
  Create("r-2");
  ASSERT_TRUE(store_->AppendEvent("r-1", {.level = "info", .message = "started"}).ok());
  ASSERT_TRUE(store_->AppendEvent("r-2", {.level = "info", .message = "other run"}).ok());
  clock_.Advance(Millis(5));
  ASSERT_TRUE(store_
                  ->AppendEvent("r-1", {.time = "2026-01-01T00:00:00.000Z",
                                        .level = "warning",
                                        .step_path = "each[2].read",
                                        .message = "field total below 85"})
                  .ok());
  ASSERT_TRUE(store_->AppendEvent("r-1", {.level = "error", .message = "done"}).ok());

  std::vector<Event> events = *store_->LoadEvents("r-1");
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[0].message, "started");
  EXPECT_EQ(events[1].message, "field total below 85");
  EXPECT_EQ(events[1].level, "warning");
  EXPECT_EQ(events[1].step_path, "each[2].read");
  EXPECT_EQ(events[1].time, "2026-01-01T00:00:00.000Z");  // a given time is kept
  EXPECT_EQ(events[2].message, "done");
  EXPECT_EQ(events[2].time, Now());
  EXPECT_LT(events[0].seq, events[1].seq);
  EXPECT_LT(events[1].seq, events[2].seq);
  EXPECT_EQ(store_->LoadEvents("r-2")->size(), 1u);
}

TEST_F(SqliteStoreTest, EverythingSurvivesReopening) {
  Create("r-1");
  ASSERT_TRUE(store_->Transition("r-1", RunState::kQueued, RunState::kRunning).ok());
  ASSERT_TRUE(store_->SaveCheckpoint("r-1", {.step_path = "a", .output = {1, 2, 3}}).ok());
  ASSERT_TRUE(store_->AppendEvent("r-1", {.level = "info", .message = "m"}).ok());
  store_.reset();

  store_ = Open();
  ASSERT_NE(store_, nullptr);
  EXPECT_EQ(StateOf("r-1"), RunState::kRunning);
  EXPECT_EQ(store_->LoadCheckpoints("r-1")->at(0).output, Value({1, 2, 3}));
  EXPECT_EQ(store_->LoadEvents("r-1")->at(0).message, "m");
}

TEST_F(SqliteStoreTest, UnicodeJsonRoundTrips) {
  Value inputs = {{"fornitore", "Caffè Torinese S.r.l."},
                  {"note", "Totale € 1.234,56 — ✓ 日本語 🧾"},
                  {"città", {"Torino", "Aosta"}},
                  {"control", "tab\there \"quoted\" \\ nul?"}};
  ASSERT_TRUE(store_->CreateRun({.id = "r-€", .bot = "b", .inputs = inputs}).ok());
  EXPECT_EQ(store_->GetRun("r-€")->inputs, inputs);
  ASSERT_TRUE(store_->SaveCheckpoint("r-€", {.step_path = "each[0].leggi", .output = inputs}).ok());
  EXPECT_EQ(store_->LoadCheckpoints("r-€")->at(0).output, inputs);
}

TEST_F(SqliteStoreTest, InvalidUtf8IsReplacedNotFatal) {
  Create("r-1");
  ASSERT_TRUE(store_->SaveCheckpoint("r-1", {.step_path = "a", .output = "ok\xff"}).ok());
  EXPECT_EQ(store_->LoadCheckpoints("r-1")->at(0).output, Value("ok\xEF\xBF\xBD"));
}

TEST_F(SqliteStoreTest, FileStaysIntactAfterManyWrites) {
  for (int r = 0; r < 20; ++r) {
    std::string id = "r-" + std::to_string(r);
    Create(id);
    ASSERT_TRUE(store_->Transition(id, RunState::kQueued, RunState::kRunning).ok());
    for (int s = 0; s < 100; ++s) {
      Checkpoint cp{.step_path = "each[" + std::to_string(s % 60) + "].post"};
      cp.output = {{"n", s}, {"text", std::string(static_cast<size_t>(s * 10), 'x')}};
      ASSERT_TRUE(store_->SaveCheckpoint(id, cp).ok());
      ASSERT_TRUE(store_->AppendEvent(id, {.level = "info", .message = "step"}).ok());
    }
    ASSERT_TRUE(store_->Transition(id, RunState::kRunning, RunState::kSucceeded).ok());
  }
  store_.reset();
  auto db = sqlite::Connection::Open(path());
  ASSERT_TRUE(db) << db.error().message();
  Result<sqlite::Query> check = (*db)->Prepare("PRAGMA integrity_check");
  ASSERT_TRUE(check);
  ASSERT_TRUE(*check->Step());
  EXPECT_EQ(check->Text(0), "ok");
  store_ = Open();
  EXPECT_EQ(store_->LoadCheckpoints("r-7")->size(), 60u);
  EXPECT_EQ(store_->ListRuns({.state = RunState::kSucceeded, .limit = 0})->size(), 20u);
}

TEST_F(SqliteStoreTest, AFileThatIsNotADatabaseIsAClearError) {
  std::string file = dir_.Write("notes.db", std::string(4096, 'n')).string();
  Result<std::unique_ptr<Store>> store = OpenSqliteStore(file, clock_);
  ASSERT_FALSE(store);
  EXPECT_EQ(store.error().code(), StatusCode::kIoError);
  EXPECT_EQ(store.error().message(), "cannot open store " + file + ": file is not a database");
  EXPECT_EQ(testing::ReadFile(file), std::string(4096, 'n'));
}

// SQLite would make an empty file a new, empty store: a truncated store's
// history would be gone without a word.
TEST_F(SqliteStoreTest, AnEmptyFileIsNotTakenForANewStore) {
  std::string file = dir_.Write("truncated.db", "").string();
  Result<std::unique_ptr<Store>> store = OpenSqliteStore(file, clock_);
  ASSERT_FALSE(store);
  EXPECT_EQ(store.error().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(store.error().message(),
            "store " + file +
                " is an empty file, not a Travet store (was it truncated?); move it away to "
                "start a new store there");
  EXPECT_EQ(std::filesystem::file_size(file), 0u);
  // A path where nothing is yet is a new store, as always.
  EXPECT_TRUE(OpenSqliteStore((dir_.path() / "new.db").string(), clock_));
}

TEST_F(SqliteStoreTest, RefusesAFileFromANewerBuild) {
  store_.reset();
  {
    auto db = sqlite::Connection::Open(path());
    ASSERT_TRUE(db);
    ASSERT_TRUE((*db)->Exec("PRAGMA user_version = 99").ok());
  }
  Result<std::unique_ptr<Store>> store = OpenSqliteStore(path(), clock_);
  ASSERT_FALSE(store);
  EXPECT_EQ(store.error().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(store.error().message(), "store " + path() +
                                         " has schema version 99; this build knows up to " +
                                         std::to_string(sqlite::Migrations().size()));
}

}  // namespace
}  // namespace travet::store
