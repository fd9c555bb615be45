#include "tests/integration/bot_harness.h"

#include <gtest/gtest.h>

#include "runtime/actions/bot_loading.h"

namespace travet::testing {

BotHarness::BotHarness() {
  auto store = store::OpenStore("sqlite://" + store_path());
  EXPECT_TRUE(store.has_value()) << store.error().message();
  if (store)
    store_ = std::move(*store);
}

std::optional<lang::Bot> BotHarness::Load(const std::string& yaml) {
  auto path = dir_.Write("bot.yaml", yaml);
  lang::LoadResult loaded = actions::LoadBot(path.string());
  EXPECT_TRUE(loaded.ok()) << ::testing::PrintToString(loaded.errors);
  return loaded.bot;
}

engine::RunOptions BotHarness::Fill(engine::RunOptions options) {
  options.work_dir = dir_.path();
  options.store = store_.get();
  if (!options.getenv)
    options.getenv = [](const std::string&) { return std::nullopt; };
  options.log_sink = [this](LogLevel level, std::string_view step, std::string_view line) {
    log_.push_back(std::string(LogLevelName(level)) + " " + std::string(step) + ": " +
                   std::string(line));
  };
  return options;
}

engine::RunOutcome BotHarness::Run(const std::string& yaml, engine::RunOptions options) {
  std::optional<lang::Bot> bot = Load(yaml);
  if (!bot)
    return {};
  auto outcome = engine::RunBot(*bot, Fill(std::move(options)));
  EXPECT_TRUE(outcome.has_value()) << outcome.error().message();
  return outcome ? *outcome : engine::RunOutcome{};
}

engine::RunOutcome BotHarness::Resume(const std::string& yaml, const std::string& run_id,
                                      engine::RunOptions options) {
  std::optional<lang::Bot> bot = Load(yaml);
  if (!bot)
    return {};
  auto outcome = engine::ResumeRun(*bot, run_id, Fill(std::move(options)));
  EXPECT_TRUE(outcome.has_value()) << outcome.error().message();
  return outcome ? *outcome : engine::RunOutcome{};
}

std::string BotHarness::LogText() const {
  std::string text;
  for (const auto& line : log_)
    text += line + "\n";
  return text;
}

}  // namespace travet::testing
