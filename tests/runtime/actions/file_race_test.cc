// File actions under a symlink swap: another thread exchanges a folder in the
// working folder with a symlink to a folder outside it (renameat2
// RENAME_EXCHANGE) while the actions run. When actions checked a path and then
// used the path string again, two runs of these 12,000 operations read the
// outside file 41 and 310 times, listed the outside folder 483 and 294 times
// and wrote, deleted or left a temporary file outside 150 and 696 times
// (copies of the outside file: 166 and 76 in runs without file.list). Every
// action now works on the descriptors it checked, so none may reach outside.

#include <fcntl.h>
#include <gtest/gtest.h>
#include <stdio.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "ocr/recognise/recognizer.h"
#include "runtime/actions/file_actions.h"
#include "runtime/actions/ocr_actions.h"
#include "runtime/actions/path_guard.h"
#include "tests/fakes/temp_dir.h"

namespace travet::actions {
namespace {

namespace fs = std::filesystem;

constexpr int kRounds = 2000;     // each round runs six operations
constexpr int kOcrRounds = 3000;  // each reads a small blank page
constexpr long kMaxSpin = 20000;  // where in an operation a swap lands
constexpr char kOutside[] = "OUTSIDE";
constexpr char kInside[] = "inside";
// A 64x48 white page, as PNG.
constexpr char kBlankPng[] =
    "\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR\x00\x00\x00\x40\x00\x00\x00\x30\x08\x00\x00"
    "\x00\x00\x84\x20\x23\xc3\x00\x00\x00\x27IDAT\x48\xc7\xed\xcc\x31\x11\x00\x00\x08\x04"
    "\xa0\xd7\xfe\x9d\x35\x84\x9b\x07\x01\xa8\xc9\x4d\x47\x20\x10\x08\x04\x02\x81\x40\x20"
    "\x10\x3c\x0d\x16\x78\xd3\x01\x5f\x31\x23\x5f\xe8\x00\x00\x00\x00IEND\xae\x42\x60\x82";

// Exchanges "work/d" (a folder) and "work/link" (a symlink to ../outside)
// once during each operation, at a random point in it: after Started() it
// spins a random while, swaps, and lets Finished() return. Paced by time
// alone, the swaps mostly met the quick failing operations; this way every
// operation meets one, and about half start on each side.
class Swapper {
 public:
  explicit Swapper(const fs::path& work) : work_(work) {
    thread_ = std::thread([this] { Run(); });
  }
  ~Swapper() {
    stop_ = true;
    thread_.join();
  }
  void Started() { ++started_; }
  void Finished() {
    while (swapped_ != started_)
      std::this_thread::yield();
  }
  long swaps() const { return swaps_; }

 private:
  void Run() {
    int dir = open(work_.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC);
    std::minstd_rand random(42);
    while (!stop_) {
      long started = started_;
      if (started == swapped_) {
        std::this_thread::yield();
        continue;
      }
      for (long spin = static_cast<long>(random() % kMaxSpin); spin > 0; --spin)
        std::atomic_signal_fence(std::memory_order_seq_cst);
      if (renameat2(dir, "d", dir, "link", RENAME_EXCHANGE) == 0)
        ++swaps_;
      swapped_ = started;
    }
    close(dir);
  }

  fs::path work_;
  std::atomic<bool> stop_{false};
  std::atomic<long> started_{0};
  std::atomic<long> swapped_{0};
  std::atomic<long> swaps_{0};
  std::thread thread_;
};

class FileRaceTest : public ::testing::Test {
 protected:
  FileRaceTest() : actions_(FileActions()) {
    for (ActionDef& ocr : OcrActions())
      actions_.push_back(std::move(ocr));
    work_ = dir_.path() / "work";
    outside_ = dir_.path() / "outside";
    dir_.Write("outside/secret.txt", kOutside);
    dir_.Write("outside/victim.txt", kOutside);
    dir_.Write("work/d/secret.txt", kInside);
    dir_.Write("work/in.txt", kInside);
    fs::create_directory_symlink("../outside", work_ / "link");
    ctx_.work_dir = work_;
    ctx_.ocr = &recognizer_;
  }

  // Runs the action `name` with one swap somewhere during it.
  Result<Value> Raced(Swapper& swapper, const std::string& name, const Value& params) {
    auto it = std::find_if(actions_.begin(), actions_.end(),
                           [&](const ActionDef& a) { return a.spec.name == name; });
    swapper.Started();
    Result<Value> result = it->run(params, ctx_);
    swapper.Finished();
    ++operations_;
    succeeded_ += result.has_value();
    return result;
  }

