#pragma once

#include <filesystem>
#include <string>
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

}  // namespace travet::testing
