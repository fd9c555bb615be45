#include "tests/fakes/run_travet.h"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>

#include "tests/fakes/temp_dir.h"

namespace travet::testing {

TravetOutput RunTravet(const std::vector<std::string>& args, const std::filesystem::path& dir,
                       const std::vector<std::string>& env) {
  std::string binary = std::string(TRAVET_BINARY_DIR) + "/tools/travet/travet";
  auto out_path = dir / ".stdout", err_path = dir / ".stderr";
  pid_t pid = fork();
  if (pid == 0) {
    if (chdir(dir.c_str()) != 0)
      _exit(127);
    int out = open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    int err = open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    int in = open("/dev/null", O_RDONLY);
    dup2(out, 1);
    dup2(err, 2);
    dup2(in, 0);
    for (const auto& pair : env)
      putenv(const_cast<char*>(pair.c_str()));
    std::vector<char*> argv{binary.data()};
    for (const auto& a : args)
      argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    execv(binary.c_str(), argv.data());
    _exit(127);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  TravetOutput o;
  o.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  o.out = ReadFile(out_path);
  o.err = ReadFile(err_path);
  return o;
}

}  // namespace travet::testing
