// Store::CreateRunOnce on real SQLite files: one run per bot and
// idempotency key within the window, even from two connections at once.
#include <gtest/gtest.h>

#include <atomic>
#include <latch>
#include <set>
#include <thread>

#include "runtime/store/store.h"
#include "tests/fakes/temp_dir.h"

namespace travet::store {
namespace {

using testing::TempDir;

class RunKeysTest : public ::testing::Test {
 protected:
  std::unique_ptr<Store> Open() {
    auto store = OpenStore((dir_.path() / "travet.db").string());
    EXPECT_TRUE(store.has_value()) << store.error().ToString();
    return store ? std::move(*store) : nullptr;
  }

  static RunRecord Run(const std::string& id, const std::string& bot, const std::string& at) {
    return {.id = id, .bot = bot, .created_at = at};
  }

  TempDir dir_;
};

TEST_F(RunKeysTest, AKeyNamesItsFirstRunWithinTheWindow) {
  auto store = Open();
  auto first = store->CreateRunOnce(Run("r-1", "hook", "2026-05-04T10:00:00.000Z"), "k-1",
                                    "2026-05-03T10:00:00.000Z");
  ASSERT_TRUE(first.has_value()) << first.error().ToString();
  EXPECT_EQ(first->id, "r-1");
  EXPECT_EQ(first->state, RunState::kQueued);
  // The same key a while later: the first run, and no new one.
  auto again = store->CreateRunOnce(Run("r-2", "hook", "2026-05-04T18:00:00.000Z"), "k-1",
                                    "2026-05-03T18:00:00.000Z");
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(again->id, "r-1");
  EXPECT_FALSE(store->GetRun("r-2").has_value());
  // Another key, or the same key of another bot: new runs.
  auto other_key = store->CreateRunOnce(Run("r-3", "hook", "2026-05-04T18:00:00.000Z"), "k-2",
                                        "2026-05-03T18:00:00.000Z");
  auto other_bot = store->CreateRunOnce(Run("r-4", "mail", "2026-05-04T18:00:00.000Z"), "k-1",
                                        "2026-05-03T18:00:00.000Z");
  ASSERT_TRUE(other_key.has_value() && other_bot.has_value());
  EXPECT_EQ(other_key->id, "r-3");
  EXPECT_EQ(other_bot->id, "r-4");
  // Once the window has passed the key is free again.
  auto later = store->CreateRunOnce(Run("r-5", "hook", "2026-05-05T10:00:01.000Z"), "k-1",
                                    "2026-05-04T10:00:01.000Z");
  ASSERT_TRUE(later.has_value());
  EXPECT_EQ(later->id, "r-5");
}

TEST_F(RunKeysTest, AnEmptyKeyOrATakenRunIdIsRefused) {
  auto store = Open();
  auto empty = store->CreateRunOnce(Run("r-1", "hook", ""), "", "");
  ASSERT_FALSE(empty.has_value());
  EXPECT_EQ(empty.error().message(), "idempotency key is empty");
  ASSERT_TRUE(store->CreateRun({.id = "r-1", .bot = "hook"}).ok());
  auto taken = store->CreateRunOnce(Run("r-1", "hook", ""), "k-1", "");
  ASSERT_FALSE(taken.has_value());
  EXPECT_EQ(taken.error().code(), StatusCode::kAlreadyExists);
  // Nothing of the refused call holds the key.
  auto next = store->CreateRunOnce(Run("r-2", "hook", ""), "k-1", "");
  ASSERT_TRUE(next.has_value());
  EXPECT_EQ(next->id, "r-2");
}

// Two processes' connections deliver the same webhook call at once, many
// times over: each key starts exactly one run.
TEST_F(RunKeysTest, TwoConnectionsRacingWithOneKeyCreateOneRun) {
  constexpr int kKeys = 25;
  auto first = Open();
  auto second = Open();
  std::latch start(2);
  std::atomic<int> errors{0};
  auto deliver = [&](Store& store, const std::string& side) {
    start.arrive_and_wait();
    for (int i = 0; i < kKeys; ++i) {
      auto run = store.CreateRunOnce(
          Run("r-" + side + "-" + std::to_string(i), "hook", "2026-05-04T10:00:00.000Z"),
          "delivery-" + std::to_string(i), "2026-05-03T10:00:00.000Z");
      errors += run.has_value() ? 0 : 1;
    }
  };
  std::thread a(deliver, std::ref(*first), "a");
  std::thread b(deliver, std::ref(*second), "b");
  a.join();
  b.join();
  EXPECT_EQ(errors.load(), 0);
  auto runs = first->ListRuns({.limit = 0});
  ASSERT_TRUE(runs.has_value());
  EXPECT_EQ(runs->size(), static_cast<size_t>(kKeys));
}

}  // namespace
}  // namespace travet::store
