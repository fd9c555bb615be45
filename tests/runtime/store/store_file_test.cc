#include "runtime/store/sqlite/store_file.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "runtime/store/sqlite/sqlite_store.h"
#include "tests/fakes/fake_clock.h"
#include "tests/fakes/immutable.h"
#include "tests/fakes/temp_dir.h"

namespace travet::store {
namespace {

using testing::FakeClock;
using testing::Immutable;
using testing::TempDir;

class StoreFileTest : public ::testing::Test {
 protected:
  std::string path() const { return (dir_.path() / "travet.db").string(); }

  // A store of `runs` runs, closed (its WAL folded back into the file).
  void MakeStore(int runs) {
    auto store = OpenSqliteStore(path(), clock_);
    ASSERT_TRUE(store) << store.error().message();
    for (int i = 0; i < runs; ++i) {
      RunRecord run{.id = "r-" + std::to_string(i), .bot = "b", .bot_file = "b.yaml"};
      run.inputs = {{"note", std::string(500, 'x')}};
      ASSERT_TRUE((*store)->CreateRun(run).ok());
    }
  }

  TempDir dir_;
  FakeClock clock_;
};

// Garbage over a page in the middle of the file: the header and the schema
// (page 1) still read, so only a check of every page finds it.
TEST_F(StoreFileTest, AStoreDamagedInAMiddlePageIsRefusedForWriting) {
  MakeStore(200);
  auto size = std::filesystem::file_size(path());
  ASSERT_GT(size, 40u * 4096);
  {
    std::fstream file(path(), std::ios::in | std::ios::out | std::ios::binary);
    file.seekp(static_cast<std::streamoff>(size / 4096 / 2 * 4096));
    std::string garbage(4096, '\x5a');
    file.write(garbage.data(), static_cast<std::streamsize>(garbage.size()));
  }
  Result<std::unique_ptr<Store>> store = OpenSqliteStore(path(), clock_);
  ASSERT_FALSE(store);
  EXPECT_EQ(store.error().code(), StatusCode::kIoError);
  const std::string& message = store.error().message();
  EXPECT_TRUE(message.starts_with("store " + path() + " is damaged (quick_check: ")) << message;
  EXPECT_TRUE(
      message.ends_with("); nothing was written to it: restore it from a backup, or move "
                        "it away to start a new store there"))
      << message;
  // Reading what is left is still allowed: it is how people find what to save.
  EXPECT_TRUE(OpenSqliteStore(path(), clock_, StoreAccess::kRead));
}

TEST_F(StoreFileTest, AnIntactStoreOpensForWriting) {
  MakeStore(200);
  Result<std::unique_ptr<Store>> store = OpenSqliteStore(path(), clock_);
  ASSERT_TRUE(store) << store.error().message();
  EXPECT_TRUE((*store)->GetRun("r-7"));
}

size_t RunCount(Store& store) {
  auto runs = store.ListRuns({});
  return runs ? runs->size() : 0;
}

// A store someone else owns, or a copy on a read-only share: commands that
// only read still read it.
TEST_F(StoreFileTest, AReadOnlyStoreIsReadByCommandsThatRead) {
  MakeStore(3);
  Immutable file(path());
  if (!file.ok())
    GTEST_SKIP() << "no immutable attribute on this file system";
  auto store = OpenSqliteStore(path(), clock_, StoreAccess::kRead);
  ASSERT_TRUE(store) << store.error().message();
  EXPECT_EQ(RunCount(**store), 3u);
  EXPECT_FALSE(OpenSqliteStore(path(), clock_));  // a command that writes cannot
}

TEST_F(StoreFileTest, AStoreInAReadOnlyFolderIsReadByCommandsThatRead) {
  MakeStore(3);
  Immutable folder(dir_.path());
  if (!folder.ok())
    GTEST_SKIP() << "no immutable attribute on this file system";
  auto store = OpenSqliteStore(path(), clock_, StoreAccess::kRead);
  ASSERT_TRUE(store) << store.error().message();
  EXPECT_EQ(RunCount(**store), 3u);
}

}  // namespace
}  // namespace travet::store
