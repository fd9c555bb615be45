#include "runtime/store/store.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>

#include "tests/fakes/temp_dir.h"

namespace travet::store {
namespace {

using testing::TempDir;

TEST(StoreTest, RunStateNamesRoundTrip) {
  for (RunState state : {RunState::kQueued, RunState::kRunning, RunState::kWaitingReview,
                         RunState::kSucceeded, RunState::kFailed, RunState::kCancelled}) {
    EXPECT_EQ(ParseRunState(RunStateName(state)), state);
  }
  EXPECT_EQ(RunStateName(RunState::kWaitingReview), "waiting_review");
  EXPECT_EQ(ParseRunState("Running"), std::nullopt);
  EXPECT_EQ(ParseRunState(""), std::nullopt);
}

TEST(StoreTest, StepStatusNamesRoundTrip) {
  for (StepStatus status : {StepStatus::kSucceeded, StepStatus::kFailed, StepStatus::kSkipped}) {
    EXPECT_EQ(ParseStepStatus(StepStatusName(status)), status);
  }
  EXPECT_EQ(StepStatusName(StepStatus::kSkipped), "skipped");
  EXPECT_EQ(ParseStepStatus("ok"), std::nullopt);
}

TEST(StoreTest, OnlySucceededFailedCancelledAreFinal) {
  EXPECT_FALSE(IsFinal(RunState::kQueued));
  EXPECT_FALSE(IsFinal(RunState::kRunning));
  EXPECT_FALSE(IsFinal(RunState::kWaitingReview));
  EXPECT_TRUE(IsFinal(RunState::kSucceeded));
  EXPECT_TRUE(IsFinal(RunState::kFailed));
  EXPECT_TRUE(IsFinal(RunState::kCancelled));
}

// Creates a run through a store opened from `url` and checks it landed in
// `expected_file`.
void ExpectUrlOpens(const std::string& url, const std::filesystem::path& expected_file) {
  SCOPED_TRACE(url);
  {
    Result<std::unique_ptr<Store>> store = OpenStore(url);
    ASSERT_TRUE(store) << store.error().message();
    ASSERT_TRUE((*store)->CreateRun({.id = "r-1", .bot = "demo"}).ok());
  }
  EXPECT_TRUE(std::filesystem::exists(expected_file));
  Result<std::unique_ptr<Store>> again = OpenStore(expected_file.string());
  ASSERT_TRUE(again);
  EXPECT_TRUE((*again)->GetRun("r-1"));
}

TEST(StoreTest, OpensAbsoluteSqliteUrl) {
  TempDir dir;
  ExpectUrlOpens("sqlite://" + (dir.path() / "abs.db").string(), dir.path() / "abs.db");
}

TEST(StoreTest, OpensPlainPath) {
  TempDir dir;
  ExpectUrlOpens((dir.path() / "plain.db").string(), dir.path() / "plain.db");
}

// Relative URLs resolve against the working folder, so the test moves there.
class RelativeUrlTest : public ::testing::Test {
 protected:
  void SetUp() override {
    old_ = std::filesystem::current_path();
    std::filesystem::current_path(dir_.path());
  }
  void TearDown() override { std::filesystem::current_path(old_); }

  TempDir dir_;
  std::filesystem::path old_;
};

TEST_F(RelativeUrlTest, OpensSqliteSlashSlashRelativeUrl) {
  std::filesystem::create_directory(dir_.path() / "data");
  ExpectUrlOpens("sqlite://data/rel.db", dir_.path() / "data" / "rel.db");
}

TEST_F(RelativeUrlTest, OpensSqliteColonRelativeUrl) {
  ExpectUrlOpens("sqlite:rel.db", dir_.path() / "rel.db");
}

TEST(StoreTest, RefusesPostgresqlForNow) {
  Result<std::unique_ptr<Store>> store = OpenStore("postgresql://travet@db.example/travet");
  ASSERT_FALSE(store);
  EXPECT_EQ(store.error().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(store.error().message(), "PostgreSQL stores are not available in this build");
}

TEST(StoreTest, RefusesUnknownUrls) {
  for (std::string url : {"mysql://localhost/travet", "http://example.com/x.db", "redis:x",
                          "sqlite://", "sqlite:", ""}) {
    Result<std::unique_ptr<Store>> store = OpenStore(url);
    ASSERT_FALSE(store) << url;
    EXPECT_EQ(store.error().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(store.error().message(),
              "unknown store URL '" + url + "' (use sqlite:///path/to/travet.db)");
  }
}

TEST(StoreTest, MissingFolderIsAClearError) {
  Result<std::unique_ptr<Store>> store = OpenStore("sqlite:///nope/x.db");
  ASSERT_FALSE(store);
  EXPECT_EQ(store.error().message(), "cannot open store /nope/x.db: unable to open database file");
  EXPECT_FALSE(std::filesystem::exists("/nope"));
}

TEST(StoreTest, DefaultUrlComesFromEnvironment) {
  const char* saved = std::getenv("TRAVET_STORE");
  std::string old = saved != nullptr ? saved : "";
  unsetenv("TRAVET_STORE");
  EXPECT_EQ(DefaultStoreUrl(), "sqlite://travet.db");
  setenv("TRAVET_STORE", "sqlite:///var/lib/travet/travet.db", 1);
  EXPECT_EQ(DefaultStoreUrl(), "sqlite:///var/lib/travet/travet.db");
  if (saved != nullptr) {
    setenv("TRAVET_STORE", old.c_str(), 1);
  } else {
    unsetenv("TRAVET_STORE");
  }
}

}  // namespace
}  // namespace travet::store
