// Runs the real `travet validate` on every bot in tests/data/bad_bots (and on
// huge or hostile files generated here) and on every bot in
// tests/data/good_bots: what a bot developer sees is one clear line per
// problem and exit status 2. How fast the answer comes is measured by
// tools/bench/validate_bench, not asserted here.

#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "tests/fakes/hostile_bots.h"
#include "tests/fakes/temp_dir.h"

namespace travet {
namespace {

namespace fs = std::filesystem;
using std::chrono::milliseconds;
using std::chrono::steady_clock;

// A hung process is killed after this, so that the test reports it.
constexpr milliseconds kKillAfter{10'000};

std::string DirFromEnv(const char* name, const char* fallback) {
  const char* value = std::getenv(name);
  return value && *value ? value : fallback;
}

fs::path SourceDir() {
  return DirFromEnv("TRAVET_SOURCE_DIR", TRAVET_SOURCE_DIR);
}
fs::path TravetBinary() {
  return fs::path(DirFromEnv("TRAVET_BINARY_DIR", TRAVET_BINARY_DIR)) / "tools/travet/travet";
}
fs::path BadDir() {
  return SourceDir() / "tests/data/bad_bots";
}
fs::path GoodDir() {
  return SourceDir() / "tests/data/good_bots";
}

struct RunResult {
  int exit_code = -1;  // -1 when the process did not exit normally
  int signal = 0;      // the signal that killed it, if any
  std::string out;
  std::string err;
};

// Runs travet with `args` (no shell), stdin from /dev/null, stdout and stderr
// captured in files under `scratch`.
RunResult RunTravet(const std::vector<std::string>& args, const fs::path& scratch) {
  const fs::path out_path = scratch / "stdout.txt";
  const fs::path err_path = scratch / "stderr.txt";
  const std::string binary = TravetBinary().string();
  std::vector<char*> argv = {const_cast<char*>(binary.c_str())};
  for (const auto& arg : args)
    argv.push_back(const_cast<char*>(arg.c_str()));
  argv.push_back(nullptr);

  RunResult result;
  auto start = steady_clock::now();
  pid_t pid = fork();
  if (pid == 0) {
    int in = open("/dev/null", O_RDONLY);
    int out = open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    int err = open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (in < 0 || out < 0 || err < 0)
      _exit(126);
    dup2(in, 0);
    dup2(out, 1);
    dup2(err, 2);
    execv(argv[0], argv.data());
    _exit(127);
  }
  if (pid < 0) {
    ADD_FAILURE() << "fork failed";
    return result;
  }
  int status = 0;
  while (waitpid(pid, &status, WNOHANG) == 0) {
    if (steady_clock::now() - start > kKillAfter) {
      kill(pid, SIGKILL);
      waitpid(pid, &status, 0);
      break;
    }
    std::this_thread::sleep_for(milliseconds(1));
  }
  if (WIFEXITED(status))
    result.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status))
    result.signal = WTERMSIG(status);
  result.out = testing::ReadFile(out_path);
  result.err = testing::ReadFile(err_path);
  return result;
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    lines.push_back(line);
  return lines;
}

std::string Replace(std::string text, const std::string& from, const std::string& to) {
  for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

// expected.txt: "name.yaml<TAB>expected stderr line", `{file}` for the path.
std::map<std::string, std::string> ExpectedLines() {
  std::map<std::string, std::string> expected;
  std::ifstream in(BadDir() / "expected.txt");
  for (std::string line; std::getline(in, line);) {
    size_t tab = line.find('\t');
    if (line.empty() || line[0] == '#' || tab == std::string::npos)
      continue;
    expected[line.substr(0, tab)] = line.substr(tab + 1);
  }
  return expected;
}

std::vector<std::string> YamlFiles(const fs::path& dir) {
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (entry.path().extension() == ".yaml")
      names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::string TestName(const ::testing::TestParamInfo<std::string>& info) {
  std::string name = fs::path(info.param).stem().string();
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c)))
      c = '_';
  }
  return name;
}

// Checks everything a user relies on for one invalid file: exit status 2,
// nothing on stdout, exactly `expected_line` on stderr, no crash.
void ExpectRejected(const fs::path& bot, const std::string& expected_line) {
  testing::TempDir scratch;
  RunResult r = RunTravet({"validate", bot.string()}, scratch.path());
  EXPECT_EQ(r.signal, 0) << "killed by signal " << r.signal << "\n" << r.err.substr(0, 2000);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  std::vector<std::string> lines = Lines(r.err);
  ASSERT_EQ(lines.size(), 1u) << r.err.substr(0, 4000);
  EXPECT_EQ(lines[0], Replace(expected_line, "{file}", bot.string()));
}

class BadBotTest : public ::testing::TestWithParam<std::string> {};

TEST_P(BadBotTest, FailsWithItsOneExpectedError) {
  auto expected = ExpectedLines();
  auto it = expected.find(GetParam());
  ASSERT_NE(it, expected.end()) << GetParam() << " has no line in expected.txt";
  ExpectRejected(BadDir() / GetParam(), it->second);
}

INSTANTIATE_TEST_SUITE_P(Corpus, BadBotTest, ::testing::ValuesIn(YamlFiles(BadDir())), TestName);

class GoodBotTest : public ::testing::TestWithParam<std::string> {};

TEST_P(GoodBotTest, Validates) {
  testing::TempDir scratch;
  fs::path bot = GoodDir() / GetParam();
  RunResult r = RunTravet({"validate", bot.string()}, scratch.path());
  EXPECT_EQ(r.signal, 0);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(r.out, bot.string() + ": ok\n");
}

INSTANTIATE_TEST_SUITE_P(Corpus, GoodBotTest, ::testing::ValuesIn(YamlFiles(GoodDir())), TestName);

TEST(CorpusTest, HasAtLeast36BadBotsEachWithAnExpectedLine) {
  auto files = YamlFiles(BadDir());
  auto expected = ExpectedLines();
  EXPECT_GE(files.size(), 36u);
  for (const auto& [name, line] : expected) {
    EXPECT_TRUE(fs::exists(BadDir() / name)) << "expected.txt names a missing file: " << name;
    EXPECT_EQ(line.rfind("{file}:", 0), 0u) << name << ": " << line;
  }
  EXPECT_EQ(files.size(), expected.size());
}

TEST(CorpusTest, GoodBotsValidateTogether) {
  testing::TempDir scratch;
  std::vector<std::string> args = {"validate"};
  for (const auto& name : YamlFiles(GoodDir()))
    args.push_back((GoodDir() / name).string());
  ASSERT_GE(args.size(), 4u);
  RunResult r = RunTravet(args, scratch.path());
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(Lines(r.out).size(), args.size() - 1);
}

// Files too large or too hostile to keep in the repository, made here
// (tools/bench/validate_bench times them).
class HostileBotTest : public ::testing::TestWithParam<testing::HostileBot> {};

TEST_P(HostileBotTest, IsRejectedWithOneLine) {
  const testing::HostileBot& bot = GetParam();
  testing::TempDir dir;
  ExpectRejected(dir.Write(bot.name, bot.text), bot.expected_line);
}

INSTANTIATE_TEST_SUITE_P(Generated, HostileBotTest, ::testing::ValuesIn(testing::HostileBots()),
                         [](const ::testing::TestParamInfo<testing::HostileBot>& info) {
                           return fs::path(info.param.name).stem().string();
                         });

}  // namespace
}  // namespace travet
