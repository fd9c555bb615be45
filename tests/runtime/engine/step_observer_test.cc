// The engine tells its observer of each action step it runs: the action,
// its time and, for an OCR step, the pages it read.
#include <gtest/gtest.h>

#include <utility>
#include <vector>

#include "ocr/recognise/document_reader.h"
#include "runtime/actions/action_table.h"
#include "runtime/engine/runner.h"
#include "runtime/lang/loader.h"
#include "runtime/store/sqlite/sqlite_store.h"
#include "tests/fakes/temp_dir.h"

namespace travet::engine {
namespace {

using testing::TempDir;

// Reads every scan as two empty pages.
class TwoPageReader : public ocr::DocumentReader {
 public:
  Result<ocr::DocumentResult> ReadBytes(std::string name, std::string,
                                        const ocr::RecognizeOptions&) override {
    ocr::DocumentResult doc;
    doc.file = std::move(name);
    doc.pages.resize(2);
    doc.pages[1].page = 2;
    return doc;
  }
};

constexpr const char* kObservedBot = R"(bot: observed
steps:
  - id: greet
    uses: set
    with: { greeting: hello }
  - id: scan
    uses: ocr.read
    with: { file: scan.png }
  - id: missing
    uses: file.read
    with: { path: missing.txt }
    continue_on_error: true
)";

TEST(StepObserverTest, EachActionStepIsObservedWithTheOcrPagesItRead) {
  TempDir dir;
  dir.Write("scan.png", "not read: the reader is a stand-in");
  auto store = store::OpenSqliteStore((dir.path() / "travet.db").string());
  ASSERT_TRUE(store) << store.error().message();
  lang::LoadOptions load;
  load.actions = &actions::ActionCatalog();
  lang::LoadResult loaded =
      lang::LoadBotText(kObservedBot, (dir.path() / "bot.yaml").string(), load);
  ASSERT_TRUE(loaded.ok());
  TwoPageReader reader;
  std::vector<std::pair<std::string, long long>> seen;
  RunOptions options;
  options.store = store->get();
  options.work_dir = dir.path();
  options.ocr = &reader;
  options.observe = [&seen](const StepObservation& step) {
    EXPECT_GE(step.seconds, 0);
    seen.emplace_back(step.action, step.pages);
  };
  auto outcome = RunBot(*loaded.bot, options);
  ASSERT_TRUE(outcome) << outcome.error().message();
  EXPECT_EQ(outcome->state, store::RunState::kSucceeded) << outcome->error;
  EXPECT_EQ(seen, (std::vector<std::pair<std::string, long long>>{
                      {"set", 0}, {"ocr.read", 2}, {"file.read", 0}}));
}

}  // namespace
}  // namespace travet::engine
