#pragma once

// Child processes for ocr_bench: the command-line tools it compares with.

#include <filesystem>
#include <string>
#include <vector>

#include "runtime/core/result.h"

namespace travet::ocr_bench {

// One command: argv[0] is looked up on PATH; `env` entries ("NAME=value")
// are added to (or replace) the bench's environment; stdout goes to
// `stdout_path` (/dev/null when empty), stderr to /dev/null.
struct Command {
  std::vector<std::string> argv;
  std::vector<std::string> env;
  std::filesystem::path stdout_path;
};

// How a batch of commands went.
struct BatchRun {
  double seconds = 0;         // wall time of the whole batch
  int failed = 0;             // commands that did not exit 0
  long max_rss_kb = 0;        // the largest peak RSS of any of them
  std::string first_failure;  // e.g. "tesseract x.png stdout: exit 1"
};

// Runs `commands`, at most `jobs` at once, and waits for all of them.
// Errors: a command cannot be started (kInternal with the program name).
Result<BatchRun> RunBatch(const std::vector<Command>& commands, int jobs);

// What a command wrote to `path`; empty when it wrote nothing there (it
// failed, and RunBatch counted that).
std::string ReadOutput(const std::filesystem::path& path);

// Whether `program` is found on PATH.
bool OnPath(const std::string& program);

}  // namespace travet::ocr_bench
