#include <gtest/gtest.h>

#include <filesystem>

#include "tests/fakes/immutable.h"
#include "tests/fakes/run_travet.h"
#include "tests/fakes/temp_dir.h"

namespace travet::testing {
namespace {

constexpr const char* kStoreBot = R"(bot: hello
steps:
  - uses: log
    with: { message: hi }
)";

// The store of a past run, kept in a folder nobody may write any more.
TEST(StoreCliTest, RunsAreListedFromAReadOnlyStore) {
  TempDir dir;
  dir.Write("hello.yaml", kStoreBot);
  ASSERT_EQ(RunTravet({"run", "hello.yaml"}, dir.path()).exit_code, 0);
  Immutable folder(dir.path());
  if (!folder.ok())
    GTEST_SKIP() << "no immutable attribute on this file system";
  TravetOutput list = RunTravet({"runs", "list"}, dir.path());
  EXPECT_EQ(list.exit_code, 0) << list.err;
  EXPECT_NE(list.out.find(" succeeded "), std::string::npos) << list.out;
  TravetOutput run = RunTravet({"run", "hello.yaml"}, dir.path());
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.err.find("cannot open store travet.db"), std::string::npos) << run.err;
}

}  // namespace
}  // namespace travet::testing
