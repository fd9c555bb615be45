// RunBot, ResumeRun and ExecuteClaimedRun at their edges: what they refuse
// before anything runs, and a claimed run that cannot be prepared ending
// failed instead of staying claimed.
#include "runtime/engine/runner.h"

#include <gtest/gtest.h>

#include "runtime/actions/bot_loading.h"
#include "runtime/store/sqlite/sqlite_store.h"
#include "tests/fakes/temp_dir.h"

namespace travet::engine {
namespace {

constexpr const char* kNeedsInputBot = R"(bot: needs-input
inputs:
  count: { type: integer }
secrets: [TOKEN]
steps:
  - uses: set
    with: { n: "${{ inputs.count }}" }
)";

class RunnerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = store::OpenSqliteStore((dir_.path() / "travet.db").string());
    ASSERT_TRUE(store) << store.error().message();
    store_ = std::move(*store);
    auto loaded = actions::LoadBotText(kNeedsInputBot, (dir_.path() / "bot.yaml").string());
    ASSERT_TRUE(loaded.ok()) << ::testing::PrintToString(loaded.errors);
    bot_ = *loaded.bot;
    options_.store = store_.get();
    options_.work_dir = dir_.path();
    options_.getenv = [](const std::string& name) -> std::optional<std::string> {
      return name == "TRAVET_SECRET_TOKEN" ? std::optional<std::string>("t0k") : std::nullopt;
    };
  }

  size_t Runs() {
    auto runs = store_->ListRuns({.limit = 0});
    return runs ? runs->size() : 0;
  }

  testing::TempDir dir_;
  std::unique_ptr<store::Store> store_;
  lang::Bot bot_;
  RunOptions options_;
};

TEST_F(RunnerTest, BadInputsAreRefusedBeforeARunIsRecorded) {
  options_.inputs = {{"count", "many"}};
  auto outcome = RunBot(bot_, options_);
  ASSERT_FALSE(outcome);
  EXPECT_EQ(outcome.error().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(Runs(), 0u);
}

TEST_F(RunnerTest, AResumeNeedsTheSameBotAndARunThatIsNotOver) {
  options_.inputs = {{"count", "3"}};
  auto done = RunBot(bot_, options_);
  ASSERT_TRUE(done) << done.error().message();
  ASSERT_EQ(done->state, store::RunState::kSucceeded) << done->error;
  auto again = ResumeRun(bot_, done->run_id, options_);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().message(), "run " + done->run_id +
                                         " is succeeded; only a queued or waiting run can be "
                                         "resumed");
  lang::Bot other = bot_;
  other.name = "another-bot";
  auto wrong = ResumeRun(other, done->run_id, options_);
  ASSERT_FALSE(wrong);
  EXPECT_EQ(wrong.error().message(),
            "run " + done->run_id + " is a run of needs-input, not of another-bot");
}

TEST_F(RunnerTest, AClaimedRunThatCannotBePreparedEndsFailed) {
  ASSERT_TRUE(store_
                  ->CreateRun({.id = "r-1",
                               .bot = "needs-input",
                               .inputs = {{"count", 2}},
                               .work_dir = dir_.path().string()})
                  .ok());
  auto claimed = store_->ClaimRun("r-1", {.owner = "me", .now = DefaultClock().Now()});
  ASSERT_TRUE(claimed) << claimed.error().message();
  options_.getenv = [](const std::string&) { return std::nullopt; };  // no TOKEN now
  auto outcome = ExecuteClaimedRun(bot_, *claimed, options_);
  ASSERT_FALSE(outcome);
  auto run = store_->GetRun("r-1");
  ASSERT_TRUE(run);
  EXPECT_EQ(run->state, store::RunState::kFailed);  // not claimed again and again
  EXPECT_EQ(run->error, outcome.error().message());
  EXPECT_NE(run->error.find("TOKEN"), std::string::npos) << run->error;
}

}  // namespace
}  // namespace travet::engine
