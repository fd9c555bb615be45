// Runs the real `travet validate` on every bot in tests/data/bad_bots (and on
// huge or hostile files generated here) and on every bot in
// tests/data/good_bots: what a bot developer sees is one clear line per
// problem, exit status 2, and an answer within a second (scaled by a measured baseline).

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

#include "tests/fakes/temp_dir.h"

namespace travet {
namespace {

namespace fs = std::filesystem;
using std::chrono::milliseconds;
using std::chrono::steady_clock;

// Validation of any file, however broken or large, answers within 1 s in a
// release build. A sanitizer build or a busy machine slows every process, so
// the limit is also scaled by a baseline measured here: a hostile file may
// take at most kBaselineRatio times as long as validating the minimal bot.
constexpr milliseconds kTimeLimit{1000};
constexpr int kBaselineRatio = 8;
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
  milliseconds elapsed{0};
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
  result.elapsed = std::chrono::duration_cast<milliseconds>(steady_clock::now() - start);
  if (WIFEXITED(status))
    result.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status))
    result.signal = WTERMSIG(status);
  result.out = testing::ReadFile(out_path);
  result.err = testing::ReadFile(err_path);
  return result;
}

// The fastest of three validations of the minimal good bot, measured once.
milliseconds Baseline() {
  static const milliseconds baseline = [] {
    testing::TempDir scratch;
    milliseconds best = kKillAfter;
    for (int i = 0; i < 3; ++i)
      best = std::min(
          best,
          RunTravet({"validate", (GoodDir() / "minimal.yaml").string()}, scratch.path()).elapsed);
    return best;
  }();
  return baseline;
}

milliseconds TimeBudget() {
  return std::max(kTimeLimit, Baseline() * kBaselineRatio);
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
// nothing on stdout, exactly `expected_line` on stderr, in time, no crash.
void ExpectRejected(const fs::path& bot, const std::string& expected_line) {
  testing::TempDir scratch;
  RunResult r = RunTravet({"validate", bot.string()}, scratch.path());
  EXPECT_EQ(r.signal, 0) << "killed by signal " << r.signal << "\n" << r.err.substr(0, 2000);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  std::vector<std::string> lines = Lines(r.err);
  ASSERT_EQ(lines.size(), 1u) << r.err.substr(0, 4000);
  EXPECT_EQ(lines[0], Replace(expected_line, "{file}", bot.string()));
  EXPECT_LT(r.elapsed.count(), TimeBudget().count())
      << "validation took too long (baseline " << Baseline().count() << " ms)";
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
  EXPECT_LT(r.elapsed.count(), TimeBudget().count()) << "baseline " << Baseline().count() << " ms";
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

// Files too large or too hostile to keep in the repository, made here.

std::string Repeat(const std::string& piece, size_t times) {
  std::string out;
  out.reserve(piece.size() * times);
  for (size_t i = 0; i < times; ++i)
    out += piece;
  return out;
}

const char kSteps[] = "steps:\n  - uses: log\n    with: { message: hello }\n";

// "billion laughs": 10 levels of 10 aliases each, 10^10 nodes once expanded.
std::string AliasBomb() {
  std::string text =
      "bot: demo\nvars:\n  l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
  for (int level = 1; level < 10; ++level) {
    std::string prev = "*l" + std::to_string(level - 1);
    text += "  l" + std::to_string(level) + ": &l" + std::to_string(level) + " [" +
            Repeat(prev + ", ", 9) + prev + "]\n";
  }
  return text + kSteps;
}

class GeneratedBotTest : public ::testing::Test {
 protected:
  void ExpectRejectedText(const std::string& name, const std::string& text,
                          const std::string& expected_line) {
    fs::path bot = dir_.Write(name, text);
    ExpectRejected(bot, expected_line);
  }
  testing::TempDir dir_;
};

TEST_F(GeneratedBotTest, RejectsDeepFlowNesting) {
  ExpectRejectedText("deep_flow.yaml",
                     "bot: demo\nvars:\n  deep: " + Repeat("[", 10'000) + "1" +
                         Repeat("]", 10'000) + "\n" + kSteps,
                     "{file}:3:73: nesting is too deep (the limit is 64 levels)");
}

TEST_F(GeneratedBotTest, RejectsDeepBlockNesting) {
  ExpectRejectedText("deep_block.yaml",
                     "bot: demo\nvars:\n  deep:\n    " + Repeat("- ", 10'000) + "1\n" + kSteps,
                     "{file}:4:129: nesting is too deep (the limit is 64 levels)");
}

TEST_F(GeneratedBotTest, RejectsDeepMapNesting) {
  ExpectRejectedText("deep_map.yaml",
                     "bot: demo\nvars:\n  deep: " + Repeat("{a: ", 10'000) + "1" +
                         Repeat("}", 10'000) + "\n" + kSteps,
                     "{file}:3:265: nesting is too deep (the limit is 64 levels)");
}

TEST_F(GeneratedBotTest, RejectsAliasBomb) {
  ExpectRejectedText("alias_bomb.yaml", AliasBomb(),
                     "{file}:7:47: document is too large: more than 100000 nodes (an alias bomb?)");
}

TEST_F(GeneratedBotTest, RejectsTenMegabyteString) {
  std::string text = "bot: demo\ndescription: \"" + Repeat("x", 10'000'000) + "\"\n" + kSteps;
  ExpectRejectedText("huge_string.yaml", text,
                     "{file}:1:1: file is too large (" + std::to_string(text.size()) +
                         " bytes; the limit is 1048576)");
}

TEST_F(GeneratedBotTest, RejectsTwoMegabytesOfKeys) {
  std::string text = "bot: demo\nvars:\n";
  for (int i = 0; text.size() < 2'000'000; ++i)
    text += "  key" + std::to_string(i) + ": value\n";
  text += kSteps;
  ExpectRejectedText("many_keys.yaml", text,
                     "{file}:1:1: file is too large (" + std::to_string(text.size()) +
                         " bytes; the limit is 1048576)");
}

// 50,000 keys in one map: the node limit must answer quickly, so the check for
// duplicate keys must not compare every key with every other one.
TEST_F(GeneratedBotTest, RejectsTooManyKeysUnderTheSizeLimit) {
  std::string text = "bot: demo\nvars:\n";
  for (int i = 0; i < 60'000; ++i)
    text += "  k" + std::to_string(i) + ": 1\n";
  text += kSteps;
  ASSERT_LT(text.size(), 1u << 20);
  ExpectRejectedText(
      "too_many_keys.yaml", text,
      "{file}:50001:11: document is too large: more than 100000 nodes (an alias bomb?)");
}

TEST_F(GeneratedBotTest, RejectsVeryLongLine) {
  std::string text = "bot: demo\ndescription: " + Repeat("word ", 200'000) + "\n" + kSteps;
  ASSERT_LT(text.size(), 1u << 20);
  ExpectRejectedText("long_line.yaml", text,
                     "{file}:2:14: value is too long (999999 bytes; the limit is 65536)");
}

TEST_F(GeneratedBotTest, RejectsVeryLongFlowLine) {
  std::string text = "bot: demo\nvars:\n  list: [" + Repeat("1, ", 120'000) + "1]\n" + kSteps;
  ASSERT_LT(text.size(), 1u << 20);
  ExpectRejectedText(
      "long_flow_line.yaml", text,
      "{file}:3:299998: document is too large: more than 100000 nodes (an alias bomb?)");
}

}  // namespace
}  // namespace travet
