#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "runtime/store/review_types.h"
#include "runtime/store/sqlite/sqlite_store.h"
#include "runtime/store/store.h"
#include "tests/fakes/fake_clock.h"
#include "tests/fakes/temp_dir.h"

namespace travet::store {

// The default lease of a claim.
inline constexpr Millis kLease = std::chrono::minutes(15);

// A SQLite store in a temp folder holding run r-1, on a FakeClock, with
// helpers for the tests of review tasks.
class ReviewTasksTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Result<std::unique_ptr<Store>> store = OpenSqliteStore(path(), clock_);
    ASSERT_TRUE(store) << store.error().message();
    store_ = std::move(*store);
    ASSERT_TRUE(store_->CreateRun({.id = "r-1", .bot = "invoice-intake"}).ok());
  }

  std::string path() const { return (dir_.path() / "travet.db").string(); }
  std::string At(Millis later = Millis(0)) const { return FormatRfc3339(clock_.Now() + later); }

  // A task of run r-1 with two fields the bot read.
  static ReviewTask Invoice(std::string id, std::string step = "each[0].checked") {
    ReviewTask task{.id = std::move(id), .run_id = "r-1", .step_path = std::move(step)};
    task.queue = "accounting";
    task.document = "inbox/invoice-1.png";
    task.page = 1;
    task.fields = {
        {"number", {{"value", "FT-12"}, {"raw", "FT-l2"}, {"confidence", 71.5}}},
        {"total", {{"value", "1.234,56"}, {"confidence", 62}, {"box", {10, 20, 80, 14}}}},
    };
    return task;
  }

  // Approves task `id` as `actor` now, with `corrections` when given.
  Result<ReviewTask> Approve(std::string_view id, std::string actor, Value corrections = {}) {
    Decision decision{.approve = true, .actor = std::move(actor)};
    if (!corrections.is_null())
      decision.corrections = std::move(corrections);
    return store_->DecideTask(id, decision, clock_.Now());
  }

  // "action:actor:note" for each audit entry of task `id`, in order.
  std::vector<std::string> Actions(std::string_view id) {
    std::vector<std::string> actions;
    Result<std::vector<AuditEntry>> history = store_->TaskHistory(id);
    EXPECT_TRUE(history) << history.error().message();
    for (const AuditEntry& entry : *history)
      actions.push_back(entry.action + ":" + entry.actor + ":" + entry.note);
    return actions;
  }

  testing::TempDir dir_;
  testing::FakeClock clock_;
  std::unique_ptr<Store> store_;
};

// The ids of `tasks`, in order.
inline std::vector<std::string> Ids(const Result<std::vector<ReviewTask>>& tasks) {
  EXPECT_TRUE(tasks) << tasks.error().message();
  std::vector<std::string> ids;
  for (const ReviewTask& task : *tasks)
    ids.push_back(task.id);
  return ids;
}

}  // namespace travet::store
