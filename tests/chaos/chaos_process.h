#pragma once

#include <sys/types.h>

#include <filesystem>
#include <string>
#include <vector>

namespace travet::testing {

// A `travet` process of this build started in the background in `dir`,
// with stdin from /dev/null, stdout and stderr to `dir`/last.out and
// last.err, and `env` (NAME=value) added to the environment.
class TravetProcess {
 public:
  TravetProcess(const std::vector<std::string>& args, const std::filesystem::path& dir,
                const std::vector<std::string>& env);
  ~TravetProcess();  // kills and reaps a process still running
  TravetProcess(const TravetProcess&) = delete;
  TravetProcess& operator=(const TravetProcess&) = delete;

  // Whether it has exited (reaping it); its exit status is then exit_code().
  bool Exited();
  // SIGKILL, then waits for it: once this returns, no process has its pid.
  void Kill();
  int exit_code() const { return exit_code_; }

 private:
  pid_t pid_ = -1;
  int exit_code_ = -1;  // 128 + signal when killed
};

}  // namespace travet::testing
