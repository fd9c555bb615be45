#include <gtest/gtest.h>

#include <filesystem>

#include "tests/integration/bot_harness.h"

namespace travet::testing {
namespace {

TEST(OnErrorTest, AFailedItemIsMovedAsideAndTheLoopGoesOn) {
  BotHarness h;
  h.dir().Write("inbox/a.json", "{\"total\": 10}");
  h.dir().Write("inbox/b.json", "{not json");
  h.dir().Write("inbox/c.json", "{\"total\": 30}");
  auto outcome = h.Run(R"(bot: sort-inbox
steps:
  - id: docs
    uses: file.list
    with: { dir: inbox, pattern: "*.json" }
  - id: each
    foreach: "${{ steps.docs.files }}"
    as: doc
    steps:
      - id: read
        uses: file.read
        with: { path: "${{ doc.path }}", as: json }
      - uses: file.move
        with: { from: "${{ doc.path }}", to: done/ }
    on_error:
      - uses: log
        with: { message: "${{ doc.name }} failed at ${{ error.step }}: ${{ error.message }}", level: warning }
      - uses: file.move
        with: { from: "${{ doc.path }}", to: failed/ }
)");
  EXPECT_EQ(outcome.state, store::RunState::kSucceeded) << outcome.error << "\n" << h.LogText();
  namespace fs = std::filesystem;
  EXPECT_TRUE(fs::exists(h.dir().path() / "done/a.json"));
  EXPECT_TRUE(fs::exists(h.dir().path() / "done/c.json"));
  EXPECT_TRUE(fs::exists(h.dir().path() / "failed/b.json"));
  EXPECT_FALSE(fs::exists(h.dir().path() / "inbox/b.json"));
  EXPECT_NE(h.LogText().find("warning each[1].on_error.step1: b.json failed at each[1]"),
            std::string::npos)
      << h.LogText();
}

TEST(OnErrorTest, StepHandlerRunsAndBotLevelHandlerSeesTheFailure) {
  BotHarness h;
  auto outcome = h.Run(R"(bot: fails
steps:
  - id: first
    uses: fail
    with: { message: "first broke" }
    on_error:
      - uses: file.write
        with: { path: handled.txt, content: "${{ error.message }}" }
  - uses: fail
    with: { message: "second broke" }
  - uses: file.write
    with: { path: never.txt, content: x }
on_error:
  - uses: file.write
    with: { path: bot-error.txt, content: "${{ error.step }}: ${{ error.message }}" }
)");
  EXPECT_EQ(outcome.state, store::RunState::kFailed);
  EXPECT_EQ(outcome.error, "second broke");
  EXPECT_EQ(h.dir().Read("handled.txt"), "first broke");
  EXPECT_EQ(h.dir().Read("bot-error.txt"), "on_error: second broke");
  EXPECT_FALSE(std::filesystem::exists(h.dir().path() / "never.txt"));
  auto run = h.store().GetRun(outcome.run_id);
  ASSERT_TRUE(run.has_value());
  EXPECT_EQ(run->state, store::RunState::kFailed);
  EXPECT_EQ(run->error, "second broke");
}

TEST(OnErrorTest, ContinueOnErrorRecordsTheFailureAndGoesOn) {
  BotHarness h;
  auto outcome = h.Run(R"(bot: goes-on
steps:
  - id: broken
    uses: file.read
    continue_on_error: true
    with: { path: missing.txt }
  - uses: file.write
    with: { path: after.txt, content: "${{ steps.broken.error }}" }
)");
  EXPECT_EQ(outcome.state, store::RunState::kSucceeded) << outcome.error;
  EXPECT_NE(h.dir().Read("after.txt").find("missing.txt"), std::string::npos);
  auto checkpoints = h.store().LoadCheckpoints(outcome.run_id);
  ASSERT_TRUE(checkpoints.has_value());
  EXPECT_EQ((*checkpoints)[0].status, store::StepStatus::kFailed);
}

}  // namespace
}  // namespace travet::testing
