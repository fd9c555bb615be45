#include "tests/fakes/background_travet.h"

#include <signal.h>
#include <sys/wait.h>

#include <cstdlib>
#include <fstream>
#include <thread>

#include "tests/fakes/run_travet.h"

namespace travet::testing {
namespace {

using std::chrono::milliseconds;
using std::chrono::steady_clock;

// Whether SIGTERM still waits to be delivered to process `pid` (its bit in
// the shared or the main thread's pending set of /proc/PID/status).
bool TermPending(pid_t pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.starts_with("ShdPnd:") || line.starts_with("SigPnd:")) {
      const unsigned long long mask = std::stoull(line.substr(7), nullptr, 16);
      if ((mask >> (SIGTERM - 1)) & 1) {
        return true;
      }
    }
  }
  return false;
}

}  // namespace

BackgroundTravet::BackgroundTravet(const std::vector<std::string>& args, const TempDir& dir,
                                   const std::string& name)
    : out_(dir.path() / (name + ".out")), err_(dir.path() / (name + ".err")) {
  pid_ = StartTravet(args, dir.path(), {}, out_, err_);
}

BackgroundTravet::~BackgroundTravet() {
  if (pid_ > 0) {
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
  }
}

void BackgroundTravet::Terminate() const {
  kill(pid_, SIGTERM);
  const auto until = steady_clock::now() + kPatience;
  while (TermPending(pid_) && steady_clock::now() < until) {
    std::this_thread::sleep_for(milliseconds(1));
  }
}

std::optional<int> BackgroundTravet::Exit() {
  const auto until = steady_clock::now() + kPatience;
  int status = 0;
  while (waitpid(pid_, &status, WNOHANG) == 0) {
    if (steady_clock::now() > until) {
      return std::nullopt;
    }
    std::this_thread::sleep_for(milliseconds(10));
  }
  pid_ = -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

std::string BackgroundTravet::Out() const {
  return ReadFile(out_);
}

std::string BackgroundTravet::Err() const {
  return ReadFile(err_);
}

int BackgroundTravet::Port() const {
  const auto until = steady_clock::now() + kPatience;
  std::string out = Out();
  while (out.find('\n') == std::string::npos && steady_clock::now() < until) {
    std::this_thread::sleep_for(milliseconds(10));
    out = Out();
  }
  const size_t colon = out.rfind(':', out.find('\n'));
  return colon == std::string::npos ? 0 : std::atoi(out.c_str() + colon + 1);
}

}  // namespace travet::testing
