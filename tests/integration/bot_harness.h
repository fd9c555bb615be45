#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "runtime/engine/runner.h"
#include "runtime/lang/model.h"
#include "runtime/store/store.h"
#include "tests/fakes/temp_dir.h"

namespace travet::testing {

// A working folder, a SQLite store in it, and a way to load and run bot text
// through the real loader and engine. Log lines are kept for assertions.
class BotHarness {
 public:
  BotHarness();

  // Loads `yaml` (asserting it is valid) and runs it with `options` filled
  // in: work_dir, store, log sink (and whatever the caller set).
  engine::RunOutcome Run(const std::string& yaml, engine::RunOptions options = {});
  // Resumes run `run_id` of the bot `yaml` as Run runs one.
  engine::RunOutcome Resume(const std::string& yaml, const std::string& run_id,
                            engine::RunOptions options = {});
  // Loads `yaml` as bot.yaml in the folder, asserting it is valid.
  std::optional<lang::Bot> Load(const std::string& yaml);
  // `options` with the folder, the store, the log sink and (when unset) an
  // empty environment filled in.
  engine::RunOptions Fill(engine::RunOptions options);

  const TempDir& dir() const { return dir_; }
  store::Store& store() { return *store_; }
  std::string store_path() const { return (dir_.path() / "travet.db").string(); }
  const std::vector<std::string>& log() const { return log_; }
  std::string LogText() const;

 private:
  TempDir dir_;
  std::unique_ptr<store::Store> store_;
  std::vector<std::string> log_;
};

}  // namespace travet::testing
