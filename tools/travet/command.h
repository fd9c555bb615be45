#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <string>

namespace travet::cli {

// Exit statuses of `travet`, the contract scripts rely on.
enum ExitCode : int {
  kExitOk = 0,
  kExitFailed = 1,         // the run failed, or a command could not do its job
  kExitInvalid = 2,        // invalid bot, bad arguments or inputs
  kExitWaitingReview = 3,  // the run waits for a person
  kExitConflict = 4,       // someone else decided first
};

// One sub-command: `travet <name>`. Its setup adds options to `cmd` and
// returns the function that runs it (called after parsing).
struct Command {
  const char* name;
  const char* summary;
  std::function<std::function<int()>(CLI::App& cmd)> setup;
};

// Options shared by the commands that use a store.
struct StoreFlag {
  std::string url;
  void Add(CLI::App& cmd);
};

std::function<int()> SetupValidate(CLI::App& cmd);
std::function<int()> SetupRun(CLI::App& cmd);
std::function<int()> SetupRuns(CLI::App& cmd);
std::function<int()> SetupActions(CLI::App& cmd);
std::function<int()> SetupSchema(CLI::App& cmd);
std::function<int()> SetupReview(CLI::App& cmd);
std::function<int()> SetupWorker(CLI::App& cmd);
std::function<int()> SetupServe(CLI::App& cmd);
std::function<int()> SetupSchedules(CLI::App& cmd);
std::function<int()> SetupUsers(CLI::App& cmd);
std::function<int()> SetupKpi(CLI::App& cmd);

}  // namespace travet::cli
