// A file written whole or not at all, for the generators and the mock office.
#include "runtime/core/atomic_write.h"

#include <gtest/gtest.h>

#include "tests/fakes/temp_dir.h"

namespace travet {
namespace {

TEST(WriteFileAtomicTest, ReplacesTheContentAndLeavesNoTemporaryFile) {
  testing::TempDir dir;
  const auto path = dir.Write("port.txt", "old content, longer than the new one\n");
  ASSERT_TRUE(WriteFileAtomic(path, "8123\n").ok());
  EXPECT_EQ(testing::ReadFile(path), "8123\n");
  EXPECT_FALSE(std::filesystem::exists(TempPathBeside(path)));
}

TEST(WriteFileAtomicTest, AFolderThatIsNotThereIsNamedInTheError) {
  testing::TempDir dir;
  Status s = WriteFileAtomic(dir.path() / "missing" / "x.txt", "x");
  EXPECT_EQ(s.code(), StatusCode::kIoError);
  // The path the caller asked for, not the temporary file beside it.
  EXPECT_EQ(s.message(), "cannot write '" + (dir.path() / "missing" / "x.txt").string() +
                             "': No such file or directory");
}

}  // namespace
}  // namespace travet
