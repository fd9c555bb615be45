// Pauses of schedules' triggers in the SQLite store: one row per trigger,
// its latest pause; a pause of a paused trigger keeps the first; seen by
// another connection (another process) on the same file.
#include <gtest/gtest.h>

#include "runtime/store/sqlite/sqlite_store.h"
#include "tests/fakes/fake_clock.h"
#include "tests/fakes/temp_dir.h"

namespace travet::store {
namespace {

// Whether a pause or resume changed the trigger (and did not fail).
bool Changed(const Result<bool>& result) {
  EXPECT_TRUE(result) << result.error().message();
  return result && *result;
}

class TriggerPausesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Result<std::unique_ptr<Store>> store = OpenSqliteStore(path(), clock_);
    ASSERT_TRUE(store) << store.error().message();
    store_ = std::move(*store);
  }

  std::string path() const { return (dir_.path() / "travet.db").string(); }
  TriggerChange By(const std::string& user, const std::string& trigger = "cron#1") const {
    return {"payments", trigger, user, clock_.Now()};
  }

  testing::TempDir dir_;
  testing::FakeClock clock_;
  std::unique_ptr<Store> store_;
};

TEST_F(TriggerPausesTest, APauseIsKeptUntilResumedAndTheFirstStays) {
  const std::string paused_at = FormatRfc3339(clock_.Now());
  EXPECT_TRUE(Changed(store_->PauseTrigger(By("anna"))));
  clock_.Advance(std::chrono::minutes(1));
  EXPECT_FALSE(Changed(store_->PauseTrigger(By("bob"))));
  Result<std::vector<TriggerPause>> pauses = store_->ListTriggerPauses("payments");
  ASSERT_TRUE(pauses);
  ASSERT_EQ(pauses->size(), 1u);
  EXPECT_EQ((*pauses)[0].trigger, "cron#1");
  EXPECT_EQ((*pauses)[0].paused_by, "anna");
  EXPECT_EQ((*pauses)[0].paused_at, paused_at);
  EXPECT_EQ((*pauses)[0].resumed_at, "");

  EXPECT_TRUE(Changed(store_->ResumeTrigger(By("bob"))));
  EXPECT_FALSE(Changed(store_->ResumeTrigger(By("bob"))));
  pauses = store_->ListTriggerPauses();
  ASSERT_TRUE(pauses);
  ASSERT_EQ(pauses->size(), 1u);
  EXPECT_EQ((*pauses)[0].resumed_by, "bob");
  EXPECT_EQ((*pauses)[0].resumed_at, FormatRfc3339(clock_.Now()));

  clock_.Advance(std::chrono::minutes(1));
  EXPECT_TRUE(Changed(store_->PauseTrigger(By("carla")))) << "a resumed trigger is paused anew";
  pauses = store_->ListTriggerPauses();
  ASSERT_TRUE(pauses);
  EXPECT_EQ((*pauses)[0].paused_by, "carla");
  EXPECT_EQ((*pauses)[0].resumed_at, "");
}

TEST_F(TriggerPausesTest, PausesAreListedByBotAndSeenByAnotherConnection) {
  ASSERT_TRUE(store_->PauseTrigger(By("anna", "watch#2")).has_value());
  ASSERT_TRUE(store_->PauseTrigger({"intake", "cron#1", "anna", clock_.Now()}).has_value());
  Result<std::unique_ptr<Store>> other = OpenSqliteStore(path(), clock_);
  ASSERT_TRUE(other);
  Result<std::vector<TriggerPause>> all = (*other)->ListTriggerPauses();
  ASSERT_TRUE(all);
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[0].bot, "intake");
  EXPECT_EQ((*all)[1].bot, "payments");
  EXPECT_EQ((*all)[1].trigger, "watch#2");
  Result<std::vector<TriggerPause>> one = (*other)->ListTriggerPauses("intake");
  ASSERT_TRUE(one);
  EXPECT_EQ(one->size(), 1u);
  EXPECT_TRUE(Changed((*other)->ResumeTrigger({"intake", "cron#1", "bob", clock_.Now()})));
  EXPECT_FALSE((*store_->ListTriggerPauses("intake"))[0].resumed_at.empty());
}

TEST_F(TriggerPausesTest, APauseNamesItsBotTriggerAndAuthor) {
  Result<bool> nameless = store_->PauseTrigger({"payments", "cron#1", "", clock_.Now()});
  ASSERT_FALSE(nameless);
  EXPECT_EQ(nameless.error().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(nameless.error().message(),
            "to pause a trigger, name its bot, its key and who does it");
  EXPECT_FALSE(store_->ResumeTrigger({"", "cron#1", "anna", clock_.Now()}));
}

}  // namespace
}  // namespace travet::store
