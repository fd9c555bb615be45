#include "tools/bench/ocr_bench_process.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <sstream>

extern char** environ;

namespace travet::ocr_bench {
namespace {

std::vector<std::string> Environment(const std::vector<std::string>& extra) {
  std::vector<std::string> env;
  for (char** e = environ; *e != nullptr; ++e) {
    const std::string entry(*e);
    const std::string name = entry.substr(0, entry.find('='));
    const bool replaced = std::any_of(extra.begin(), extra.end(), [&](const std::string& x) {
      return x.compare(0, name.size() + 1, name + "=") == 0;
    });
    if (!replaced) {
      env.push_back(entry);
    }
  }
  env.insert(env.end(), extra.begin(), extra.end());
  return env;
}

std::vector<char*> Pointers(std::vector<std::string>& strings) {
  std::vector<char*> out;
  out.reserve(strings.size() + 1);
  for (std::string& s : strings) {
    out.push_back(s.data());
  }
  out.push_back(nullptr);
  return out;
}

Result<pid_t> Start(Command command) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  const std::string out = command.stdout_path.empty() ? "/dev/null" : command.stdout_path.string();
  posix_spawn_file_actions_addopen(&actions, 1, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  std::vector<std::string> env = Environment(command.env);
  std::vector<char*> argv = Pointers(command.argv);
  std::vector<char*> envp = Pointers(env);
  pid_t pid = 0;
  const int rc = posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) {
    return Internal(command.argv[0] + ": cannot be started: " + std::strerror(rc));
  }
  return pid;
}

std::string Describe(const Command& c) {
  std::string s;
  for (size_t i = 0; i < c.argv.size() && i < 3; ++i) {
    s += (i ? " " : "") + c.argv[i];
  }
  return s;
}

}  // namespace

Result<BatchRun> RunBatch(const std::vector<Command>& commands, int jobs) {
  BatchRun run;
  std::map<pid_t, size_t> running;
  size_t next = 0;
  const auto start = std::chrono::steady_clock::now();
  while (next < commands.size() || !running.empty()) {
    while (next < commands.size() && static_cast<int>(running.size()) < std::max(jobs, 1)) {
      auto pid = Start(commands[next]);
      if (!pid) {
        return pid.error();
      }
      running[*pid] = next++;
    }
    int status = 0;
    struct rusage usage {};
    const pid_t done = wait4(-1, &status, 0, &usage);
    if (done < 0) {
      return Internal(std::string("wait4 failed: ") + std::strerror(errno));
    }
    auto it = running.find(done);
    if (it == running.end()) {
      continue;
    }
    run.max_rss_kb = std::max(run.max_rss_kb, usage.ru_maxrss);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
      if (run.failed++ == 0) {
        run.first_failure = Describe(commands[it->second]) + ": exit " +
                            std::to_string(WIFEXITED(status) ? WEXITSTATUS(status) : -1);
      }
    }
    running.erase(it);
  }
  run.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return run;
}

std::string ReadOutput(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

bool OnPath(const std::string& program) {
  const char* path = std::getenv("PATH");
  std::string dirs = path ? path : "/usr/bin:/bin";
  size_t from = 0;
  while (from <= dirs.size()) {
    const size_t to = std::min(dirs.find(':', from), dirs.size());
    const std::string candidate = dirs.substr(from, to - from) + "/" + program;
    if (access(candidate.c_str(), X_OK) == 0) {
      return true;
    }
    from = to + 1;
  }
  return false;
}

}  // namespace travet::ocr_bench