  // Counts and removes what an operation left outside: a written or copied
  // file, a temporary file, a deleted victim.
  int OutsideChanges() {
    int changes = 0;
    for (const fs::directory_entry& entry : fs::directory_iterator(outside_)) {
      std::string name = entry.path().filename().string();
      if (name == "secret.txt" || name == "victim.txt")
        continue;
      ++changes;
      fs::remove(entry.path());
    }
    if (!fs::exists(outside_ / "victim.txt")) {
      ++changes;
      dir_.Write("outside/victim.txt", kOutside);
    }
    return changes;
  }

  // Whether a file.list of "d" shows the outside folder: its files are
  // named as inside, but victim.txt is only outside.
  static bool ListsOutside(const Value& files) {
    return std::any_of(files.begin(), files.end(),
                       [](const Value& file) { return file["name"] == "victim.txt"; });
  }

  testing::TempDir dir_;
  fs::path work_;
  fs::path outside_;
  std::vector<ActionDef> actions_;
  ocr::Recognizer recognizer_{1};
  ActionContext ctx_;
  long operations_ = 0;
  long succeeded_ = 0;
};

TEST_F(FileRaceTest, NoActionReachesOutsideWhileAFolderIsSwappedForASymlink) {
  if (!PathGuard::KernelHasOpenat2())
    GTEST_SKIP() << "without openat2 the guard checks paths, and this race is out of its reach";
  int outside_reads = 0;
  int outside_copies = 0;
  int outside_lists = 0;
  int outside_changes = 0;
  Swapper swapper(work_);
  for (int round = 0; round < kRounds; ++round) {
    auto read = Raced(swapper, "file.read", {{"path", "d/secret.txt"}});
    outside_reads += read && (*read)["content"] == kOutside;
    auto copy = Raced(swapper, "file.copy", {{"from", "d/secret.txt"}, {"to", "copies/c.txt"}});
    outside_copies += copy && dir_.Read("work/copies/c.txt") == kOutside;
    auto list = Raced(swapper, "file.list", {{"dir", "d"}});
    outside_lists += list && ListsOutside((*list)["files"]);
    // Whatever these return, OutsideChanges() sees whether they reached outside.
    static_cast<void>(Raced(swapper, "file.copy", {{"from", "in.txt"}, {"to", "d/copied.txt"}}));
    static_cast<void>(Raced(swapper, "file.write", {{"path", "d/w.txt"}, {"content", "x"}}));
    static_cast<void>(Raced(swapper, "file.delete", {{"path", "d/victim.txt"}}));
    outside_changes += OutsideChanges();
  }
  std::cout << operations_ << " operations, " << swapper.swaps() << " swaps, " << succeeded_
            << " succeeded; outside: " << outside_reads << " reads, " << outside_copies
            << " copies, " << outside_lists << " lists, " << outside_changes
            << " files written, left or deleted\n";
  EXPECT_EQ(outside_reads, 0);
  EXPECT_EQ(outside_copies, 0);
  EXPECT_EQ(outside_lists, 0);
  EXPECT_EQ(outside_changes, 0);
  EXPECT_EQ(swapper.swaps(), operations_);
  EXPECT_GT(succeeded_, operations_ / 10)
      << "almost every operation failed: the test proves nothing";
  EXPECT_EQ(dir_.Read("outside/secret.txt"), kOutside);
}

// ocr.read and ocr.extract read the scan through the descriptor that opening
// it beneath the working folder gave. The outside "scan" is not an image, so
// a read that went outside would say so.
TEST_F(FileRaceTest, OcrReadsNoScanFromOutsideWhileAFolderIsSwapped) {
  if (!PathGuard::KernelHasOpenat2())
    GTEST_SKIP() << "without openat2 the guard checks paths, and this race is out of its reach";
  dir_.Write("work/d/scan.png", std::string(kBlankPng, sizeof kBlankPng - 1));
  dir_.Write("outside/scan.png", kOutside);
  int outside_reads = 0;
  Swapper swapper(work_);
  for (int round = 0; round < kOcrRounds; ++round) {
    auto read = Raced(swapper, "ocr.read",
                      {{"file", "d/scan.png"}, {"lang", "eng"}, {"preprocess", "none"}});
    outside_reads += !read && read.error().message().find("not an image") != std::string::npos;
  }
  std::cout << operations_ << " readings, " << swapper.swaps() << " swaps, " << succeeded_
            << " succeeded; " << outside_reads << " read the outside file\n";
  EXPECT_EQ(outside_reads, 0);
  EXPECT_EQ(swapper.swaps(), operations_);
  EXPECT_GT(succeeded_, operations_ / 10) << "almost every reading failed: the test proves nothing";
}

}  // namespace
}  // namespace travet::actions
