#pragma once

#include <sys/types.h>

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace travet::testing {

struct TravetOutput {
  int exit_code = -1;  // 128 + signal when killed
  std::string out;
  std::string err;
};

// Runs the real `travet` binary of this build with `args` in `dir`, with
// stdin from /dev/null and `env` (NAME=value) added to the environment; no
// shell is involved.
TravetOutput RunTravet(const std::vector<std::string>& args, const std::filesystem::path& dir,
                       const std::vector<std::string>& env = {});

// Runs the real `travet` binary as RunTravet does, with `input` as its stdin
// (e.g. a password for `--password-stdin`).
TravetOutput RunTravetWithInput(const std::vector<std::string>& args,
                                const std::filesystem::path& dir, std::string_view input,
                                const std::vector<std::string>& env = {});

// Starts the real `travet` binary as RunTravet does, with stdout and stderr
// written to `out_path` and `err_path`, and returns its pid without waiting.
pid_t StartTravet(const std::vector<std::string>& args, const std::filesystem::path& dir,
                  const std::vector<std::string>& env, const std::filesystem::path& out_path,
                  const std::filesystem::path& err_path);

}  // namespace travet::testing
