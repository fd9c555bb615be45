#include "runtime/actions/path_guard.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "tests/fakes/temp_dir.h"

namespace travet::actions {
namespace {

namespace fs = std::filesystem;

// Every test runs with openat2 (where the kernel has it) and with the
// portable check, so both give the same answers.
class PathGuardTest : public ::testing::TestWithParam<SymlinkCheck> {
 protected:
  PathGuardTest() : guard_(dir_.path(), {}, GetParam()) {
    fs::create_directories(root() / "a" / "b");
    dir_.Write("a/b/file.txt", "x");
  }

  const fs::path& root() const { return guard_.root(); }
  void Link(const fs::path& target, const std::string& name) {
    fs::create_symlink(target, root() / name);
  }
  // The message of the error Resolve gives, checking its code.
  std::string Rejection(std::string_view path, StatusCode code = StatusCode::kPermissionDenied) {
    auto result = guard_.Resolve(path);
    if (result)
      return "resolved to " + result->string();
    EXPECT_EQ(result.error().code(), code) << result.error().message();
    return result.error().message();
  }
  fs::path Resolved(std::string_view path) {
    auto result = guard_.Resolve(path);
    EXPECT_TRUE(result) << result.error().message();
    return result ? *result : fs::path();
  }

  testing::TempDir dir_;
  PathGuard guard_;
};

TEST_P(PathGuardTest, RejectsEmptyPath) {
  EXPECT_EQ(Rejection("", StatusCode::kInvalidArgument), "path is empty");
}

TEST_P(PathGuardTest, RejectsDotDot) {
  EXPECT_EQ(Rejection(".."), "path '..' escapes the working folder");
  EXPECT_EQ(Rejection("../x"), "path '../x' escapes the working folder");
  EXPECT_EQ(Rejection("../etc/passwd"), "path '../etc/passwd' escapes the working folder");
  EXPECT_EQ(Rejection("a/../../x"), "path 'a/../../x' escapes the working folder");
  EXPECT_EQ(Rejection("a/b/../../../x"), "path 'a/b/../../../x' escapes the working folder");
  EXPECT_EQ(Rejection("./../x"), "path './../x' escapes the working folder");
}

TEST_P(PathGuardTest, RejectsAbsolutePathOutside) {
  EXPECT_EQ(Rejection("/etc/passwd"), "path '/etc/passwd' is outside the working folder");
  EXPECT_EQ(Rejection("//etc"), "path '//etc' is outside the working folder");
  EXPECT_EQ(Rejection("/"), "path '/' is outside the working folder");
  std::string climbing = root().string() + "/../etc";
  EXPECT_EQ(Rejection(climbing), "path '" + climbing + "' is outside the working folder");
  std::string sibling = root().string() + "-other/x";
  EXPECT_EQ(Rejection(sibling), "path '" + sibling + "' is outside the working folder");
}

TEST_P(PathGuardTest, RejectsUrlEncodedCharacters) {
  EXPECT_EQ(Rejection("%2e%2e/x"), "path '%2e%2e/x' contains an encoded character");
  EXPECT_EQ(Rejection("%2E%2E%2Fx"), "path '%2E%2E%2Fx' contains an encoded character");
  EXPECT_EQ(Rejection("..%2fx"), "path '..%2fx' contains an encoded character");
  EXPECT_EQ(Rejection("a%5c..%5cb"), "path 'a%5c..%5cb' contains an encoded character");
  EXPECT_EQ(Rejection("x%2e%2e"), "path 'x%2e%2e' contains an encoded character");
}

TEST_P(PathGuardTest, KeepsOtherPercentSignsAsText) {
  EXPECT_EQ(Resolved("sconto 20%.txt"), root() / "sconto 20%.txt");
}

TEST_P(PathGuardTest, RejectsNulByte) {
  EXPECT_EQ(Rejection(std::string("a\0/../../x", 10)), "path contains a NUL byte");
  EXPECT_EQ(Rejection(std::string("file.txt\0.pdf", 13)), "path contains a NUL byte");
}

TEST_P(PathGuardTest, RejectsBackslashWithDotDot) {
  EXPECT_EQ(Rejection("..\\x"), "path '..\\x' mixes '..' with a backslash");
  EXPECT_EQ(Rejection("a\\..\\..\\x"), "path 'a\\..\\..\\x' mixes '..' with a backslash");
  EXPECT_EQ(Rejection("a/..\\b"), "path 'a/..\\b' mixes '..' with a backslash");
  EXPECT_EQ(Rejection("x\\.."), "path 'x\\..' mixes '..' with a backslash");
}

TEST_P(PathGuardTest, KeepsBackslashAsAFileNameCharacter) {
  EXPECT_EQ(Resolved("a\\b"), root() / "a\\b");
  EXPECT_EQ(Resolved("C:\\scans"), root() / "C:\\scans");
}

TEST_P(PathGuardTest, RejectsPathLongerThanPathMax) {
  EXPECT_EQ(Rejection(std::string(5000, 'a'), StatusCode::kInvalidArgument),
            "path is 5000 bytes long; the limit is 4095");
}

TEST_P(PathGuardTest, AcceptsPlainRelativePaths) {
  EXPECT_EQ(Resolved("a/b/file.txt"), root() / "a/b/file.txt");
  EXPECT_EQ(Resolved("./a/./b"), root() / "a/b");
  EXPECT_EQ(Resolved("a/b/"), root() / "a/b");
  EXPECT_EQ(Resolved("a//b"), root() / "a/b");
  EXPECT_EQ(Resolved("a/b/../b/file.txt"), root() / "a/b/file.txt");
  EXPECT_EQ(Resolved("."), root());
  EXPECT_EQ(Resolved("a/.."), root());
}

TEST_P(PathGuardTest, AcceptsDotsThatAreNames) {
  EXPECT_EQ(Resolved("..."), root() / "...");
  EXPECT_EQ(Resolved("..x"), root() / "..x");
  EXPECT_EQ(Resolved(".hidden"), root() / ".hidden");
}

TEST_P(PathGuardTest, AcceptsAbsolutePathInside) {
  EXPECT_EQ(Resolved((root() / "a/b/file.txt").string()), root() / "a/b/file.txt");
  EXPECT_EQ(Resolved(root().string() + "/a/../a/b"), root() / "a/b");
  EXPECT_EQ(Resolved(root().string()), root());
}

TEST_P(PathGuardTest, AcceptsMissingTargetUnderExistingFolder) {
  EXPECT_EQ(Resolved("a/b/new.txt"), root() / "a/b/new.txt");
  EXPECT_EQ(Resolved("new/deeper/out.csv"), root() / "new/deeper/out.csv");
}

TEST_P(PathGuardTest, RejectsSymlinkToOutsideFolder) {
  Link("/etc", "etc_link");
  EXPECT_EQ(Rejection("etc_link/passwd"),
            "path 'etc_link/passwd' leaves the working folder through symlink 'etc_link'");
  EXPECT_EQ(Rejection("etc_link"),
            "path 'etc_link' leaves the working folder through symlink 'etc_link'");
  EXPECT_EQ(Rejection("etc_link/new-file"),
            "path 'etc_link/new-file' leaves the working folder through symlink 'etc_link'");
}

TEST_P(PathGuardTest, RejectsSymlinkDeeperInThePath) {
  fs::create_symlink("/etc", root() / "a" / "link");
  EXPECT_EQ(Rejection("a/link/x"),
            "path 'a/link/x' leaves the working folder through symlink 'a/link'");
  EXPECT_EQ(Rejection((root() / "a/link/x").string()),
            "path '" + (root() / "a/link/x").string() +
                "' leaves the working folder through symlink 'a/link'");
}

TEST_P(PathGuardTest, RejectsSymlinkToAFileOutside) {
  Link("/etc/passwd", "pw");
  EXPECT_EQ(Rejection("pw"), "path 'pw' leaves the working folder through symlink 'pw'");
}

TEST_P(PathGuardTest, RejectsSymlinkToParent) {
  Link("..", "up");
  EXPECT_EQ(Rejection("up/x"), "path 'up/x' leaves the working folder through symlink 'up'");
  fs::create_symlink("../../..", root() / "a" / "b" / "up3");
  EXPECT_EQ(Rejection("a/b/up3/x"),
            "path 'a/b/up3/x' leaves the working folder through symlink 'a/b/up3'");
}

TEST_P(PathGuardTest, RejectsSymlinkChainThatEscapes) {
  fs::create_symlink("../../..", root() / "a" / "b" / "out");
  Link("a/b/out", "first");  // first -> a/b/out -> outside
  EXPECT_EQ(Rejection("first/x"),
            "path 'first/x' leaves the working folder through symlink 'first'");
}

TEST_P(PathGuardTest, RejectsDanglingSymlinkThatPointsOutside) {
  Link("/nonexistent/travet/target", "dangling");
  EXPECT_EQ(Rejection("dangling"),
            "path 'dangling' leaves the working folder through symlink 'dangling'");
}

TEST_P(PathGuardTest, RejectsSymlinkLoop) {
  Link("loop2", "loop1");
  Link("loop1", "loop2");
  EXPECT_EQ(Rejection("loop1/x"), "path 'loop1/x' has too many levels of symlinks at 'loop1'");
}

TEST_P(PathGuardTest, AppliesDotDotAfterSymlinkLexically) {
  Link("/etc", "etc_link");
  EXPECT_EQ(Resolved("etc_link/../a"), root() / "a");
  EXPECT_EQ(Rejection("etc_link/../../x"), "path 'etc_link/../../x' escapes the working folder");
}

TEST_P(PathGuardTest, AcceptsSymlinksThatStayInside) {
  Link("a/b", "short");
  fs::create_symlink("../..", root() / "a" / "b" / "top");  // back to the root itself
  EXPECT_EQ(Resolved("short/file.txt"), root() / "short/file.txt");
  EXPECT_EQ(Resolved("a/b/top/a"), root() / "a/b/top/a");
}

TEST_P(PathGuardTest, AllowsExtraRootsForAbsolutePathsOnly) {
  testing::TempDir extra;
  PathGuard guard(dir_.path(), {extra.path()}, GetParam());
  fs::path archive = fs::canonical(extra.path()) / "archive" / "x.pdf";
  auto resolved = guard.Resolve(archive.string());
  ASSERT_TRUE(resolved) << resolved.error().message();
  EXPECT_EQ(*resolved, archive);
  EXPECT_EQ(guard.Display(*resolved), archive.string());
  EXPECT_FALSE(guard.Resolve("/etc/passwd"));
  EXPECT_EQ(*guard.Resolve("x.pdf"), root() / "x.pdf");
}

TEST_P(PathGuardTest, DisplaysPathsRelativeToTheWorkingFolder) {
  EXPECT_EQ(guard_.Display(root() / "a/b/file.txt"), "a/b/file.txt");
  EXPECT_EQ(guard_.Display(root()), ".");
}

TEST_P(PathGuardTest, CanonicalisesTheRoot) {
  fs::create_symlink(dir_.path() / "a", dir_.path() / "alias");
  PathGuard guard(dir_.path() / "alias" / "." / "b", {}, GetParam());
  EXPECT_EQ(guard.root(), root() / "a/b");
  EXPECT_EQ(*guard.Resolve("file.txt"), root() / "a/b/file.txt");
  EXPECT_EQ(guard.Resolve("../x").error().message(), "path '../x' escapes the working folder");
}

TEST_P(PathGuardTest, OpensFilesAndTheFoldersThatHoldThem) {
  auto fd = guard_.Open(Resolved("a/b/file.txt"), O_RDONLY);
  ASSERT_TRUE(fd) << fd.error().message();
  char byte = 0;
  EXPECT_EQ(read(fd->get(), &byte, 1), 1);
  EXPECT_EQ(byte, 'x');
  auto missing = guard_.Open(Resolved("a/none"), O_RDONLY);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code(), StatusCode::kNotFound);
  EXPECT_EQ(missing.error().message(), "cannot open 'a/none': No such file or directory");

