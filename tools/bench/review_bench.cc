// Review throughput and resume latency on SQLite:
//  - review tasks created and decided per second (each decision durable);
//  - time from an approval to the run having resumed and finished, in-process
//    (`travet runs resume` without a server), over a bot that waits once.
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <vector>

#include "runtime/actions/action_table.h"
#include "runtime/engine/runner.h"
#include "runtime/lang/loader.h"

namespace {

using Clock = std::chrono::steady_clock;
namespace fs = std::filesystem;
namespace store = travet::store;

double Ms(Clock::time_point since) {
  return std::chrono::duration<double, std::milli>(Clock::now() - since).count();
}

int TaskThroughput(store::Store& s, int count) {
  (void)s.CreateRun({.id = "bench", .bot = "bench"});
  auto start = Clock::now();
  for (int i = 0; i < count; ++i) {
    store::ReviewTask task;
    task.id = "t-" + std::to_string(i);
    task.run_id = "bench";
    task.step_path = "each[" + std::to_string(i) + "].checked";
    task.fields = {{"total", {{"value", "1464.00"}, {"confidence", 71}}}};
    if (!s.CreateTask(task).ok())
      return std::fprintf(stderr, "create failed\n"), 1;
    store::Decision d{.approve = true, .actor = "anna", .corrections = {{"total", "1464.10"}}};
    if (!s.DecideTask(task.id, d, travet::DefaultClock().Now()))
      return std::fprintf(stderr, "decide failed\n"), 1;
  }
  double ms = Ms(start);
  std::printf("tasks created+decided   %d in %.0f ms: %.0f tasks/s\n", count, ms,
              count * 1000.0 / ms);
  return 0;
}

int ResumeLatency(store::Store& s, const fs::path& dir, int runs) {
  travet::lang::LoadOptions load;
  load.actions = &travet::actions::ActionCatalog();
  auto bot = travet::lang::LoadBotText(
      "bot: resume-bench\nsteps:\n  - id: checked\n    uses: review\n    with: { fields: { total: "
      "\"1464.00\" } }\n"
      "  - uses: file.write\n    with: { path: out.txt, content: \"${{ steps.checked.fields.total "
      "}}\" }\n",
      "resume-bench.yaml", load);
  if (!bot.ok())
    return std::fprintf(stderr, "%s\n", bot.errors[0].c_str()), 1;
  travet::engine::RunOptions options;
  options.store = &s;
  options.work_dir = dir;
  std::vector<double> latencies;
  for (int i = 0; i < runs; ++i) {
    auto waiting = travet::engine::RunBot(*bot.bot, options);
    if (!waiting)
      return 1;
    auto task = s.FindTask(waiting->run_id, "checked");
    if (!task || !*task)
      return 1;
    auto start = Clock::now();
    store::Decision d{.approve = true, .actor = "anna"};
    if (!s.DecideTask((*task)->id, d, travet::DefaultClock().Now()))
      return 1;
    (void)s.Transition(waiting->run_id, store::RunState::kWaitingReview, store::RunState::kQueued);
    auto done = travet::engine::ResumeRun(*bot.bot, waiting->run_id, options);
    latencies.push_back(Ms(start));
    if (!done || done->state != store::RunState::kSucceeded) {
      std::fprintf(stderr, "resume failed: %s\n",
                   done ? done->error.c_str() : done.error().message().c_str());
      return 1;
    }
  }
  std::sort(latencies.begin(), latencies.end());
  std::printf("approval -> run resumed and finished: median %.1f ms, p90 %.1f ms (%d runs)\n",
              latencies[latencies.size() / 2], latencies[latencies.size() * 9 / 10], runs);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  int tasks = argc > 1 ? std::atoi(argv[1]) : 1000;
  fs::path dir = fs::temp_directory_path() / ("travet-review-bench-" + std::to_string(getpid()));
  fs::create_directories(dir);
  auto s = store::OpenStore("sqlite://" + (dir / "bench.db").string());
  if (!s)
    return std::fprintf(stderr, "%s\n", s.error().message().c_str()), 1;
  int rc = TaskThroughput(**s, tasks);
  if (rc == 0)
    rc = ResumeLatency(**s, dir, 50);
  fs::remove_all(dir);
  return rc;
}
