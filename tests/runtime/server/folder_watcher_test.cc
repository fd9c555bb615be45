// Watched folders on a fake clock, a real folder and a real SQLite store: a
// file is taken once it has settled, moved into .travet/processing/RUN/
// and queued once, even by two servers racing for the same files; filed
// away when its run is over.
#include "runtime/server/folder_watcher.h"

#include <gtest/gtest.h>

#include <fstream>
#include <latch>
#include <mutex>
#include <set>
#include <thread>

#include "runtime/actions/bot_loading.h"
#include "runtime/server/watch_folder.h"
#include "tests/fakes/fake_clock.h"
#include "tests/fakes/temp_dir.h"

namespace travet::server {
namespace {

namespace fs = std::filesystem;
using std::chrono::seconds;
using travet::testing::FakeClock;
using travet::testing::TempDir;

// Takes the PDFs of bots/inbox (relative to the bot's file) after 2 s.
constexpr char kIntakeBot[] = R"(bot: intake
inputs:
  document: { type: path }
  queue: { type: string, default: ap }
triggers:
  - watch: { path: inbox, pattern: "*.pdf", settle: 2s }
steps:
  - id: seen
    uses: set
    with: { file: "${{ inputs.document }}" }
)";

// What the watchers reported, from any thread.
struct WatchOutcomes {
  std::mutex mu;
  std::vector<std::string> lines;
  std::vector<std::string> logged;

  int Count(const std::string& outcome) {
    std::lock_guard lock(mu);
    int n = 0;
    for (const std::string& line : lines) {
      n += line.starts_with(outcome + " ") ? 1 : 0;
    }
    return n;
  }
  WatchTerms Terms(const fs::path& work_dir) {
    return {work_dir,
            [this](const std::string&, const std::string& outcome, const std::string& line) {
              std::lock_guard lock(mu);
              lines.push_back(outcome + " " + line);
            },
            [this](const std::string& line) {
              std::lock_guard lock(mu);
              logged.push_back(line);
            }};
  }
};

class FolderWatcherTest : public ::testing::Test {
 protected:
  FolderWatcherTest() {
    store_ = Open();
    const fs::path file = dir_.Write("bots/intake.yaml", kIntakeBot);
    lang::LoadResult loaded = actions::LoadBot(file.string());
    EXPECT_TRUE(loaded.ok()) << (loaded.errors.empty() ? "" : loaded.errors[0]);
    CatalogEntry entry{"intake", file.string(), nullptr, {}};
    if (loaded.ok()) {
      entry.bot = std::make_shared<const lang::Bot>(std::move(*loaded.bot));
    }
    entries_ = {entry};
    fs::create_directories(Inbox());
  }

  std::unique_ptr<store::Store> Open() {
    auto store = store::OpenStore((dir_.path() / "travet.db").string());
    EXPECT_TRUE(store.has_value()) << store.error().ToString();
    return store ? std::move(*store) : nullptr;
  }

  fs::path Inbox() const { return dir_.path() / "bots/inbox"; }
  fs::path Own(const std::string& which) const { return Inbox() / ".travet" / which; }

  std::unique_ptr<FolderWatcher> Watcher(store::Store& store) {
    auto watcher = std::make_unique<FolderWatcher>(store, clock_, outcomes_.Terms(dir_.path()));
    watcher->Plan(entries_);
    return watcher;
  }

  std::vector<store::RunRecord> Runs() {
    auto runs = store_->ListRuns({.limit = 0});
    EXPECT_TRUE(runs.has_value());
    return runs ? *runs : std::vector<store::RunRecord>{};
  }

  // The files in the folders of `which` (processing, done, failed), as
  // "RUN/NAME".
  std::set<std::string> FilesIn(const std::string& which) const {
    std::set<std::string> files;
    std::error_code ec;
    for (const auto& run : fs::directory_iterator(Own(which), ec)) {
      for (const auto& file : fs::directory_iterator(run.path())) {
        files.insert(run.path().filename().string() + "/" + file.path().filename().string());
      }
    }
    return files;
  }

