#include "runtime/actions/atomic_file.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "runtime/actions/sha256.h"
#include "tests/fakes/immutable.h"
#include "tests/fakes/temp_dir.h"

namespace travet::actions {
namespace {

namespace fs = std::filesystem;
using testing::Immutable;
using testing::ReadFile;

// The names in `dir`, sorted: shows that no temporary file was left behind.
std::vector<std::string> Names(const fs::path& dir) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir)) {
    names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

fs::perms Perms(const fs::path& path) {
  return fs::status(path).permissions() & fs::perms::mask;
}

class AtomicFileTest : public ::testing::Test {
 protected:
  fs::path Path(const std::string& name) const { return dir_.path() / name; }
  testing::TempDir dir_;
};

TEST_F(AtomicFileTest, WritesNewFileWithMode0644) {
  ASSERT_TRUE(WriteFileAtomic(Path("out.txt"), "ciao\n").ok());
  EXPECT_EQ(ReadFile(Path("out.txt")), "ciao\n");
  EXPECT_EQ(Perms(Path("out.txt")), fs::perms(0644));
  EXPECT_EQ(Names(dir_.path()), std::vector<std::string>{"out.txt"});
}

TEST_F(AtomicFileTest, ReplacesFileAndKeepsItsMode) {
  dir_.Write("out.txt", "old content that is longer");
  fs::permissions(Path("out.txt"), fs::perms(0600));
  ASSERT_TRUE(WriteFileAtomic(Path("out.txt"), "new").ok());
  EXPECT_EQ(ReadFile(Path("out.txt")), "new");
  EXPECT_EQ(Perms(Path("out.txt")), fs::perms(0600));
  EXPECT_EQ(Names(dir_.path()), std::vector<std::string>{"out.txt"});
}

TEST_F(AtomicFileTest, WritesEmptyAndBinaryData) {
  ASSERT_TRUE(WriteFileAtomic(Path("empty"), "").ok());
  std::string binary("\0\xff\n\r", 4);
  ASSERT_TRUE(WriteFileAtomic(Path("binary"), binary).ok());
  EXPECT_EQ(ReadFile(Path("empty")), "");
  EXPECT_EQ(ReadFile(Path("binary")), binary);
}

TEST_F(AtomicFileTest, LongNameStillGetsATemporaryFile) {
  std::string name(255, 'n');
  ASSERT_TRUE(WriteFileAtomic(Path(name), "x").ok());
  EXPECT_EQ(Names(dir_.path()), std::vector<std::string>{name});
}

TEST_F(AtomicFileTest, TargetThatIsAFolderFailsAndLeavesNoTemporaryFile) {
  dir_.Write("out/keep.txt", "kept");
  Status status = WriteFileAtomic(Path("out"), "data");
  EXPECT_EQ(status.code(), StatusCode::kIoError);
  EXPECT_EQ(status.message(), "cannot replace '" + Path("out").string() + "': Is a directory");
  EXPECT_EQ(ReadFile(Path("out/keep.txt")), "kept");
  EXPECT_EQ(Names(dir_.path()), std::vector<std::string>{"out"});
}

TEST_F(AtomicFileTest, ParentThatIsAFileFails) {
  dir_.Write("file.txt", "kept");
  Status status = WriteFileAtomic(Path("file.txt/out"), "data");
  EXPECT_EQ(status.message(), "cannot create a temporary file in '" + Path("file.txt").string() +
                                  "': Not a directory");
  EXPECT_EQ(ReadFile(Path("file.txt")), "kept");
  EXPECT_EQ(Names(dir_.path()), std::vector<std::string>{"file.txt"});
}

TEST_F(AtomicFileTest, MissingFolderIsNotFound) {
  Status status = WriteFileAtomic(Path("no/such/out"), "data");
  EXPECT_EQ(status.code(), StatusCode::kNotFound);
  EXPECT_EQ(status.message(), "cannot create a temporary file in '" + Path("no/such").string() +
                                  "': No such file or directory");
}

TEST_F(AtomicFileTest, FailedRenameKeepsOldContentAndRemovesTemporaryFile) {
  dir_.Write("out.txt", "old");
  Immutable immutable(Path("out.txt"));
  if (!immutable.ok())
    GTEST_SKIP() << "no immutable attribute on this file system";
  Status status = WriteFileAtomic(Path("out.txt"), "new");
  EXPECT_EQ(status.message(),
            "cannot replace '" + Path("out.txt").string() + "': Operation not permitted");
  EXPECT_EQ(ReadFile(Path("out.txt")), "old");
  EXPECT_EQ(Names(dir_.path()), std::vector<std::string>{"out.txt"});
}

TEST_F(AtomicFileTest, ReadOnlyFolderFailsBeforeTouchingTheTarget) {
  dir_.Write("in/out.txt", "old");
  Immutable immutable(Path("in"));
  if (!immutable.ok())
    GTEST_SKIP() << "no immutable attribute on this file system";
  Status status = WriteFileAtomic(Path("in/out.txt"), "new");
  EXPECT_EQ(status.message(), "cannot create a temporary file in '" + Path("in").string() +
                                  "': Operation not permitted");
  EXPECT_EQ(ReadFile(Path("in/out.txt")), "old");
  EXPECT_EQ(Names(Path("in")), std::vector<std::string>{"out.txt"});
}

TEST_F(AtomicFileTest, RefuseKeepsAnExistingTarget) {
  dir_.Write("out.txt", "old");
  Status status = WriteFileAtomic(Path("out.txt"), "new", Overwrite::kRefuse);
  EXPECT_EQ(status.code(), StatusCode::kAlreadyExists);
  EXPECT_EQ(status.message(), "'" + Path("out.txt").string() + "' already exists");
  EXPECT_EQ(ReadFile(Path("out.txt")), "old");
  EXPECT_EQ(Names(dir_.path()), std::vector<std::string>{"out.txt"});
  ASSERT_TRUE(WriteFileAtomic(Path("fresh.txt"), "new", Overwrite::kRefuse).ok());
  EXPECT_EQ(ReadFile(Path("fresh.txt")), "new");
}

TEST_F(AtomicFileTest, AppendAddsToTheEndOrCreates) {
  ASSERT_TRUE(AppendFile(Path("log.txt"), "one\n").ok());
  ASSERT_TRUE(AppendFile(Path("log.txt"), "two\n").ok());
  EXPECT_EQ(ReadFile(Path("log.txt")), "one\ntwo\n");
  EXPECT_EQ(Names(dir_.path()), std::vector<std::string>{"log.txt"});
}

TEST_F(AtomicFileTest, CopyKeepsContentAndMode) {
  dir_.Write("a.sh", "#!/bin/sh\n");
  fs::permissions(Path("a.sh"), fs::perms(0750));
  ASSERT_TRUE(CopyFileAtomic(Path("a.sh"), Path("b.sh")).ok());
  EXPECT_EQ(ReadFile(Path("b.sh")), "#!/bin/sh\n");
  EXPECT_EQ(Perms(Path("b.sh")), fs::perms(0750));
  EXPECT_EQ(ReadFile(Path("a.sh")), "#!/bin/sh\n");
}

TEST_F(AtomicFileTest, CopyRefusesFoldersAndMissingSources) {
  fs::create_directory(Path("folder"));
  EXPECT_EQ(CopyFileAtomic(Path("folder"), Path("x")).message(),
            "cannot copy '" + Path("folder").string() + "': it is a folder");
  Status missing = CopyFileAtomic(Path("none"), Path("x"));
  EXPECT_EQ(missing.code(), StatusCode::kNotFound);
  EXPECT_EQ(missing.message(),
            "cannot copy '" + Path("none").string() + "': No such file or directory");
  EXPECT_FALSE(fs::exists(Path("x")));
}

TEST_F(AtomicFileTest, MoveRenamesAndReplaces) {
  dir_.Write("in.pdf", "scan");
  dir_.Write("archive/in.pdf", "older scan");
  auto moved = MoveFile(Path("in.pdf"), Path("archive/in.pdf"));
  ASSERT_TRUE(moved) << moved.error().message();
  EXPECT_FALSE(moved->already_moved);
  EXPECT_FALSE(fs::exists(Path("in.pdf")));
  EXPECT_EQ(ReadFile(Path("archive/in.pdf")), "scan");
}

TEST_F(AtomicFileTest, MoveRepeatedAfterItHappenedSucceeds) {
  dir_.Write("archive/in.pdf", "scan");
  auto moved = MoveFile(Path("in.pdf"), Path("archive/in.pdf"));
  ASSERT_TRUE(moved) << moved.error().message();
  EXPECT_TRUE(moved->already_moved);
  EXPECT_EQ(ReadFile(Path("archive/in.pdf")), "scan");
}

TEST_F(AtomicFileTest, MoveOfMissingSourceWithoutTargetIsNotFound) {
  auto moved = MoveFile(Path("in.pdf"), Path("out.pdf"));
  ASSERT_FALSE(moved);
  EXPECT_EQ(moved.error().code(), StatusCode::kNotFound);
  EXPECT_EQ(moved.error().message(),
            "cannot move '" + Path("in.pdf").string() + "': No such file or directory");
}

TEST_F(AtomicFileTest, MoveRefusesFolders) {
  fs::create_directory(Path("folder"));
  auto moved = MoveFile(Path("folder"), Path("other"));
  ASSERT_FALSE(moved);
  EXPECT_EQ(moved.error().message(),
            "cannot move '" + Path("folder").string() + "': it is a folder");
  EXPECT_TRUE(fs::is_directory(Path("folder")));
}

TEST_F(AtomicFileTest, MoveOntoAFolderKeepsTheSource) {
  dir_.Write("in.pdf", "scan");
  dir_.Write("out/x", "");
  auto moved = MoveFile(Path("in.pdf"), Path("out"));
  ASSERT_FALSE(moved);
  EXPECT_EQ(moved.error().message(), "cannot move '" + Path("in.pdf").string() + "' to '" +
                                         Path("out").string() + "': Is a directory");
  EXPECT_EQ(ReadFile(Path("in.pdf")), "scan");
}

TEST_F(AtomicFileTest, MovesAcrossFileSystems) {
  struct stat here {
  }, shm{};
  if (stat("/dev/shm", &shm) != 0 || stat(dir_.path().c_str(), &here) != 0 ||
      here.st_dev == shm.st_dev || access("/dev/shm", W_OK) != 0) {
    GTEST_SKIP() << "needs /dev/shm on another file system";
  }
  fs::path target = fs::path("/dev/shm") / ("travet-move-" + std::to_string(getpid()));
  dir_.Write("in.pdf", "scan");
  auto moved = MoveFile(Path("in.pdf"), target);
  ASSERT_TRUE(moved) << moved.error().message();
  EXPECT_EQ(ReadFile(target), "scan");
  EXPECT_FALSE(fs::exists(Path("in.pdf")));
  fs::remove(target);
}

TEST_F(AtomicFileTest, RemoveFileTellsWhetherThereWasOne) {
  dir_.Write("a.txt", "x");
  fs::create_directory(Path("folder"));
  EXPECT_TRUE(*RemoveFile(Path("a.txt")));
  EXPECT_FALSE(*RemoveFile(Path("a.txt")));
  auto folder = RemoveFile(Path("folder"));
  ASSERT_FALSE(folder);
  EXPECT_EQ(folder.error().message(),
            "cannot remove '" + Path("folder").string() + "': it is a folder");
}

TEST_F(AtomicFileTest, ReadWholeFileReportsMissingFile) {
  dir_.Write("a.txt", "abc");
  EXPECT_EQ(*ReadWholeFile(Path("a.txt")), "abc");
  auto missing = ReadWholeFile(Path("none"));
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code(), StatusCode::kNotFound);
  EXPECT_EQ(missing.error().message(),
            "cannot read '" + Path("none").string() + "': No such file or directory");
}

