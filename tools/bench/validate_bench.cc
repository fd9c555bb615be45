// How fast `travet validate` answers on every bot of the test corpus
// (tests/data/bad_bots, tests/data/good_bots) and on the hostile files the
// tests generate (deep nesting, an alias bomb, huge values, 60,000 keys):
// each file's time as a ratio to validating the minimal bot, measured in the
// same run. A file that makes validation slow (a quadratic check) shows here.
//
//   validate_bench [ROUNDS=3]   (each file's best of ROUNDS)
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "tests/fakes/hostile_bots.h"

namespace {

namespace fs = std::filesystem;

// Seconds `travet validate FILE` took, output discarded; -1 if it did not run.
double TimeValidate(const fs::path& file) {
  const std::string travet = TRAVET_CLI;
  const std::string path = file.string();
  auto start = std::chrono::steady_clock::now();
  pid_t pid = fork();
  if (pid == 0) {
    int null = open("/dev/null", O_RDWR);
    dup2(null, 0);
    dup2(null, 1);
    dup2(null, 2);
    execl(travet.c_str(), travet.c_str(), "validate", path.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  int status = 0;
  if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
      WEXITSTATUS(status) == 127) {
    return -1;
  }
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

double Best(const fs::path& file, int rounds) {
  double best = -1;
  for (int i = 0; i < rounds; ++i) {
    double t = TimeValidate(file);
    if (t >= 0 && (best < 0 || t < best))
      best = t;
  }
  return best;
}

struct Timing {
  std::string name;
  double seconds = 0;
};

std::vector<fs::path> YamlFiles(const fs::path& dir) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() == ".yaml")
      files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

int main(int argc, char** argv) {
  const int rounds = argc > 1 ? std::max(1, std::atoi(argv[1])) : 3;
  const fs::path source = TRAVET_SOURCE_DIR;
  const double baseline = Best(source / "tests/data/good_bots/minimal.yaml", rounds + 2);
  if (baseline <= 0)
    return std::fprintf(stderr, "cannot run %s\n", TRAVET_CLI), 1;
  std::vector<Timing> timings;
  for (const char* dir : {"tests/data/bad_bots", "tests/data/good_bots"}) {
    for (const auto& file : YamlFiles(source / dir))
      timings.push_back({file.filename().string(), Best(file, rounds)});
  }
  fs::path scratch =
      fs::temp_directory_path() / ("travet-validate-bench-" + std::to_string(getpid()));
  fs::create_directories(scratch);
  for (const auto& bot : travet::testing::HostileBots()) {
    const fs::path file = scratch / bot.name;
    FILE* out = std::fopen(file.c_str(), "wb");
    if (out == nullptr)
      return std::fprintf(stderr, "cannot write %s\n", file.c_str()), 1;
    std::fwrite(bot.text.data(), 1, bot.text.size(), out);
    std::fclose(out);
    timings.push_back({"generated " + bot.name, Best(file, rounds)});
  }
  fs::remove_all(scratch);
  std::sort(timings.begin(), timings.end(),
            [](const Timing& a, const Timing& b) { return a.seconds > b.seconds; });
  std::printf("baseline (minimal.yaml)  %.1f ms\n", baseline * 1000);
  std::printf("files                    %zu\n", timings.size());
  std::printf("slowest:\n");
  for (size_t i = 0; i < std::min<size_t>(5, timings.size()); ++i) {
    std::printf("  %-34s %7.1f ms  %5.2fx\n", timings[i].name.c_str(), timings[i].seconds * 1000,
                timings[i].seconds / baseline);
  }
  return 0;
}
