// Two `travet serve` processes on one store watch one folder: each file that
// lands in it is taken by one of them and run exactly once, and ends in
// .travet/done/ with nothing left behind.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <string>
#include <thread>

#include "runtime/store/store.h"
#include "tests/fakes/background_travet.h"
#include "tests/fakes/temp_dir.h"

namespace travet::testing {
namespace {

namespace fs = std::filesystem;

constexpr int kFiles = 40;

constexpr char kInboxBot[] = R"(bot: inbox
inputs:
  doc: { type: path }
triggers:
  - watch: { path: inbox, pattern: "*.txt", settle: 300ms }
steps:
  - id: noted
    uses: set
    with: { doc: "${{ inputs.doc }}" }
)";

class WatchRaceTest : public ::testing::Test {
 protected:
  WatchRaceTest() {
    dir_.Write("bots/inbox.yaml", kInboxBot);
    fs::create_directories(dir_.path() / "bots/inbox");
  }

  std::vector<std::string> Serve() const {
    return {"serve",     "--listen", "127.0.0.1:0", "--bots",   "bots",
            "--workers", "1",        "--store",     "travet.db"};
  }

  // The succeeded runs of the bot, by the name of the file each was given.
  std::multimap<std::string, std::string> RunsByFile() const {
    std::multimap<std::string, std::string> runs;
    auto store = store::OpenStore((dir_.path() / "travet.db").string());
    EXPECT_TRUE(store) << store.error().message();
    if (!store) {
      return runs;
    }
    auto listed = (*store)->ListRuns({.limit = 0});
    EXPECT_TRUE(listed);
    for (const store::RunRecord& run : listed ? *listed : std::vector<store::RunRecord>{}) {
      if (run.state == store::RunState::kSucceeded) {
        runs.emplace(fs::path(run.inputs.value("doc", "")).filename().string(), run.id);
      }
    }
    return runs;
  }

  size_t FilesUnder(const std::string& which) const {
    size_t count = 0;
    std::error_code ec;
    for (fs::recursive_directory_iterator it(dir_.path() / "bots/inbox/.travet" / which, ec), end;
         !ec && it != end; it.increment(ec)) {
      count += it->is_regular_file() ? 1 : 0;
    }
    return count;
  }

  TempDir dir_;
};

TEST_F(WatchRaceTest, TwoServersTakeEachFileExactlyOnce) {
  // The store is made by one process before the other opens it.
  BackgroundTravet first(Serve(), dir_, "first");
  ASSERT_GT(first.Port(), 0) << first.Err();
  BackgroundTravet second(Serve(), dir_, "second");
  ASSERT_GT(second.Port(), 0) << second.Err();
  for (int i = 0; i < kFiles; ++i) {
    dir_.Write("bots/inbox/doc-" + std::to_string(i) + ".txt", "document " + std::to_string(i));
  }
  const auto until = std::chrono::steady_clock::now() + 3 * kPatience;
  while (FilesUnder("done") < kFiles && std::chrono::steady_clock::now() < until) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  first.Terminate();
  second.Terminate();
  EXPECT_EQ(first.Exit(), 0) << first.Err();
  EXPECT_EQ(second.Exit(), 0) << second.Err();

  const auto runs = RunsByFile();
  EXPECT_EQ(runs.size(), static_cast<size_t>(kFiles));
  for (int i = 0; i < kFiles; ++i) {
    EXPECT_EQ(runs.count("doc-" + std::to_string(i) + ".txt"), 1u) << "doc-" << i;
  }
  EXPECT_EQ(FilesUnder("done"), static_cast<size_t>(kFiles));
  EXPECT_EQ(FilesUnder("processing"), 0u);
  EXPECT_EQ(FilesUnder("failed"), 0u);
}

}  // namespace
}  // namespace travet::testing