// The *At functions work in the folder they were given open: renaming the
// folder's path afterwards (or swapping a symlink in) changes nothing.
TEST_F(AtomicFileTest, AtFunctionsWorkInTheOpenFolderNotItsPath) {
  dir_.Write("in/a.txt", "old");
  int dir = open(Path("in").c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  ASSERT_GE(dir, 0);
  fs::rename(Path("in"), Path("moved"));
  fs::create_directory_symlink("/tmp", Path("in"));
  ASSERT_TRUE(
      WriteFileAtomicAt({.dir = dir, .name = "b.txt", .shown = Path("in/b.txt")}, "b").ok());
  int in = open(Path("moved/a.txt").c_str(), kOpenForReading);
  ASSERT_TRUE(CopyFileAtomicAt(in, Path("in/a.txt"),
                               {.dir = dir, .name = "c.txt", .shown = Path("in/c.txt")})
                  .ok());
  close(in);
  EXPECT_TRUE(*RemoveFileAt({.dir = dir, .name = "a.txt", .shown = Path("in/a.txt")}));
  close(dir);
  EXPECT_EQ(Names(Path("moved")), (std::vector<std::string>{"b.txt", "c.txt"}));
  EXPECT_EQ(ReadFile(Path("moved/c.txt")), "old");
}

TEST(Sha256Test, MatchesKnownDigests) {
  EXPECT_EQ(Sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

}  // namespace
}  // namespace travet::actions
