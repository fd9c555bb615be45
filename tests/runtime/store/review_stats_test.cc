// ReviewStats: counts from a known set of decisions.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/runtime/store/review_fixture.h"

namespace travet::store {
namespace {

using std::chrono::hours;

// "queue/field decided changed sampled_decided sampled_changed".
std::vector<std::string> Rows(const Result<std::vector<FieldStats>>& stats) {
  EXPECT_TRUE(stats) << stats.error().message();
  std::vector<std::string> rows;
  for (const FieldStats& s : *stats) {
    rows.push_back(s.queue + "/" + s.field + " " + std::to_string(s.decided) + " " +
                   std::to_string(s.changed) + " " + std::to_string(s.sampled_decided) + " " +
                   std::to_string(s.sampled_changed));
  }
  return rows;
}

class ReviewStatsTest : public ReviewTasksTest {
 protected:
  void Create(const std::string& id, bool sampled, std::string queue = "accounting",
              int approvals = 1) {
    ReviewTask task = Invoice(id, "step-" + id);
    task.sampled = sampled;
    task.queue = std::move(queue);
    task.approvals_required = approvals;
    ASSERT_TRUE(store_->CreateTask(task).ok());
  }
};

TEST_F(ReviewStatsTest, CountsChangedValuesPerQueueAndField) {
  Create("t-1", false);  // total corrected
  ASSERT_TRUE(Approve("t-1", "anna", {{"total", "1.234,50"}}));
  Create("t-2", true);  // sampled, right
  ASSERT_TRUE(Approve("t-2", "anna"));
  Create("t-3", true, "accounting", 2);  // sampled, number corrected by both approvers
  ASSERT_TRUE(Approve("t-3", "anna", {{"number", "FT-13"}}));
  ASSERT_TRUE(Approve("t-3", "bruno", {{"number", "FT-14"}}));
  Create("t-4", true);  // rejected: not a judgement of the values
  ASSERT_TRUE(store_->DecideTask("t-4", {.approve = false, .actor = "anna", .reason = "duplicate"},
                                 clock_.Now()));
  Create("t-5", false, "payroll");
  ASSERT_TRUE(Approve("t-5", "marco"));
  Create("t-6", true);  // still pending

  EXPECT_EQ(Rows(store_->ReviewStats({})),
            (std::vector<std::string>{"accounting/number 3 1 2 1", "accounting/total 3 1 2 0",
                                      "payroll/number 1 0 0 0", "payroll/total 1 0 0 0"}));
  EXPECT_EQ(Rows(store_->ReviewStats({.queue = "payroll"})),
            (std::vector<std::string>{"payroll/number 1 0 0 0", "payroll/total 1 0 0 0"}));
  EXPECT_TRUE(Rows(store_->ReviewStats({.queue = "nobody"})).empty());
}

TEST_F(ReviewStatsTest, SinceCountsOnlyLaterDecisions) {
  Create("t-1", true);
  ASSERT_TRUE(Approve("t-1", "anna", {{"total", "0,00"}}));
  clock_.Advance(hours(48));
  Create("t-2", true);
  ASSERT_TRUE(Approve("t-2", "anna"));
  EXPECT_EQ(Rows(store_->ReviewStats({.since = At(-hours(1))})),
            (std::vector<std::string>{"accounting/number 1 0 1 0", "accounting/total 1 0 1 0"}));
  EXPECT_EQ(Rows(store_->ReviewStats({.since = At().substr(0, 10)})).size(), 2u);
  EXPECT_EQ(Rows(store_->ReviewStats({.since = At(-hours(49))})),
            (std::vector<std::string>{"accounting/number 2 0 2 0", "accounting/total 2 1 2 1"}));
}

}  // namespace
}  // namespace travet::store
