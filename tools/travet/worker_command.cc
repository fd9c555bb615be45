// travet worker: executes queued runs and takes over runs whose executor is
// gone, until stopped (or, with --once, until nothing is claimable).
#include <atomic>
#include <iostream>
#include <mutex>
#include <thread>
#include <vector>

#include "runtime/core/duration.h"
#include "runtime/core/line_escape.h"
#include "runtime/engine/worker.h"
#include "runtime/store/store.h"
#include "tools/travet/command.h"
#include "tools/travet/run_output.h"
#include "tools/travet/scan_reader.h"
#include "tools/travet/stop_signals.h"

namespace travet::cli {
namespace {

struct WorkerArgs {
  StoreFlag store;
  int workers = 1;
  bool once = false;
  std::string poll = "2s";
  std::string lease = "30s";
  std::string secrets_file;
  bool verbose = false;
};

std::mutex g_print_mu;

// Each worker thread's lines: what happened on stdout, the worker's own
// problems on stderr.
void PrintLine(const std::string& line, bool problem) {
  std::lock_guard lock(g_print_mu);
  (problem ? std::cerr << "travet worker: " : std::cout) << EscapeControls(line) << std::endl;
}

Result<engine::WorkerOptions> Configure(const WorkerArgs& args) {
  engine::WorkerOptions config;
  auto poll = ParseDuration(args.poll);
  if (!poll)
    return poll.error().WithContext("--poll");
  auto lease = ParseDuration(args.lease);
  if (!lease)
    return lease.error().WithContext("--lease");
  if (poll->count() <= 0 || lease->count() < 100)
    return InvalidArgument("--poll must be positive and --lease at least 100ms");
  if (args.workers < 1 || args.workers > 64)
    return InvalidArgument("--workers must be between 1 and 64");
  config.poll = *poll;
  config.ocr = &ScanReader();
  config.lease = {*lease, Millis(std::max<long long>(lease->count() / 3, 1))};
  config.secrets_file = args.secrets_file;
  config.log_sink = StderrSink(!args.verbose);
  config.stop = &InstallStopSignals().stop;
  config.once = args.once;
  config.report = PrintLine;
  return config;
}

int Work(const WorkerArgs& args) {
  auto config = Configure(args);
  if (!config) {
    std::cerr << "travet worker: " << config.error().message() << "\n";
    return kExitInvalid;
  }
  auto store = store::OpenStore(args.store.url);
  if (!store) {
    std::cerr << "travet worker: " << store.error().message() << "\n";
    return kExitFailed;
  }
  config->store = store->get();
  std::atomic<bool> ok{true};
  std::vector<std::thread> threads;
  threads.reserve(static_cast<std::size_t>(args.workers));
  for (int i = 0; i < args.workers; ++i) {
    threads.emplace_back([&] {
      if (!engine::RunWorker(*config))
        ok = false;
    });
  }
  for (auto& thread : threads)
    thread.join();
  return ok ? kExitOk : kExitFailed;
}

}  // namespace

std::function<int()> SetupWorker(CLI::App& cmd) {
  auto args = std::make_shared<WorkerArgs>();
  args->store.Add(cmd);
  cmd.add_option("--workers", args->workers, "Runs executed at the same time")
      ->capture_default_str();
  cmd.add_flag("--once", args->once, "Exit once nothing is claimable");
  cmd.add_option("--poll", args->poll, "Pause between looks for work when idle")
      ->capture_default_str();
  cmd.add_option("--lease", args->lease,
                 "How long a claim holds without a heartbeat (renewed every third of it)")
      ->capture_default_str();
  cmd.add_option("--secrets", args->secrets_file, "File of NAME=value secrets (mode 0600)");
  cmd.add_flag("-v,--verbose", args->verbose, "Every log line of the runs on stderr");
  cmd.footer(
      "Claims runs that are queued (e.g. after a review decision) or whose lease lapsed (or "
      "whose lease holder is a dead process on this host), loads each bot from the file "
      "recorded with the run and executes it from its checkpoints, one line per run on stdout. "
      "Also escalates and expires review tasks as `travet review sweep` does. "
      "SIGTERM or SIGINT: nothing more is claimed, the current step finishes and is "
      "checkpointed, the run (or work item) is given back at once (queued, pending) for any "
      "worker to resume, then the worker exits.\nExit status: 0, or 1 when the store failed.");
  return [args] { return Work(*args); };
}

}  // namespace travet::cli
