// Step overhead: a bot of N `set` steps in a `foreach`, checkpointed in a real
// SQLite store, against a baseline of the same N checkpoints saved straight
// to the same store in the same process. Prints steps/s, the ratio and peak RSS.
// Then the same loop with `items: true` (each iteration a work item saved in
// the store) against the plain loop: the cost of work items.
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "runtime/actions/action_table.h"
#include "runtime/engine/runner.h"
#include "runtime/lang/loader.h"

namespace {

using travet::Value;
namespace fs = std::filesystem;

double Seconds(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

long PeakRssKb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

std::string BotText(int steps, bool items) {
  return "bot: step-bench\n"
         "steps:\n"
         "  - id: items\n"
         "    uses: script\n"
         "    with: { lua: \"local t = {} for i = 1, " +
         std::to_string(steps) +
         " do t[i] = i end return t\" }\n"
         "  - foreach: \"${{ steps.items }}\"\n"
         "    as: n\n" +
         std::string(items ? "    items: true\n" : "") +
         "    steps:\n"
         "      - uses: set\n"
         "        with: { last: \"${{ n }}\" }\n";
}

// Runs the bench bot over `steps` items; the seconds it took, or -1.
double TimeBot(travet::store::Store& store, const fs::path& dir, int steps, bool items,
               long long* steps_run) {
  travet::lang::LoadOptions load;
  load.actions = &travet::actions::ActionCatalog();
  auto loaded = travet::lang::LoadBotText(BotText(steps, items), "step-bench.yaml", load);
  if (!loaded.ok())
    return std::fprintf(stderr, "%s\n", loaded.errors[0].c_str()), -1;
  travet::engine::RunOptions options;
  options.store = &store;
  options.work_dir = dir;
  auto start = std::chrono::steady_clock::now();
  auto outcome = travet::engine::RunBot(*loaded.bot, options);
  double seconds = Seconds(start);
  if (!outcome || outcome->state != travet::store::RunState::kSucceeded)
    return std::fprintf(stderr, "run failed\n"), -1;
  *steps_run = outcome->steps_run;
  return seconds;
}

int Run(int steps, const fs::path& dir) {
  auto store = travet::store::OpenStore("sqlite://" + (dir / "bench.db").string());
  if (!store)
    return std::fprintf(stderr, "%s\n", store.error().message().c_str()), 1;
  long long steps_run = 0;
  double engine_s = TimeBot(**store, dir, steps, /*items=*/false, &steps_run);
  long rss_kb = PeakRssKb();
  if (engine_s < 0)
    return 1;
  travet::store::RunRecord run{.id = "baseline", .bot = "baseline"};
  (void)(*store)->CreateRun(run);
  // The baseline: the same checkpoints saved straight to the store in the
  // engine's batches of 256, with nothing else going on.
  auto start = std::chrono::steady_clock::now();
  std::vector<travet::store::Checkpoint> batch;
  for (int i = 0; i < steps; ++i) {
    travet::store::Checkpoint cp;
    cp.step_path = "step2[" + std::to_string(i) + "].step1";
    cp.output = {{"last", i}};
    batch.push_back(std::move(cp));
    if (batch.size() == 256 || i == steps - 1) {
      (void)(*store)->SaveCheckpoints("baseline", batch);
      batch.clear();
    }
  }
  double baseline_s = Seconds(start);

  std::printf("steps run            %lld\n", steps_run);
  std::printf("engine               %.3f s  %.0f steps/s\n", engine_s, steps_run / engine_s);
  std::printf("baseline (saves)     %.3f s  %.0f saves/s\n", baseline_s, steps / baseline_s);
  std::printf("engine / baseline    %.2fx\n", engine_s / baseline_s);
  std::printf("peak RSS             %.1f MB\n", rss_kb / 1024.0);

  long long item_steps = 0;
  double items_s = TimeBot(**store, dir, steps, /*items=*/true, &item_steps);
  if (items_s < 0)
    return 1;
  std::printf("items: true          %.3f s  %.0f items/s\n", items_s, steps / items_s);
  std::printf("items / plain loop   %.2fx\n", items_s / engine_s);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  int steps = argc > 1 ? std::atoi(argv[1]) : 10000;
  fs::path dir = fs::temp_directory_path() / ("travet-step-bench-" + std::to_string(getpid()));
  fs::create_directories(dir);
  int rc = Run(steps, dir);
  fs::remove_all(dir);
  return rc;
}
