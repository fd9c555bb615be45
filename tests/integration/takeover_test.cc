// `travet runs resume` taking over runs, and `travet worker --once`.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include "runtime/core/value.h"
#include "runtime/store/store.h"
#include "tests/fakes/run_travet.h"
#include "tests/fakes/temp_dir.h"

namespace travet::testing {
namespace {

constexpr const char* kBot = R"(bot: greet
inputs:
  name: { type: string, default: world }
steps:
  - uses: file.write
    with: { path: "${{ inputs.name }}.txt", content: "ciao ${{ inputs.name }}" }
)";

std::string Host() {
  char name[256] = {};
  gethostname(name, sizeof name - 1);
  return name;
}

class TakeoverCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    bot_ = dir_.Write("bot.yaml", kBot).string();
    std::filesystem::create_directory(dir_.path() / "work");
    auto store = store::OpenStore((dir_.path() / "travet.db").string());
    ASSERT_TRUE(store) << store.error().message();
    store_ = std::move(*store);
  }

  // A queued run of the bot whose file actions go to work/.
  void Queue(const std::string& id, const std::string& name, const std::string& bot_file = "") {
    ASSERT_TRUE(store_
                    ->CreateRun({.id = id,
                                 .bot = "greet",
                                 .bot_file = bot_file.empty() ? bot_ : bot_file,
                                 .inputs = {{"name", name}},
                                 .work_dir = (dir_.path() / "work").string()})
                    .ok());
  }
  store::RunRecord Hold(const std::string& id, const std::string& owner) {
    auto run = store_->ClaimRun(id, {owner, DefaultClock().Now(), Millis(60000)});
    EXPECT_TRUE(run) << run.error().message();
    return run ? *run : store::RunRecord{};
  }
  TravetOutput Travet(const std::vector<std::string>& args) { return RunTravet(args, dir_.path()); }

  TempDir dir_;
  std::string bot_;
  std::unique_ptr<store::Store> store_;
};

TEST_F(TakeoverCliTest, ResumeRefusesARunHeldByALiveProcess) {
  Queue("r-1", "anna");
  store::RunRecord held = Hold("r-1", "elsewhere.example:42:abcdef");
  TravetOutput out = Travet({"runs", "resume", "r-1"});
  EXPECT_EQ(out.exit_code, 4);
  EXPECT_EQ(out.err,
            "travet runs resume: run r-1 is being executed by elsewhere.example:42:abcdef "
            "until " +
                held.lease_until + "\n");
  EXPECT_FALSE(std::filesystem::exists(dir_.path() / "work/anna.txt"));
}

TEST_F(TakeoverCliTest, ResumeTakesOverARunWhoseProcessDied) {
  Queue("r-1", "anna");
  pid_t pid = fork();
  if (pid == 0)
    _exit(0);
  waitpid(pid, nullptr, 0);
  Hold("r-1", Host() + ":" + std::to_string(pid) + ":abcdef");
  // From another folder: the run's own working folder is used.
  TravetOutput out = Travet({"runs", "resume", "r-1", "--json"});
  ASSERT_EQ(out.exit_code, 0) << out.err;
  EXPECT_EQ(Value::parse(out.out)["state"], "succeeded");
  EXPECT_EQ(dir_.Read("work/anna.txt"), "ciao anna");
  EXPECT_EQ(store_->GetRun("r-1")->attempt, 2);
}

TEST_F(TakeoverCliTest, ResumeTakesOverALapsedLease) {
  Queue("r-1", "anna");
  ASSERT_TRUE(store_->ClaimRun("r-1", {"elsewhere.example:42:abcdef",
                                       DefaultClock().Now() - Millis(120000), Millis(60000)}));
  TravetOutput out = Travet({"runs", "resume", "r-1"});
  ASSERT_EQ(out.exit_code, 0) << out.err;
  EXPECT_EQ(out.out, "run r-1 succeeded\n");
}

TEST_F(TakeoverCliTest, WorkerOnceExecutesEveryClaimableRunThenExits) {
  Queue("r-1", "anna");
  Queue("r-2", "bruno");
  Queue("r-3", "carla", (dir_.path() / "missing.yaml").string());
  Queue("r-4", "dario");
  Hold("r-4", "elsewhere.example:42:abcdef");  // live: not taken
  TravetOutput out = Travet({"worker", "--once", "--lease", "5s"});
  ASSERT_EQ(out.exit_code, 0) << out.err;
  EXPECT_EQ(out.out,
            "run r-1 greet (attempt 1) succeeded, 1 steps run\n"
            "run r-2 greet (attempt 1) succeeded, 1 steps run\n"
            "run r-3 greet (attempt 1) failed: cannot load the bot: " +
                (dir_.path() / "missing.yaml").string() +
                ":1:1: cannot read the file: No such file or directory\n");
  EXPECT_EQ(dir_.Read("work/anna.txt"), "ciao anna");
  EXPECT_EQ(dir_.Read("work/bruno.txt"), "ciao bruno");
  EXPECT_EQ(store_->GetRun("r-3")->state, store::RunState::kFailed);
  EXPECT_EQ(store_->GetRun("r-4")->state, store::RunState::kRunning);

  TravetOutput idle = Travet({"worker", "--once"});
  EXPECT_EQ(idle.exit_code, 0) << idle.err;
  EXPECT_EQ(idle.out, "");
}

// The worker also sweeps the review queue: a task past its expiry is expired,
// its run re-queued and executed, and the review step fails into on_error.
TEST_F(TakeoverCliTest, WorkerOnceExpiresOldReviewsAndFinishesTheirRuns) {
  dir_.Write("ask.yaml", R"(bot: ask
steps:
  - id: check
    uses: review
    with: { queue: q, fields: { total: "12,00" }, expires: 1s }
    on_error:
      - uses: file.write
        with: { path: expired.txt, content: "${{ error.message }}" }
)");
  TravetOutput run = Travet({"run", "ask.yaml", "--workdir", "work", "--json"});
  ASSERT_EQ(run.exit_code, 3) << run.err;
  const std::string id = Value::parse(run.out)["run_id"];
  auto task = store_->FindTask(id, "check");
  ASSERT_TRUE(task && *task);
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));

  TravetOutput out = Travet({"worker", "--once"});
  ASSERT_EQ(out.exit_code, 0) << out.err;
  const std::string expired = "review " + (*task)->id + " expired undecided";
  EXPECT_EQ(out.out, "task " + (*task)->id + " expired undecided\nrun " + id +
                         " ask (attempt 2) succeeded, 2 steps run\n");
  EXPECT_EQ(dir_.Read("work/expired.txt"), expired);
  EXPECT_EQ(store_->GetTask((*task)->id)->state, store::TaskState::kExpired);
}

TEST_F(TakeoverCliTest, WorkerRejectsBadDurations) {
  TravetOutput out = Travet({"worker", "--once", "--lease", "soon"});
  EXPECT_EQ(out.exit_code, 2);
  EXPECT_EQ(out.err.rfind("travet worker: --lease: ", 0), 0u) << out.err;
}

}  // namespace
}  // namespace travet::testing
