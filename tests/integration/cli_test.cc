#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fcntl.h>

#include "runtime/core/value.h"
#include "tests/fakes/temp_dir.h"

namespace travet::testing {
namespace {

struct Output {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs the real `travet` binary with `args` in `dir`; no shell involved.
Output Travet(const std::vector<std::string>& args, const std::filesystem::path& dir) {
  std::string binary = std::string(TRAVET_BINARY_DIR) + "/tools/travet/travet";
  auto out_path = dir / ".stdout", err_path = dir / ".stderr";
  pid_t pid = fork();
  if (pid == 0) {
    if (chdir(dir.c_str()) != 0) _exit(127);
    int out = open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    int err = open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    int in = open("/dev/null", O_RDONLY);
    dup2(out, 1);
    dup2(err, 2);
    dup2(in, 0);
    std::vector<char*> argv{binary.data()};
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    execv(binary.c_str(), argv.data());
    _exit(127);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  Output o;
  o.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  o.out = ReadFile(out_path);
  o.err = ReadFile(err_path);
  return o;
}

TEST(CliTest, RunSucceedsAndIsRecorded) {
  TempDir dir;
  dir.Write("hello.yaml", R"(bot: hello
inputs:
  name: { type: string, default: world }
steps:
  - uses: file.write
    with: { path: hello.txt, content: "Ciao, ${{ inputs.name }}!" }
)");
  Output run = Travet({"run", "hello.yaml", "-i", "name=Torino", "--json"}, dir.path());
  ASSERT_EQ(run.exit_code, 0) << run.err;
  Value result = Value::parse(run.out);
  EXPECT_EQ(result["state"], "succeeded");
  EXPECT_EQ(dir.Read("hello.txt"), "Ciao, Torino!");

  Output list = Travet({"runs", "list", "--json"}, dir.path());
  ASSERT_EQ(list.exit_code, 0) << list.err;
  Value runs = Value::parse(list.out);
  ASSERT_EQ(runs.size(), 1u);
  EXPECT_EQ(runs[0]["id"], result["run_id"]);
  EXPECT_EQ(runs[0]["inputs"]["name"], "Torino");

  Output show = Travet({"runs", "show", result["run_id"].get<std::string>(), "--json"}, dir.path());
  ASSERT_EQ(show.exit_code, 0) << show.err;
  Value shown = Value::parse(show.out);
  EXPECT_EQ(shown["steps"][0]["path"], "step1");
  EXPECT_EQ(shown["steps"][0]["status"], "succeeded");
}

TEST(CliTest, ExitStatusesTellFailedFromInvalid) {
  TempDir dir;
  dir.Write("fails.yaml", "bot: fails\nsteps:\n  - uses: fail\n    with: { message: no }\n");
  dir.Write("bad.yaml", "bot: bad\nsteps:\n  - uses: nope\n");
  Output failed = Travet({"run", "fails.yaml"}, dir.path());
  EXPECT_EQ(failed.exit_code, 1);
  EXPECT_NE(failed.out.find("failed: no"), std::string::npos) << failed.out;
  Output invalid = Travet({"run", "bad.yaml"}, dir.path());
  EXPECT_EQ(invalid.exit_code, 2);
  EXPECT_EQ(invalid.err, "bad.yaml:3:11: unknown action 'nope' (see 'travet actions')\n");
  Output bad_input = Travet({"run", "fails.yaml", "-i", "x=1"}, dir.path());
  EXPECT_EQ(bad_input.exit_code, 2);
  EXPECT_EQ(bad_input.err, "travet run: fails.yaml: unknown input 'x'\n");
  Output usage = Travet({"run"}, dir.path());
  EXPECT_EQ(usage.exit_code, 2);
}

TEST(CliTest, ValidateActionsAndSchema) {
  TempDir dir;
  dir.Write("ok.yaml", "bot: ok\nsteps:\n  - uses: log\n    with: { message: hi }\n");
  Output valid = Travet({"validate", "ok.yaml"}, dir.path());
  EXPECT_EQ(valid.exit_code, 0);
  EXPECT_EQ(valid.out, "ok.yaml: ok\n");
  Output actions = Travet({"actions", "--json"}, dir.path());
  ASSERT_EQ(actions.exit_code, 0);
  Value table = Value::parse(actions.out);
  std::vector<std::string> names;
  for (const auto& row : table) names.push_back(row["name"]);
  EXPECT_TRUE(std::is_sorted(names.begin(), names.end()));
  for (const char* expected : {"fail", "file.copy", "file.delete", "file.list", "file.move",
                               "file.read", "file.write", "http.request", "log", "script", "set"}) {
    EXPECT_NE(std::find(names.begin(), names.end(), expected), names.end()) << expected;
  }
  Output schema = Travet({"schema"}, dir.path());
  ASSERT_EQ(schema.exit_code, 0);
  Value parsed = Value::parse(schema.out);
  EXPECT_EQ(parsed["$schema"], "https://json-schema.org/draft/2020-12/schema");
  Output help = Travet({"run", "--help"}, dir.path());
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.out.find("--store"), std::string::npos);
}

}  // namespace
}  // namespace travet::testing
