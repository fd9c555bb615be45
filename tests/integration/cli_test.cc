#include <gtest/gtest.h>

#include <map>
#include <thread>

#include "runtime/core/value.h"
#include "tests/fakes/run_travet.h"
#include "tests/fakes/temp_dir.h"

namespace travet::testing {
namespace {

// The real binary, run in `dir`.
TravetOutput Travet(const std::vector<std::string>& args, const std::filesystem::path& dir) {
  return RunTravet(args, dir);
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
  TravetOutput run = Travet({"run", "hello.yaml", "-i", "name=Torino", "--json"}, dir.path());
  ASSERT_EQ(run.exit_code, 0) << run.err;
  Value result = Value::parse(run.out);
  EXPECT_EQ(result["state"], "succeeded");
  EXPECT_EQ(dir.Read("hello.txt"), "Ciao, Torino!");

  TravetOutput list = Travet({"runs", "list", "--json"}, dir.path());
  ASSERT_EQ(list.exit_code, 0) << list.err;
  Value runs = Value::parse(list.out)["runs"];
  ASSERT_EQ(runs.size(), 1u);
  EXPECT_EQ(runs[0]["id"], result["run_id"]);
  EXPECT_EQ(runs[0]["inputs"]["name"], "Torino");

  TravetOutput show =
      Travet({"runs", "show", result["run_id"].get<std::string>(), "--json"}, dir.path());
  ASSERT_EQ(show.exit_code, 0) << show.err;
  Value shown = Value::parse(show.out);
  EXPECT_EQ(shown["steps"][0]["path"], "step1");
  EXPECT_EQ(shown["steps"][0]["status"], "succeeded");
}

// A deliberate double submission: two processes run the same bot on the same
// inbox at once. With `unique: true` every document is written once, by
// whichever run took its key first; the other run's item is a duplicate.
TEST(CliTest, TwoRunsAtOnceProcessEachUniqueDocumentOnce) {
  TempDir dir;
  constexpr int kDocs = 40;
  for (int i = 0; i < kDocs; ++i)
    dir.Write("inbox/" + std::to_string(100 + i) + ".txt", "scan");
  dir.Write("intake.yaml", R"(bot: intake
steps:
  - id: docs
    uses: file.list
    with: { dir: inbox, pattern: "*.txt" }
  - foreach: "${{ steps.docs.files }}"
    as: doc
    items: true
    unique: true
    key: "${{ doc.name }}"
    steps:
      - uses: file.write
        with: { path: "done/${{ doc.name }}.${{ run.id }}", content: "${{ run.id }}" }
)");
  ASSERT_EQ(Travet({"validate", "intake.yaml"}, dir.path()).exit_code, 0);
  TravetOutput first, second;
  std::thread other([&] { second = Travet({"run", "intake.yaml", "-q"}, dir.path()); });
  first = Travet({"run", "intake.yaml", "-q"}, dir.path());
  other.join();
  ASSERT_EQ(first.exit_code, 0) << first.err;
  ASSERT_EQ(second.exit_code, 0) << second.err;
  std::map<std::string, int> written;  // document -> how many runs wrote it
  for (const auto& entry : std::filesystem::directory_iterator(dir.path() / "done"))
    ++written[entry.path().stem().string()];
  EXPECT_EQ(written.size(), static_cast<size_t>(kDocs));
  for (const auto& [doc, times] : written)
    EXPECT_EQ(times, 1) << doc;
}

// A batch where one document waits for a person and one fails: the run waits
// (exit 3) with the others done, and people can see which item is where.
TEST(CliTest, WorkItemsAreListedWithTheirStateAndError) {
  TempDir dir;
  for (const char* name : {"a.txt", "b.txt", "c.txt"})
    dir.Write(std::string("inbox/") + name, name);
  dir.Write("batch.yaml", R"(bot: batch
steps:
  - id: docs
    uses: file.list
    with: { dir: inbox, pattern: "*.txt" }
  - id: each
    foreach: "${{ steps.docs.files }}"
    as: doc
    items: true
    key: "${{ doc.name }}"
    steps:
      - if: "${{ doc.name == 'b.txt' }}"
        uses: fail
        with: { message: "no total on ${{ doc.name }}" }
      - if: "${{ doc.name == 'c.txt' }}"
        uses: review
        with: { queue: batch, fields: { total: { value: "1.00", confidence: 40, valid: true } } }
      - uses: file.copy
        with: { from: "${{ doc.path }}", to: "done/${{ doc.name }}" }
)");
  TravetOutput run = Travet({"run", "batch.yaml", "--json"}, dir.path());
  ASSERT_EQ(run.exit_code, 3) << run.out << run.err;
  std::string id = Value::parse(run.out)["run_id"].get<std::string>();
  EXPECT_EQ(dir.Read("done/a.txt"), "a.txt");  // not held up by c.txt's review

  TravetOutput failed = Travet({"runs", "items", id, "--state", "failed"}, dir.path());
  ASSERT_EQ(failed.exit_code, 0) << failed.err;
  EXPECT_EQ(failed.out, "  failed          b.txt  no total on b.txt\n");
  TravetOutput json = Travet({"runs", "items", id, "--json"}, dir.path());
  ASSERT_EQ(json.exit_code, 0) << json.err;
  Value items = Value::parse(json.out);
  ASSERT_EQ(items.size(), 3u);
  EXPECT_EQ(items[2]["key"], "c.txt");
  EXPECT_EQ(items[2]["state"], "waiting_review");
  TravetOutput show = Travet({"runs", "show", id}, dir.path());
  EXPECT_NE(show.out.find("items: 1 failed 1 succeeded 1 waiting_review\n"), std::string::npos)
      << show.out;
  // The failed item goes back to work (and fails again: its scan is still
  // unreadable); the run still waits for c.txt.
  TravetOutput retry = Travet({"runs", "retry", id, "-q"}, dir.path());
  EXPECT_EQ(retry.exit_code, 3) << retry.out << retry.err;
  TravetOutput after = Travet({"runs", "items", id, "--state", "failed", "--json"}, dir.path());
  EXPECT_EQ(Value::parse(after.out)[0]["attempts"], 2);
  TravetOutput no_such = Travet({"runs", "retry", id, "--items", "z.txt"}, dir.path());
  EXPECT_EQ(no_such.exit_code, 2);
  EXPECT_EQ(no_such.err, "travet runs retry: no work item 'z.txt' (see travet runs items)\n");
  TravetOutput unknown = Travet({"runs", "items", id, "--state", "lost"}, dir.path());
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_EQ(unknown.err,
            "travet runs items: unknown state 'lost' (pending, running, waiting_review, "
            "succeeded, failed)\n");
}

// No silent limit: a page that does not hold every run says how to go on.
// A run waiting for review has no step checkpointed yet; its log lines kept
// the level and the text apart only when a step line came before them.
TEST(CliTest, RunsShowKeepsTheLogColumnsApart) {
  TempDir dir;
  dir.Write("checked.yaml", R"(bot: checked
steps:
  - uses: review
    with: { queue: accounting, fields: { total: "12.00" } }
)");
  TravetOutput run = Travet({"run", "checked.yaml", "--json"}, dir.path());
  ASSERT_EQ(run.exit_code, 3) << run.err;
  std::string id = Value::parse(run.out)["run_id"].get<std::string>();
  TravetOutput show = Travet({"runs", "show", id}, dir.path());
  ASSERT_EQ(show.exit_code, 0) << show.err;
  EXPECT_NE(show.out.find("Z info    run of checked started (attempt 1)\n"), std::string::npos)
      << show.out;
  EXPECT_NE(show.out.find("Z info    step1: waiting for review "), std::string::npos) << show.out;
}

TEST(CliTest, RunsListPagesWithoutHidingRuns) {
  TempDir dir;
  dir.Write("hi.yaml", "bot: hi\nsteps:\n  - uses: log\n    with: { message: hi }\n");
  for (int i = 0; i < 3; ++i)
    ASSERT_EQ(Travet({"run", "hi.yaml", "-q"}, dir.path()).exit_code, 0);
  TravetOutput first = Travet({"runs", "list", "--limit", "2", "--json"}, dir.path());
  ASSERT_EQ(first.exit_code, 0) << first.err;
  Value page = Value::parse(first.out);
  ASSERT_EQ(page["runs"].size(), 2u);
  ASSERT_TRUE(page["next_before"].is_string());
  TravetOutput text = Travet({"runs", "list", "--limit", "2"}, dir.path());
  EXPECT_EQ(text.err, "(2 shown, more match: add --before " +
                          page["next_before"].get<std::string>() +
                          " for the next page, or --limit 0 for all)\n");
  TravetOutput second = Travet(
      {"runs", "list", "--limit", "2", "--json", "--before", page["next_before"]}, dir.path());
  Value rest = Value::parse(second.out);
  ASSERT_EQ(rest["runs"].size(), 1u);
  EXPECT_TRUE(rest["next_before"].is_null());
  EXPECT_TRUE(second.err.empty()) << second.err;

  Value today = Value::parse(
      Travet({"runs", "list", "--json", "--since", "2020-01-01", "--until", "2099-12-31"},
             dir.path())
          .out);
  EXPECT_EQ(today["runs"].size(), 3u);
  Value ever = Value::parse(
      Travet({"runs", "list", "--json", "--since", "0001-01-01", "--until", "9999-12-31"},
             dir.path())
          .out);
  EXPECT_EQ(ever["runs"].size(), 3u) << "the last day there is still includes today";
  EXPECT_EQ(Value::parse(
                Travet({"runs", "list", "--json", "--until", "2020-01-01"}, dir.path()).out)["runs"]
                .size(),
            0u);
  TravetOutput bad = Travet({"runs", "list", "--since", "yesterday"}, dir.path());
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_EQ(bad.err,
            "travet runs list: --since 'yesterday' is not a date: use YYYY-MM-DD or "
            "2026-11-27T08:15:00Z\n");
  EXPECT_EQ(Travet({"runs", "list", "--before", "r-nope"}, dir.path()).exit_code, 2);
}

TEST(CliTest, ExitStatusesTellFailedFromInvalid) {
  TempDir dir;
  dir.Write("fails.yaml", "bot: fails\nsteps:\n  - uses: fail\n    with: { message: no }\n");
  dir.Write("bad.yaml", "bot: bad\nsteps:\n  - uses: nope\n");
  TravetOutput failed = Travet({"run", "fails.yaml"}, dir.path());
  EXPECT_EQ(failed.exit_code, 1);
  EXPECT_NE(failed.out.find("failed: no"), std::string::npos) << failed.out;
  TravetOutput invalid = Travet({"run", "bad.yaml"}, dir.path());
  EXPECT_EQ(invalid.exit_code, 2);
  EXPECT_EQ(invalid.err, "bad.yaml:3:11: unknown action 'nope' (see 'travet actions')\n");
  TravetOutput bad_input = Travet({"run", "fails.yaml", "-i", "x=1"}, dir.path());
  EXPECT_EQ(bad_input.exit_code, 2);
  EXPECT_EQ(bad_input.err, "travet run: fails.yaml: unknown input 'x'\n");
  TravetOutput usage = Travet({"run"}, dir.path());
  EXPECT_EQ(usage.exit_code, 2);
}

TEST(CliTest, ValidateActionsAndSchema) {
  TempDir dir;
  dir.Write("ok.yaml", "bot: ok\nsteps:\n  - uses: log\n    with: { message: hi }\n");
  TravetOutput valid = Travet({"validate", "ok.yaml"}, dir.path());
  EXPECT_EQ(valid.exit_code, 0);
  EXPECT_EQ(valid.out, "ok.yaml: ok\n");
  TravetOutput actions = Travet({"actions", "--json"}, dir.path());
  ASSERT_EQ(actions.exit_code, 0);
  Value table = Value::parse(actions.out);
  std::vector<std::string> names;
  for (const auto& row : table)
    names.push_back(row["name"]);
  EXPECT_TRUE(std::is_sorted(names.begin(), names.end()));
  for (const char* expected : {"fail", "file.copy", "file.delete", "file.list", "file.move",
                               "file.read", "file.write", "http.request", "log", "script", "set"}) {
    EXPECT_NE(std::find(names.begin(), names.end(), expected), names.end()) << expected;
  }
  TravetOutput schema = Travet({"schema"}, dir.path());
  ASSERT_EQ(schema.exit_code, 0);
  Value parsed = Value::parse(schema.out);
  EXPECT_EQ(parsed["$schema"], "https://json-schema.org/draft/2020-12/schema");
  TravetOutput help = Travet({"run", "--help"}, dir.path());
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.out.find("--store"), std::string::npos);
}

}  // namespace
}  // namespace travet::testing
