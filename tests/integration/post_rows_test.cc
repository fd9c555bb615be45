#include <gtest/gtest.h>

#include "tests/fakes/fake_clock.h"
#include "tests/integration/bot_harness.h"
#include "tools/mock_office/mock_office.h"

namespace travet::testing {
namespace {

constexpr const char* kPostRowsBot = R"(bot: post-rows
env: [OFFICE_URL]
steps:
  - id: rows
    uses: file.read
    with: { path: rows.csv, as: csv }
  - id: each
    foreach: "${{ steps.rows.content }}"
    as: row
    steps:
      - id: post
        uses: http.request
        retry: { attempts: 5, delay: 2s, backoff: exponential }
        with:
          method: POST
          url: "${{ env.OFFICE_URL }}/api/invoices"
          json: { number: "${{ row.number }}", total: "${{ row.total }}" }
          expect: [201]
)";

class PostRowsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(office_.Start().ok());
    h_.dir().Write("rows.csv", "number,total\nA-1,10.00\nA-2,20.50\nA-3,30.25\n");
    options_.clock = &clock_;
    std::string url = office_.url();
    options_.getenv = [url](const std::string& name) -> std::optional<std::string> {
      if (name == "OFFICE_URL")
        return url;
      return std::nullopt;
    };
  }

  mock_office::MockOffice office_;
  BotHarness h_;
  FakeClock clock_;
  engine::RunOptions options_;
};

TEST_F(PostRowsTest, RetriesThrough503sWithoutDuplicates) {
  office_.FailNext(3, 503);
  auto outcome = h_.Run(kPostRowsBot, options_);
  ASSERT_EQ(outcome.state, store::RunState::kSucceeded) << outcome.error << "\n" << h_.LogText();
  auto records = office_.Records("invoices");
  ASSERT_EQ(records.size(), 3u);
  EXPECT_EQ(records[0]["number"], "A-1");
  EXPECT_EQ(records[2]["total"], "30.25");
  // 2s, 4s, 8s: exponential backoff through three 503s on the first row.
  EXPECT_EQ(clock_.sleeps(), (std::vector<Millis>{Millis(2000), Millis(4000), Millis(8000)}));
  auto checkpoints = h_.store().LoadCheckpoints(outcome.run_id);
  ASSERT_TRUE(checkpoints.has_value());
  ASSERT_EQ(checkpoints->size(), 4u);
  EXPECT_EQ((*checkpoints)[1].step_path, "each[0].post");
  EXPECT_EQ((*checkpoints)[1].attempts, 4);
  EXPECT_EQ((*checkpoints)[3].step_path, "each[2].post");
}

TEST_F(PostRowsTest, EveryAttemptOfAStepSendsTheSameIdempotencyKey) {
  office_.FailNext(2, 502);
  auto outcome = h_.Run(kPostRowsBot, options_);
  ASSERT_EQ(outcome.state, store::RunState::kSucceeded) << outcome.error;
  auto received = office_.Received();
  ASSERT_EQ(received.size(), 5u);
  std::string key = outcome.run_id + ":each[0].post";
  for (int i = 0; i < 3; ++i)
    EXPECT_EQ(received[i].headers["idempotency-key"], key);
  EXPECT_EQ(received[3].headers["idempotency-key"], outcome.run_id + ":each[1].post");
}

TEST_F(PostRowsTest, GivesUpAfterTheLastAttempt) {
  office_.FailNext(100, 503);
  auto outcome = h_.Run(kPostRowsBot, options_);
  EXPECT_EQ(outcome.state, store::RunState::kFailed);
  EXPECT_EQ(clock_.sleeps().size(), 4u);
  EXPECT_NE(outcome.error.find("HTTP 503"), std::string::npos) << outcome.error;
  EXPECT_TRUE(office_.Records("invoices").empty());
}

TEST_F(PostRowsTest, ClientErrorsAreNotRetried) {
  office_.FailNext(1, 400);
  auto outcome = h_.Run(kPostRowsBot, options_);
  EXPECT_EQ(outcome.state, store::RunState::kFailed);
  EXPECT_TRUE(clock_.sleeps().empty());
  EXPECT_EQ(office_.Received().size(), 1u);
}

}  // namespace
}  // namespace travet::testing
