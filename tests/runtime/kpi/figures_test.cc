#include "runtime/kpi/figures.h"

#include <gtest/gtest.h>

namespace travet::kpi {
namespace {

using store::ItemState;
using store::KpiAudit;
using store::KpiFacts;
using store::RunState;
using store::TaskState;

TEST(KpiFiguresTest, Median) {
  EXPECT_EQ(Median({}), std::nullopt);
  EXPECT_EQ(Median({3}), 3.0);
  EXPECT_EQ(Median({4, 1, 3}), 3.0);
  EXPECT_EQ(Median({4, 1, 3, 2}), 2.5);
  EXPECT_EQ(Median({10, 10, 1, 1000}), 10.0);
}

TEST(KpiFiguresTest, HoursSaved) {
  EXPECT_EQ(HoursSaved(std::nullopt, 10, {1}), std::nullopt);
  // 4 documents with no person: 60 minutes; reviewed ones save 15 - 5 and
  // nothing (a review longer than the manual work saves nothing, not less).
  EXPECT_DOUBLE_EQ(*HoursSaved(15, 4, {5, 20}), 70.0 / 60);
  EXPECT_DOUBLE_EQ(*HoursSaved(15, 0, {}), 0);
}

KpiAudit Entry(std::string task, std::string time, std::string actor, std::string action,
               std::string field = "") {
  return {std::move(task),  "2026-03-11T" + time + ":00.000Z",
          std::move(actor), std::move(action),
          std::move(field), ""};
}

// Bot "a": r-1 (no items, succeeded, nobody looked), r-2 (items: each[0]
// straight through, each[1] reviewed in 4 minutes with a correction, each[2]
// rejected late and failed, each[3] a duplicate, each[4] not done), r-3 on
// the first of April in Rome; bot "b": r-4, succeeded.
KpiFacts MarchFacts() {
  KpiFacts facts;
  facts.runs = {{"r-1", "a", "", "2026-03-10T08:00:00.000Z", RunState::kSucceeded},
                {"r-2", "a", "", "2026-03-11T08:00:00.000Z", RunState::kSucceeded},
                {"r-4", "b", "", "2026-03-12T08:00:00.000Z", RunState::kSucceeded},
                {"r-3", "a", "", "2026-03-31T22:30:00.000Z", RunState::kRunning}};
  facts.items = {{"r-2", "each[0]", "each", ItemState::kSucceeded, ""},
                 {"r-2", "each[1]", "each", ItemState::kSucceeded, ""},
                 {"r-2", "each[2]", "each", ItemState::kFailed, ""},
                 {"r-2", "each[3]", "each", ItemState::kSucceeded,
                  "duplicate: x.pdf was processed by run r-0 (each[0])"},
                 {"r-2", "each[4]", "each", ItemState::kPending, ""}};
  facts.tasks = {{"t-1",
                  "r-2",
                  "each[1].read",
                  TaskState::kApproved,
                  "2026-03-11T12:00:00.000Z",
                  "2026-03-11T10:04:00.000Z",
                  "",
                  {"number", "total"}},
                 {"t-2",
                  "r-2",
                  "each[2].read",
                  TaskState::kRejected,
                  "2026-03-11T09:00:00.000Z",
                  "2026-03-11T10:30:00.000Z",
                  "",
                  {"number", "total"}}};
  facts.audit = {Entry("t-1", "10:00", "anna", "claim"),
                 Entry("t-1", "10:04", "anna", "correct", "total"),
                 Entry("t-1", "10:04", "anna", "approve"), Entry("t-2", "10:30", "bob", "reject")};
  return facts;
}

TEST(KpiFiguresTest, PerBotAndMonth) {
  Result<std::vector<BotMonth>> months = ComputeKpi(MarchFacts(), {{"a", 15}});
  ASSERT_TRUE(months) << months.error().message();
  ASSERT_EQ(months->size(), 3u);
  const BotMonth& march = (*months)[0];
  EXPECT_EQ(march.bot, "a");
  EXPECT_EQ(march.month, "2026-03");
  EXPECT_EQ(march.runs, 2);
  EXPECT_EQ(march.documents, 4);  // r-1, each[0], each[1], each[2]
  EXPECT_EQ(march.succeeded, 3);
  EXPECT_EQ(march.failed, 1);
  EXPECT_EQ(march.straight_through, 2);
  EXPECT_EQ(march.StraightThroughRate(), 0.5);
  EXPECT_EQ(march.reviewed, 2);
  EXPECT_EQ(march.review_tasks, 2);
  EXPECT_EQ(march.decided_tasks, 2);
  EXPECT_EQ(march.timed_tasks, 1);
  EXPECT_EQ(march.median_operator_seconds, 240.0);
  EXPECT_EQ(march.sla_breaches, 1);
  ASSERT_EQ(march.corrections.size(), 2u);
  EXPECT_EQ(march.corrections[0].field, "number");
  EXPECT_EQ(march.corrections[0].approved, 1);
  EXPECT_EQ(march.corrections[0].corrected, 0);
  EXPECT_EQ(march.corrections[1].field, "total");
  EXPECT_EQ(march.corrections[1].corrected, 1);
  EXPECT_EQ(march.manual_minutes, 15.0);
  // 2 straight through × 15 + each[1]: 15 - 4; the failed one saves nothing.
  EXPECT_DOUBLE_EQ(*march.hours_saved, 41.0 / 60);

  const BotMonth& april = (*months)[1];
  EXPECT_EQ(april.month, "2026-04");
  EXPECT_EQ(april.runs, 1);
  EXPECT_EQ(april.documents, 0);
  EXPECT_EQ(april.StraightThroughRate(), std::nullopt);
  EXPECT_EQ(april.median_operator_seconds, std::nullopt);
  EXPECT_DOUBLE_EQ(*april.hours_saved, 0);

  const BotMonth& other = (*months)[2];
  EXPECT_EQ(other.bot, "b");
  EXPECT_EQ(other.straight_through, 1);
  EXPECT_EQ(other.manual_minutes, std::nullopt);
  EXPECT_EQ(other.hours_saved, std::nullopt);
}

TEST(KpiFiguresTest, AnUntimedDecisionIsChargedTheMonthsMedian) {
  KpiFacts facts;
  facts.runs = {{"r-1", "a", "", "2026-03-10T08:00:00.000Z", RunState::kSucceeded}};
  facts.items = {{"r-1", "each[0]", "each", ItemState::kSucceeded, ""},
                 {"r-1", "each[1]", "each", ItemState::kSucceeded, ""}};
  facts.tasks = {{"t-1", "r-1", "each[0].read", TaskState::kApproved, "", "x", "", {"total"}},
                 {"t-2", "r-1", "each[1].read", TaskState::kApproved, "", "x", "", {"total"}}};
  facts.audit = {Entry("t-1", "10:00", "anna", "claim"), Entry("t-1", "10:06", "anna", "approve"),
                 Entry("t-2", "11:00", "bob", "approve")};
  Result<std::vector<BotMonth>> months = ComputeKpi(facts, {{"a", 10}});
  ASSERT_TRUE(months) << months.error().message();
  ASSERT_EQ(months->size(), 1u);
  EXPECT_EQ((*months)[0].median_operator_seconds, 360.0);
  EXPECT_EQ((*months)[0].timed_tasks, 1);
  EXPECT_DOUBLE_EQ(*(*months)[0].hours_saved, (4.0 + 4.0) / 60);
}

TEST(KpiFiguresTest, InnerItemsAreTheDocuments) {
  KpiFacts facts;
  facts.runs = {{"r-1", "a", "", "2026-03-10T08:00:00.000Z", RunState::kSucceeded}};
  facts.items = {{"r-1", "batch[0]", "batch", ItemState::kSucceeded, ""},
                 {"r-1", "batch[0].rows[0]", "batch[0].rows", ItemState::kSucceeded, ""},
                 {"r-1", "batch[0].rows[1]", "batch[0].rows", ItemState::kFailed, ""},
                 {"r-1", "batch[1]", "batch", ItemState::kSucceeded, ""}};
  Result<std::vector<BotMonth>> months = ComputeKpi(facts, {});
  ASSERT_TRUE(months) << months.error().message();
  EXPECT_EQ((*months)[0].documents, 3);  // batch[0]'s two rows and batch[1]
  EXPECT_EQ((*months)[0].failed, 1);
}

TEST(KpiFiguresTest, ARunWithoutItemsIsOneDocumentOnceFinished) {
  KpiFacts facts;
  facts.runs = {{"r-1", "a", "", "2026-03-10T08:00:00.000Z", RunState::kFailed},
                {"r-2", "a", "", "2026-03-10T09:00:00.000Z", RunState::kCancelled},
                {"r-3", "a", "", "2026-03-10T10:00:00.000Z", RunState::kWaitingReview}};
  facts.tasks = {
      {"t-1", "r-3", "check", TaskState::kExpired, "", "", "2026-03-10T12:00:00.000Z", {}}};
  Result<std::vector<BotMonth>> months = ComputeKpi(facts, {});
  ASSERT_TRUE(months) << months.error().message();
  EXPECT_EQ((*months)[0].runs, 3);
  EXPECT_EQ((*months)[0].documents, 1);
  EXPECT_EQ((*months)[0].failed, 1);
  EXPECT_EQ((*months)[0].review_tasks, 1);
  EXPECT_EQ((*months)[0].decided_tasks, 0);
  EXPECT_EQ((*months)[0].sla_breaches, 1);
}

TEST(KpiFiguresTest, RefusesARunTimeTheStoreDidNotWrite) {
  KpiFacts facts;
  facts.runs = {{"r-1", "a", "", "yesterday", RunState::kFailed}};
  Result<std::vector<BotMonth>> months = ComputeKpi(facts, {});
  ASSERT_FALSE(months);
  EXPECT_EQ(months.error().message(), "run r-1: 'yesterday' is not a time of the store");
}

}  // namespace
}  // namespace travet::kpi
