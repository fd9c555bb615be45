// travet worker: executes queued runs and takes over runs whose executor is
// gone, until stopped (or, with --once, until nothing is claimable).
#include <signal.h>

#include <atomic>
#include <iostream>
#include <mutex>
#include <thread>
#include <vector>

#include "runtime/actions/bot_loading.h"
#include "runtime/core/duration.h"
#include "runtime/core/line_escape.h"
#include "runtime/engine/run_lease.h"
#include "runtime/engine/runner.h"
#include "runtime/store/store.h"
#include "tools/travet/command.h"
#include "tools/travet/run_output.h"

namespace travet::cli {
namespace {

// Set by SIGTERM and SIGINT; lock-free, so a signal handler may store it.
std::atomic<bool> g_stop{false};

extern "C" void OnStopSignal(int) {
  g_stop.store(true);
}

struct WorkerArgs {
  StoreFlag store;
  int workers = 1;
  bool once = false;
  std::string poll = "2s";
  std::string lease = "30s";
  std::string secrets_file;
  bool verbose = false;
};

struct WorkerConfig {
  Millis poll{2000};
  engine::LeaseTiming lease;
  std::string secrets_file;
  bool verbose = false;
  bool once = false;
};

std::mutex g_print_mu;

void PrintLine(std::ostream& out, const std::string& line) {
  std::lock_guard lock(g_print_mu);
  out << EscapeControls(line) << std::endl;
}

// Sleeps `duration`, waking early on a stop signal.
void Nap(Millis duration) {
  auto until = std::chrono::steady_clock::now() + duration;
  while (!g_stop.load() && std::chrono::steady_clock::now() < until)
    std::this_thread::sleep_for(Millis(50));
}

std::string Describe(const store::RunRecord& run) {
  return "run " + run.id + " " + run.bot + " (attempt " + std::to_string(run.attempt) + ")";
}

// Executes one claimed run and logs one line about it.
void Process(store::Store& store, const store::RunRecord& run, const WorkerConfig& config) {
  lang::LoadResult loaded = actions::LoadBot(run.bot_file);
  if (!loaded.ok()) {
    // The loader's errors name the file already.
    std::string error =
        "cannot load the bot: " + (loaded.errors.empty() ? run.bot_file : loaded.errors.front());
    Status failed = store.FinishAttempt(run.id, run.attempt, store::RunState::kFailed, error);
    PrintLine(std::cout, Describe(run) + " failed: " + error +
                             (failed.ok() ? "" : " (not recorded: " + failed.message() + ")"));
    return;
  }
  engine::RunOptions options;
  options.store = &store;
  if (!config.secrets_file.empty())
    options.secrets.file = config.secrets_file;
  options.log_sink = StderrSink(!config.verbose);
  options.lease = config.lease;
  options.lease_owner = run.lease_owner;
  options.stop = &g_stop;
  auto outcome = engine::ExecuteClaimedRun(*loaded.bot, run, options);
  if (!outcome) {
    PrintLine(std::cout, Describe(run) + " stopped: " + outcome.error().message());
    return;
  }
  std::string line = Describe(run) + " " + std::string(store::RunStateName(outcome->state)) + ", " +
                     std::to_string(outcome->steps_run) + " steps run";
  if (!outcome->error.empty())
    line += ": " + outcome->error;
  if (!outcome->waiting_for.empty())
    line += ": " + outcome->waiting_for;
  PrintLine(std::cout, line);
}

// Escalates overdue review tasks and expires old ones (re-queueing their runs,
// which this worker then claims), as `travet review sweep` does.
bool Sweep(store::Store& store) {
  auto report = store.SweepTasks(DefaultClock().Now());
  if (!report) {
    PrintLine(std::cerr, "travet worker: review sweep: " + report.error().message());
    return false;
  }
  for (const auto& task : report->escalated)
    PrintLine(std::cout, "task " + task.id + " escalated in queue " + task.queue);
  for (const auto& task : report->expired)
    PrintLine(std::cout, "task " + task.id + " expired undecided");
  return true;
}

// One worker: claims and executes runs until stopped; with `once`, until
// nothing is claimable. Sweeps the review tasks when it starts and after each
// idle pause. False when the store failed.
bool Loop(store::Store& store, const WorkerConfig& config) {
  const std::string owner = engine::NewLeaseOwner();
  bool ok = true;
  bool swept = false;
  while (!g_stop.load()) {
    if (!swept) {
      ok = Sweep(store) && ok;
      swept = true;
    }
    auto claimed = engine::ClaimNextRun(store, {owner, DefaultClock().Now(), config.lease.length});
    if (!claimed) {
      PrintLine(std::cerr, "travet worker: " + claimed.error().message());
      ok = false;
    } else if (claimed->has_value()) {
      Process(store, **claimed, config);
      continue;
    }
    if (config.once)
      break;
    Nap(config.poll);
    swept = false;
  }
  return ok;
}

void InstallStopHandlers() {
  struct sigaction action = {};
  action.sa_handler = OnStopSignal;
  sigemptyset(&action.sa_mask);
  sigaction(SIGTERM, &action, nullptr);
  sigaction(SIGINT, &action, nullptr);
}

Result<WorkerConfig> Configure(const WorkerArgs& args) {
  WorkerConfig config;
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
  config.lease = {*lease, Millis(std::max<long long>(lease->count() / 3, 1))};
  config.secrets_file = args.secrets_file;
  config.verbose = args.verbose;
  config.once = args.once;
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
  InstallStopHandlers();
  std::atomic<bool> ok{true};
  std::vector<std::thread> threads;
  for (int i = 0; i < args.workers; ++i) {
    threads.emplace_back([&] {
      if (!Loop(**store, *config))
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
      "SIGTERM or SIGINT: the current step finishes, then the worker exits; its runs are taken "
      "over when their leases lapse.\nExit status: 0, or 1 when the store failed.");
  return [args] { return Work(*args); };
}

}  // namespace travet::cli
