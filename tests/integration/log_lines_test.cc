#include <gtest/gtest.h>

#include <sstream>

#include "runtime/core/value.h"
#include "tests/fakes/run_travet.h"
#include "tests/fakes/temp_dir.h"

namespace travet::testing {
namespace {

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    lines.push_back(line);
  return lines;
}

// A URL and a log message with CRLF in them (as a bot's input could carry):
// each stays on its own line, escaped, on stderr and in `travet runs show`.
TEST(LogLinesTest, LineBreaksInLoggedTextAreEscaped) {
  TempDir dir;
  dir.Write("bot.yaml", R"(bot: forged
steps:
  - uses: log
    with: { message: "got x\r\n[error] forged line" }
  - uses: http.request
    with: { url: "http://127.0.0.1:1/a\r\n[info] forged", timeout: 2s }
)");
  TravetOutput run = RunTravet({"run", "bot.yaml", "--json"}, dir.path());
  ASSERT_EQ(run.exit_code, 1) << run.err;
  for (const std::string& line : Lines(run.err))
    EXPECT_TRUE(line.starts_with("[info] ") || line.starts_with("[error] ")) << line;
  EXPECT_NE(run.err.find("got x\\r\\n[error] forged line\n"), std::string::npos) << run.err;
  EXPECT_EQ(run.err.find('\r'), std::string::npos) << run.err;

  std::string id = Value::parse(run.out)["run_id"].get<std::string>();
  TravetOutput show = RunTravet({"runs", "show", id}, dir.path());
  ASSERT_EQ(show.exit_code, 0) << show.err;
  EXPECT_EQ(show.out.find('\r'), std::string::npos) << show.out;
  for (const std::string& line : Lines(show.out))
    EXPECT_FALSE(line.starts_with("[")) << line;
  EXPECT_NE(show.out.find("a\\r\\n[info] forged"), std::string::npos) << show.out;
}

// A reject reason is free text and lands in the audit log as its note;
// `review history` shows it on the one line of its entry. (A `--as` name with
// a control character is refused before it reaches the log.)
TEST(LogLinesTest, AuditNotesAreEscapedInTheHistory) {
  TempDir dir;
  dir.Write("bot.yaml", R"(bot: checked
steps:
  - uses: review
    with: { queue: accounting, fields: { total: "12.00" } }
)");
  ASSERT_EQ(RunTravet({"run", "bot.yaml"}, dir.path()).exit_code, 3);
  Value tasks = Value::parse(RunTravet({"review", "list", "--json"}, dir.path()).out);
  ASSERT_EQ(tasks.size(), 1u);
  std::string task = tasks[0]["id"].get<std::string>();
  std::string reason = "duplicate\n2026-01-01T00:00:00Z  boss  approve";
  TravetOutput rejected =
      RunTravet({"review", "reject", task, "--as", "anna", "--reason", reason}, dir.path());
  ASSERT_EQ(rejected.exit_code, 0) << rejected.err;

  TravetOutput history = RunTravet({"review", "history", task}, dir.path());
  ASSERT_EQ(history.exit_code, 0) << history.err;
  std::vector<std::string> lines = Lines(history.out);
  ASSERT_EQ(lines.size(), 2u) << history.out;
  EXPECT_TRUE(lines[1].ends_with(" duplicate\\n2026-01-01T00:00:00Z  boss  approve")) << lines[1];
}

}  // namespace
}  // namespace travet::testing
