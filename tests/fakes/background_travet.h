#pragma once

// A real `travet` process in the background (`serve`, `worker`), for tests
// that signal it, read its output while it runs, or run two at once.

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "tests/fakes/temp_dir.h"

namespace travet::testing {

// Generous bounds for what takes milliseconds: waits end as soon as their
// condition holds, and only a hang reaches them.
inline constexpr std::chrono::seconds kPatience{20};

// Started with `args` in `dir`, stdout and stderr in DIR/NAME.out and
// DIR/NAME.err; killed if a test leaves it running.
class BackgroundTravet {
 public:
  BackgroundTravet(const std::vector<std::string>& args, const TempDir& dir,
                   const std::string& name);
  ~BackgroundTravet();
  BackgroundTravet(const BackgroundTravet&) = delete;
  BackgroundTravet& operator=(const BackgroundTravet&) = delete;

  // Sends SIGTERM and returns once the process has taken it.
  void Terminate() const;
  // Its exit status once it exited, within kPatience; nullopt if it did not.
  std::optional<int> Exit();
  // Its stdout and stderr so far.
  std::string Out() const;
  std::string Err() const;
  // The port of its first line, "listening on http://127.0.0.1:PORT"; 0 when
  // no such line came within kPatience.
  int Port() const;

 private:
  std::filesystem::path out_, err_;
  pid_t pid_ = -1;
};

}  // namespace travet::testing