  // Ticks, then lets `step` of fake time pass, `times` times.
  void TickFor(FolderWatcher& watcher, int times, Millis step = Millis(1000)) {
    for (int i = 0; i < times; ++i) {
      watcher.Tick();
      clock_.Advance(step);
    }
  }

  TempDir dir_;
  FakeClock clock_;
  std::unique_ptr<store::Store> store_;
  std::vector<CatalogEntry> entries_;
  WatchOutcomes outcomes_;
};

void Append(const fs::path& file, const std::string& text) {
  std::ofstream out(file, std::ios::app | std::ios::binary);
  out << text;
}

// A scanner writes scan.pdf a piece each second for 5 s: nothing is taken
// while it grows, nor in the 2 s after the last piece; then it is taken,
// whole, and its run gets its new absolute path.
TEST_F(FolderWatcherTest, AFileWrittenInPiecesIsTakenOnlyOnceItHasSettled) {
  auto watcher = Watcher(*store_);
  const fs::path scan = Inbox() / "scan.pdf";
  for (int piece = 0; piece < 5; ++piece) {
    Append(scan, "%PDF-page" + std::to_string(piece) + "\n");
    TickFor(*watcher, 1);
  }
  watcher->Tick();  // unchanged for 1 s
  clock_.Advance(Millis(999));
  watcher->Tick();
  EXPECT_TRUE(Runs().empty());
  EXPECT_TRUE(fs::exists(scan));
  clock_.Advance(Millis(1));
  watcher->Tick();  // unchanged for 2 s
  const auto runs = Runs();
  ASSERT_EQ(runs.size(), 1u);
  EXPECT_FALSE(fs::exists(scan));
  const fs::path taken = Own("processing") / runs[0].id / "scan.pdf";
  EXPECT_EQ(runs[0].inputs["document"], taken.string());
  EXPECT_EQ(runs[0].inputs["queue"], "ap");
  EXPECT_EQ(runs[0].state, store::RunState::kQueued);
  EXPECT_EQ(travet::testing::ReadFile(taken).size(), 5 * std::string("%PDF-page0\n").size());
  EXPECT_EQ(outcomes_.Count("started"), 1);
  TickFor(*watcher, 5);
  EXPECT_EQ(Runs().size(), 1u);  // taken once
}

TEST_F(FolderWatcherTest, OnlyVisibleRegularFilesMatchingThePatternAreTaken) {
  dir_.Write("bots/inbox/invoice.pdf", "pdf");
  dir_.Write("bots/inbox/notes.txt", "text");
  dir_.Write("bots/inbox/.invoice.pdf.part", "half");
  dir_.Write("bots/inbox/.hidden.pdf", "hidden");
  dir_.Write("bots/inbox/sub/nested.pdf", "nested");
  fs::create_directory(Inbox() / "folder.pdf");
  fs::create_symlink(Inbox() / "notes.txt", Inbox() / "link.pdf");
  auto watcher = Watcher(*store_);
  TickFor(*watcher, 4);
  const auto runs = Runs();
  ASSERT_EQ(runs.size(), 1u);
  EXPECT_EQ(fs::path(runs[0].inputs["document"].get<std::string>()).filename(), "invoice.pdf");
  for (const char* left : {"notes.txt", ".invoice.pdf.part", ".hidden.pdf", "sub/nested.pdf",
                           "folder.pdf", "link.pdf"}) {
    EXPECT_TRUE(fs::exists(fs::symlink_status(Inbox() / left))) << left;
  }
}

// A second scan.pdf arrives while the first one's run is queued: both are
// kept, each under its own run.
TEST_F(FolderWatcherTest, AFileOfTheSameNameArrivingAgainDoesNotOverwriteTheFirst) {
  auto watcher = Watcher(*store_);
  dir_.Write("bots/inbox/scan.pdf", "first");
  TickFor(*watcher, 4);
  dir_.Write("bots/inbox/scan.pdf", "second");
  TickFor(*watcher, 4);
  const auto runs = Runs();
  ASSERT_EQ(runs.size(), 2u);
  std::set<std::string> contents;
  for (const store::RunRecord& run : runs) {
    contents.insert(travet::testing::ReadFile(run.inputs["document"].get<std::string>()));
  }
  EXPECT_EQ(contents, (std::set<std::string>{"first", "second"}));
  EXPECT_EQ(FilesIn("processing").size(), 2u);
}

// Two servers (two watchers, each with its own connection to one store)
// watch one folder; 40 files land in it and both take them at the same time
// from two threads: each file is moved once and queued once.
TEST_F(FolderWatcherTest, TwoServersRacingQueueEachFileExactlyOnce) {
  constexpr int kFiles = 40;
  for (int i = 0; i < kFiles; ++i) {
    dir_.Write("bots/inbox/doc-" + std::to_string(i) + ".pdf", "document " + std::to_string(i));
  }
  auto second_store = Open();
  ASSERT_TRUE(second_store);
  auto first = Watcher(*store_);
  auto second = Watcher(*second_store);
  first->Tick();  // both see every file now...
  second->Tick();
  clock_.Advance(seconds(3));  // ...and settled at the next look
  std::latch start(2);
  auto race = [&start](FolderWatcher& watcher) {
    start.arrive_and_wait();
    for (int i = 0; i < 5; ++i) {
      watcher.Tick();
    }
  };
  std::thread one(race, std::ref(*first));
  std::thread two(race, std::ref(*second));
  one.join();
  two.join();
  const auto runs = Runs();
  ASSERT_EQ(runs.size(), static_cast<size_t>(kFiles));
  EXPECT_EQ(outcomes_.Count("started"), kFiles);
  EXPECT_EQ(outcomes_.Count("failed"), 0) << ::testing::PrintToString(outcomes_.lines);
  std::set<std::string> contents;
  for (const store::RunRecord& run : runs) {
    contents.insert(travet::testing::ReadFile(run.inputs["document"].get<std::string>()));
  }
  EXPECT_EQ(contents.size(), static_cast<size_t>(kFiles));  // none lost, none twice
  EXPECT_EQ(FilesIn("processing").size(), static_cast<size_t>(kFiles));
  auto left = ListWatchedFiles(Inbox(), "*.pdf");
  ASSERT_TRUE(left.has_value());
  EXPECT_TRUE(left->empty());
}

// What decides who owns a file: the move out of the folder. The loser of a
// race finds the file gone and leaves nothing behind; a run folder that
// exists already is never reused.
TEST_F(FolderWatcherTest, TakingAFileThatIsGoneOrAFolderInUseLeavesEverythingAsItWas) {
  dir_.Write("bots/inbox/scan.pdf", "scan");
  ASSERT_TRUE(TakeFile(Inbox(), "scan.pdf", "r-1").ok());
  const Status gone = TakeFile(Inbox(), "scan.pdf", "r-2");
  EXPECT_EQ(gone.code(), StatusCode::kNotFound) << gone.ToString();
  EXPECT_EQ(gone.message(), (Inbox() / "scan.pdf").string() + " is gone");
  EXPECT_FALSE(fs::exists(Own("processing") / "r-2"));
  dir_.Write("bots/inbox/scan.pdf", "another scan");
  const Status in_use = TakeFile(Inbox(), "scan.pdf", "r-1");
  EXPECT_EQ(in_use.code(), StatusCode::kAlreadyExists) << in_use.ToString();
  EXPECT_EQ(travet::testing::ReadFile(Inbox() / "scan.pdf"), "another scan");
  EXPECT_EQ(travet::testing::ReadFile(Own("processing") / "r-1/scan.pdf"), "scan");
}

TEST_F(FolderWatcherTest, AFinishedRunsFileIsFiledAwayByItsOutcome) {
  auto watcher = Watcher(*store_);
  dir_.Write("bots/inbox/paid.pdf", "paid");
  dir_.Write("bots/inbox/torn.pdf", "torn");
  TickFor(*watcher, 4);
  auto runs = Runs();
  ASSERT_EQ(runs.size(), 2u);
  for (const store::RunRecord& run : runs) {
    const bool paid = run.inputs["document"].get<std::string>().ends_with("paid.pdf");
    ASSERT_TRUE(
        store_->Transition(run.id, store::RunState::kQueued, store::RunState::kRunning).ok());
    ASSERT_TRUE(store_
                    ->Transition(run.id, store::RunState::kRunning,
                                 paid ? store::RunState::kSucceeded : store::RunState::kFailed)
                    .ok());
  }
  TickFor(*watcher, 2);
  EXPECT_TRUE(FilesIn("processing").empty());
  ASSERT_EQ(FilesIn("done").size(), 1u);
  EXPECT_TRUE(FilesIn("done").begin()->ends_with("/paid.pdf"));
  ASSERT_EQ(FilesIn("failed").size(), 1u);
  EXPECT_TRUE(FilesIn("failed").begin()->ends_with("/torn.pdf"));
}

// A server stopped between taking a file and queueing its run: the file
// sat in processing/ with no run. Once its folder is older than
// kUnqueuedAfter it goes back into the folder and is taken again, for a run
// that exists; one just taken (a server queueing it right now) stays.
TEST_F(FolderWatcherTest, AFileTakenForARunNeverQueuedIsPutBackAndTakenAgain) {
  const fs::path stale = dir_.Write("bots/inbox/.travet/processing/r-lost/scan.pdf", "scan");
  const fs::path fresh = dir_.Write("bots/inbox/.travet/processing/r-now/other.pdf", "other");
  fs::last_write_time(
      stale.parent_path(),
      fs::file_time_type::clock::now() - FolderWatcher::kUnqueuedAfter - std::chrono::seconds(5));
  auto watcher = Watcher(*store_);
  TickFor(*watcher, 5);
  EXPECT_EQ(FilesIn("processing").count("r-lost/scan.pdf"), 0u);
  EXPECT_EQ(FilesIn("processing").count("r-now/other.pdf"), 1u);
  const auto runs = Runs();
  ASSERT_EQ(runs.size(), 1u);
  EXPECT_TRUE(runs[0].inputs["document"].get<std::string>().ends_with("/scan.pdf"));
  EXPECT_EQ(FilesIn("processing").count(runs[0].id + "/scan.pdf"), 1u);
  bool said = false;
  for (const std::string& line : outcomes_.logged) {
    said = said || line.find("scan.pdf was taken for run r-lost, which was never queued") !=
                       std::string::npos;
  }
  EXPECT_TRUE(said);
}

TEST_F(FolderWatcherTest, AMissingFolderIsReportedOnceAndWatchedOnceItIsThere) {
  fs::remove(Inbox());
  auto watcher = Watcher(*store_);
  TickFor(*watcher, 5);
  ASSERT_EQ(outcomes_.Count("failed"), 1) << ::testing::PrintToString(outcomes_.lines);
  EXPECT_NE(outcomes_.lines[0].find("cannot list " + Inbox().string()), std::string::npos)
      << outcomes_.lines[0];
  dir_.Write("bots/inbox/late.pdf", "late");
  TickFor(*watcher, 4);
  EXPECT_EQ(Runs().size(), 1u);
  EXPECT_EQ(outcomes_.Count("failed"), 1);
  ASSERT_FALSE(outcomes_.logged.empty());
  EXPECT_NE(outcomes_.logged.back().find("can be listed again"), std::string::npos);
}

// A paused trigger leaves its files where they are; once resumed, it takes
// them after they settle anew.
TEST_F(FolderWatcherTest, APausedTriggerTakesNothingUntilItIsResumed) {
  ASSERT_TRUE(store_->PauseTrigger({"intake", "watch#1", "anna", clock_.Now()}).has_value());
  auto watcher = Watcher(*store_);
  dir_.Write("bots/inbox/held.pdf", "held");
  TickFor(*watcher, 6);
  EXPECT_TRUE(Runs().empty());
  EXPECT_TRUE(fs::exists(Inbox() / "held.pdf"));
  ASSERT_TRUE(store_->ResumeTrigger({"intake", "watch#1", "anna", clock_.Now()}).has_value());
  TickFor(*watcher, 4);
  EXPECT_EQ(Runs().size(), 1u);
  EXPECT_FALSE(fs::exists(Inbox() / "held.pdf"));
}

}  // namespace
}  // namespace travet::server