  auto parent = guard_.OpenParent(Resolved("a/b/file.txt"));
  ASSERT_TRUE(parent) << parent.error().message();
  EXPECT_EQ(parent->name, "file.txt");
  struct stat st {};
  EXPECT_EQ(fstatat(parent->dir.get(), "file.txt", &st, 0), 0);
  EXPECT_EQ(guard_.OpenParent(Resolved("x/y.txt")).error().code(), StatusCode::kNotFound);
  EXPECT_EQ(guard_.OpenParent(Resolved(".")).error().code(), StatusCode::kFailedPrecondition);
}

TEST_P(PathGuardTest, MakesMissingFoldersForAParent) {
  auto parent = guard_.OpenParent(Resolved("a/new/deeper/x.txt"), /*make_folders=*/true);
  ASSERT_TRUE(parent) << parent.error().message();
  EXPECT_EQ(parent->name, "x.txt");
  EXPECT_TRUE(fs::is_directory(root() / "a/new/deeper"));
  auto through_file = guard_.OpenParent(Resolved("a/b/file.txt/c/x.txt"), true);
  ASSERT_FALSE(through_file);
  EXPECT_EQ(through_file.error().message(),
            "cannot create folder 'a/b/file.txt/c': Not a directory");
}

// What Resolve() checked is looked up again when opened: a folder swapped
// for a symlink leading outside in between is not followed.
TEST(PathGuardOpenTest, SymlinkSwappedInAfterTheCheckIsNotFollowed) {
  if (!PathGuard::KernelHasOpenat2())
    GTEST_SKIP() << "needs openat2";
  testing::TempDir dir;
  dir.Write("outside/secret.txt", "secret");
  dir.Write("work/s/secret.txt", "inside");
  PathGuard guard(dir.path() / "work");
  auto file = guard.Resolve("s/secret.txt");
  auto made = guard.Resolve("s/new/x.txt");
  ASSERT_TRUE(file && made);
  fs::remove_all(guard.root() / "s");
  fs::create_directory_symlink("../outside", guard.root() / "s");

  auto fd = guard.Open(*file, O_RDONLY);
  ASSERT_FALSE(fd);
  EXPECT_EQ(fd.error().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(fd.error().message(),
            "path 's/secret.txt' leaves the working folder through a symlink");
  auto parent = guard.OpenParent(*made, /*make_folders=*/true);
  ASSERT_FALSE(parent);
  EXPECT_EQ(parent.error().message(), "path 's' leaves the working folder through a symlink");
  EXPECT_FALSE(fs::exists(dir.path() / "outside/new"));
}

INSTANTIATE_TEST_SUITE_P(Modes, PathGuardTest,
                         ::testing::Values(SymlinkCheck::kAuto, SymlinkCheck::kPortable),
                         [](const auto& info) {
                           return info.param == SymlinkCheck::kAuto ? "Auto" : "Portable";
                         });

}  // namespace
}  // namespace travet::actions
