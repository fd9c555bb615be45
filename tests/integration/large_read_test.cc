// A file.read of more than 1 MiB is not copied into its checkpoint: the store
// keeps its size and SHA-256, and a resume reads the file again — the same
// file, or the step fails.
#include <gtest/gtest.h>

#include <fstream>

#include "tests/integration/bot_harness.h"

namespace travet::testing {
namespace {

// Reads a big text, waits for a person, then writes what it read elsewhere.
constexpr const char* kLargeReadBot = R"(bot: large-read
steps:
  - id: big
    uses: file.read
    with: { path: in/big.txt }
  - uses: review
    with:
      queue: intake
      fields: { size: { value: "${{ steps.big.size }}", confidence: 50, valid: true } }
  - uses: file.write
    with: { path: out/copy.txt, content: "${{ steps.big.content }}" }
)";

class LargeReadTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string text;
    for (int i = 0; text.size() < (size_t{3} << 20); ++i)  // 3 MiB of numbered lines
      text += "line " + std::to_string(i) + " of a large register\n";
    text_ = text;
    h_.dir().Write("in/big.txt", text_);
  }

  // Runs the bot to its review, approves it and resumes; the resumed outcome.
  engine::RunOutcome RunThroughReview(const std::function<void()>& before_resume) {
    auto waiting = h_.Run(kLargeReadBot);
    EXPECT_EQ(waiting.state, store::RunState::kWaitingReview) << waiting.error << h_.LogText();
    run_id_ = waiting.run_id;
    auto pending = h_.store().ListTasks({.state = store::TaskState::kPending});
    EXPECT_TRUE(pending && pending->size() == 1u);
    if (!pending || pending->size() != 1u)
      return {};
    store::Decision decision{.approve = true, .actor = "anna"};
    EXPECT_TRUE(h_.store().DecideTask((*pending)[0].id, decision, DefaultClock().Now()));
    before_resume();
    return h_.Resume(kLargeReadBot, run_id_);
  }

  std::optional<store::Checkpoint> Checkpoint(const std::string& step_path) {
    auto checkpoints = h_.store().LoadCheckpoints(run_id_);
    EXPECT_TRUE(checkpoints.has_value());
    for (const auto& cp : checkpoints ? *checkpoints : std::vector<store::Checkpoint>{}) {
      if (cp.step_path == step_path)
        return cp;
    }
    return std::nullopt;
  }

  BotHarness h_;
  std::string text_;
  std::string run_id_;
};

std::string FileText(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

TEST_F(LargeReadTest, IsNotCopiedIntoItsCheckpointAndIsReadAgainOnResume) {
  auto done = RunThroughReview([] {});
  ASSERT_EQ(done.state, store::RunState::kSucceeded) << done.error << h_.LogText();
  EXPECT_EQ(FileText(h_.dir().path() / "out/copy.txt"), text_);
  auto cp = Checkpoint("big");
  ASSERT_TRUE(cp);
  EXPECT_FALSE(cp->output.contains("content"));
  EXPECT_EQ(cp->output["$omitted"], Value::array({"content"}));
  EXPECT_EQ(cp->output["size"], text_.size());
  EXPECT_EQ(cp->output["sha256"].get<std::string>().size(), 64u);
  // The store holds none of the text: well under the 3 MiB it would take.
  EXPECT_LT(std::filesystem::file_size(h_.store_path()), size_t{1} << 20);
}

TEST_F(LargeReadTest, AFileChangedBeforeTheResumeFailsTheRead) {
  auto done = RunThroughReview([this] { h_.dir().Write("in/big.txt", text_ + "one more line\n"); });
  ASSERT_EQ(done.state, store::RunState::kFailed) << h_.LogText();
  EXPECT_NE(done.error.find("big: 'in/big.txt' changed since it was read before the resume"),
            std::string::npos)
      << done.error;
  EXPECT_FALSE(std::filesystem::exists(h_.dir().path() / "out/copy.txt"));
}

TEST_F(LargeReadTest, AFileGoneBeforeTheResumeSaysWhyItWasReadAgain) {
  auto done = RunThroughReview([this] { std::filesystem::remove(h_.dir().path() / "in/big.txt"); });
  ASSERT_EQ(done.state, store::RunState::kFailed) << h_.LogText();
  EXPECT_NE(done.error.find("big was read again on the resume (outputs over 1 MiB are not stored)"),
            std::string::npos)
      << done.error;
}

TEST_F(LargeReadTest, ASmallReadIsStillRestoredFromItsCheckpoint) {
  h_.dir().Write("in/big.txt", "a short note\n");
  text_ = "a short note\n";
  auto done = RunThroughReview([this] { std::filesystem::remove(h_.dir().path() / "in/big.txt"); });
  ASSERT_EQ(done.state, store::RunState::kSucceeded) << done.error << h_.LogText();
  EXPECT_EQ(FileText(h_.dir().path() / "out/copy.txt"), "a short note\n");
}

}  // namespace
}  // namespace travet::testing
