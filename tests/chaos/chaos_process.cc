#include "tests/chaos/chaos_process.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>

#include "tests/fakes/run_travet.h"

namespace travet::testing {
namespace {

int ExitCode(int status) {
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

}  // namespace

TravetProcess::TravetProcess(const std::vector<std::string>& args, const std::filesystem::path& dir,
                             const std::vector<std::string>& env) {
  pid_ = StartTravet(args, dir, env, dir / "last.out", dir / "last.err");
}

TravetProcess::~TravetProcess() {
  if (pid_ > 0)
    Kill();
}

bool TravetProcess::Exited() {
  if (pid_ <= 0)
    return true;
  int status = 0;
  if (waitpid(pid_, &status, WNOHANG) != pid_)
    return false;
  exit_code_ = ExitCode(status);
  pid_ = -1;
  return true;
}

void TravetProcess::Kill() {
  if (pid_ <= 0)
    return;
  kill(pid_, SIGKILL);
  int status = 0;
  waitpid(pid_, &status, 0);
  exit_code_ = ExitCode(status);
  pid_ = -1;
}

}  // namespace travet::testing
