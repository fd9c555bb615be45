#include "tests/fakes/run_travet.h"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <string_view>

#include "tests/fakes/temp_dir.h"

namespace travet::testing {

namespace {

// The files a started `travet` reads and writes instead of a terminal.
struct Streams {
  std::filesystem::path in = "/dev/null";
  std::filesystem::path out;
  std::filesystem::path err;
};

pid_t StartWith(const std::vector<std::string>& args, const std::filesystem::path& dir,
                const std::vector<std::string>& env, const Streams& streams) {
  std::string binary = std::string(TRAVET_BINARY_DIR) + "/tools/travet/travet";
  // Everything the child needs is built before fork: after it, only
  // async-signal-safe calls (the parent may have threads).
  std::vector<char*> argv{binary.data()};
  for (const auto& a : args)
    argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  // `env` replaces variables of the same name (getenv finds the first).
  auto overridden = [&](std::string_view entry) {
    for (const auto& pair : env) {
      auto name = pair.substr(0, pair.find('=') + 1);
      if (entry.substr(0, name.size()) == name)
        return true;
    }
    return false;
  };
  std::vector<std::string> environment;
  for (char** e = environ; *e != nullptr; ++e) {
    if (!overridden(*e))
      environment.emplace_back(*e);
  }
  environment.insert(environment.end(), env.begin(), env.end());
  std::vector<char*> envp;
  envp.reserve(environment.size() + 1);
  for (auto& e : environment)
    envp.push_back(e.data());
  envp.push_back(nullptr);
  pid_t pid = fork();
  if (pid == 0) {
    if (chdir(dir.c_str()) != 0)
      _exit(127);
    int out = open(streams.out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    int err = open(streams.err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    int in = open(streams.in.c_str(), O_RDONLY);
    dup2(out, 1);
    dup2(err, 2);
    dup2(in, 0);
    execve(binary.c_str(), argv.data(), envp.data());
    _exit(127);
  }
  return pid;
}

TravetOutput RunWith(const std::vector<std::string>& args, const std::filesystem::path& dir,
                     const std::vector<std::string>& env, const std::filesystem::path& in_path) {
  auto out_path = dir / ".stdout", err_path = dir / ".stderr";
  pid_t pid = StartWith(args, dir, env, {.in = in_path, .out = out_path, .err = err_path});
  int status = 0;
  waitpid(pid, &status, 0);
  TravetOutput o;
  o.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  o.out = ReadFile(out_path);
  o.err = ReadFile(err_path);
  return o;
}

}  // namespace

pid_t StartTravet(const std::vector<std::string>& args, const std::filesystem::path& dir,
                  const std::vector<std::string>& env, const std::filesystem::path& out_path,
                  const std::filesystem::path& err_path) {
  return StartWith(args, dir, env, {.out = out_path, .err = err_path});
}

TravetOutput RunTravet(const std::vector<std::string>& args, const std::filesystem::path& dir,
                       const std::vector<std::string>& env) {
  return RunWith(args, dir, env, "/dev/null");
}

TravetOutput RunTravetWithInput(const std::vector<std::string>& args,
                                const std::filesystem::path& dir, std::string_view input,
                                const std::vector<std::string>& env) {
  auto in_path = dir / ".stdin";
  {
    std::ofstream in(in_path, std::ios::binary | std::ios::trunc);
    in << input;
  }
  TravetOutput o = RunWith(args, dir, env, in_path);
  std::filesystem::remove(in_path);
  return o;
}

}  // namespace travet::testing
