#include "tests/chaos/chaos_process.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>

namespace travet::testing {
namespace {

int ExitCode(int status) {
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

}  // namespace

TravetProcess::TravetProcess(const std::vector<std::string>& args, const std::filesystem::path& dir,
                             const std::vector<std::string>& env) {
  std::string binary = std::string(TRAVET_BINARY_DIR) + "/tools/travet/travet";
  std::string out_path = (dir / "last.out").string(), err_path = (dir / "last.err").string();
  // Everything the child needs is built before fork: after it, only
  // async-signal-safe calls.
  std::vector<char*> argv{binary.data()};
  for (const auto& a : args)
    argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  std::vector<std::string> environment;
  for (char** e = environ; *e != nullptr; ++e)
    environment.emplace_back(*e);
  environment.insert(environment.end(), env.begin(), env.end());
  std::vector<char*> envp;
  for (auto& e : environment)
    envp.push_back(e.data());
  envp.push_back(nullptr);
  pid_ = fork();
  if (pid_ == 0) {
    if (chdir(dir.c_str()) != 0)
      _exit(127);
    int out = open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    int err = open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    int in = open("/dev/null", O_RDONLY);
    dup2(out, 1);
    dup2(err, 2);
    dup2(in, 0);
    execve(binary.c_str(), argv.data(), envp.data());
    _exit(127);
  }
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
