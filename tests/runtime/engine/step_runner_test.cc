// The StepRunner on its own, over a real SQLite store and a fake clock: what
// it restores instead of running, what it holds back and when it writes, and
// where an interruption stops it.
#include "runtime/engine/step_runner.h"

#include <gtest/gtest.h>

#include "runtime/actions/bot_loading.h"
#include "runtime/actions/http_client.h"
#include "runtime/store/sqlite/sqlite_store.h"
#include "tests/fakes/fake_clock.h"
#include "tests/fakes/temp_dir.h"

namespace travet::engine {
namespace {

class StepRunnerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = store::OpenSqliteStore((dir_.path() / "travet.db").string());
    ASSERT_TRUE(store) << store.error().message();
    store_ = std::move(*store);
    ASSERT_TRUE(store_->CreateRun({.id = "r-1", .bot = "unit"}).ok());
    log_ =
        std::make_unique<RunLog>(*store_, "r-1", std::make_shared<SecretMask>(), clock_,
                                 [this](LogLevel, std::string_view path, std::string_view line) {
                                   lines_.push_back(std::string(path) + ": " + std::string(line));
                                 });
  }

  // The steps of `yaml` (a bot), loaded as `travet validate` loads them.
  std::vector<lang::Step> Steps(const std::string& yaml) {
    lang::LoadResult loaded = actions::LoadBotText(yaml, "unit.yaml");
    EXPECT_TRUE(loaded.ok()) << ::testing::PrintToString(loaded.errors);
    return loaded.ok() ? loaded.bot->steps : std::vector<lang::Step>{};
  }

  StepRunnerDeps Deps() {
    StepRunnerDeps deps;
    deps.run_id = "r-1";
    deps.work_dir = dir_.path();
    deps.store = store_.get();
    deps.clock = &clock_;
    deps.log = log_.get();
    deps.evaluator = &evaluator_;
    deps.http = &http_;
    return deps;
  }

  std::vector<std::string> Saved() {
    auto checkpoints = store_->LoadCheckpoints("r-1");
    EXPECT_TRUE(checkpoints.has_value());
    std::vector<std::string> paths;
    for (const auto& cp : checkpoints ? *checkpoints : std::vector<store::Checkpoint>{})
      paths.push_back(cp.step_path);
    return paths;
  }

  testing::TempDir dir_;
  testing::FakeClock clock_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<RunLog> log_;
  expr::Evaluator evaluator_;
  actions::HttpClient http_;
  RunData data_;
  std::vector<std::string> lines_;
};

TEST_F(StepRunnerTest, ASucceededCheckpointIsRestoredNotRun) {
  auto steps = Steps(R"(bot: unit
steps:
  - id: made
    uses: file.write
    with: { path: out.txt, content: again }
  - id: seen
    uses: set
    with: { path: "${{ steps.made.path }}" }
)");
  StepRunnerDeps deps = Deps();
  deps.done["made"] = {.step_path = "made", .output = {{"path", "from-before.txt"}}};
  StepRunner runner(std::move(deps), data_);
  ASSERT_TRUE(runner.RunBlock(steps, "").ok());
  EXPECT_EQ(runner.steps_run(), 1);  // the set step only
  EXPECT_FALSE(std::filesystem::exists(dir_.path() / "out.txt"));
  EXPECT_EQ(data_.vars["path"], "from-before.txt");
}

TEST_F(StepRunnerTest, AFailedCheckpointIsHandledAgainWithoutRunningTheStep) {
  auto steps = Steps(R"(bot: unit
steps:
  - id: post
    uses: file.write
    with: { path: out.txt, content: again }
    on_error:
      - id: noted
        uses: set
        with: { why: "${{ error.message }}" }
)");
  StepRunnerDeps deps = Deps();
  deps.done["post"] = {.step_path = "post",
                       .output = {{"code", "unavailable"}},
                       .status = store::StepStatus::kFailed,
                       .error = "backend down"};
  StepRunner runner(std::move(deps), data_);
  ASSERT_TRUE(runner.RunBlock(steps, "").ok());  // handled, as the first time
  EXPECT_FALSE(std::filesystem::exists(dir_.path() / "out.txt"));
  EXPECT_EQ(data_.vars["why"], "backend down");
  EXPECT_EQ(runner.steps_run(), 1);  // the handler's step, which had no checkpoint
}

TEST_F(StepRunnerTest, StepsWithoutSideEffectsAreSavedInBatchesAndBeforeOneWithSideEffects) {
  auto steps = Steps(R"(bot: unit
steps:
  - { id: a, uses: set, with: { a: 1 } }
  - { id: b, uses: set, with: { b: 2 } }
)");
  StepRunner runner(Deps(), data_);
  ASSERT_TRUE(runner.RunBlock(steps, "").ok());
  EXPECT_TRUE(Saved().empty());  // held back: losing them only means running them again
  auto more = Steps(R"(bot: unit
steps:
  - { id: c, uses: file.write, with: { path: c.txt, content: c } }
)");
  ASSERT_TRUE(runner.RunBlock(more, "").ok());
  EXPECT_EQ(Saved(), (std::vector<std::string>{"a", "b", "c"}));
}

TEST_F(StepRunnerTest, AnInterruptionStopsBeforeTheNextStepAndIsNotHandled) {
  auto steps = Steps(R"(bot: unit
steps:
  - { id: a, uses: set, with: { a: 1 } }
  - id: b
    uses: file.write
    with: { path: b.txt, content: b }
    continue_on_error: true
)");
  StepRunnerDeps deps = Deps();
  int asked = 0;
  deps.interrupt = [&asked]() -> Status {
    return ++asked == 2 ? Cancelled("the lease was lost") : Status::Ok();
  };
  StepRunner runner(std::move(deps), data_);
  Status s = runner.RunBlock(steps, "");
  EXPECT_EQ(s.code(), StatusCode::kCancelled);
  EXPECT_EQ(runner.interrupted().message(), "the lease was lost");
  EXPECT_FALSE(std::filesystem::exists(dir_.path() / "b.txt"));
  EXPECT_EQ(runner.steps_run(), 1);
}

TEST_F(StepRunnerTest, StepsAreNamedByIdOrPlace) {
  lang::Step named{.id = "post"};
  lang::Step unnamed;
  EXPECT_EQ(StepPath("", named, 0), "post");
  EXPECT_EQ(StepPath("each[3].", unnamed, 1), "each[3].step2");
}

}  // namespace
}  // namespace travet::engine
