#include "tools/bench/serve_bench_cron.h"

#include <cstdio>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "runtime/server/bot_catalog.h"
#include "runtime/server/cron_scheduler.h"
#include "tools/bench/serve_bench_clock.h"
#include "tools/bench/serve_bench_server.h"
#include "tools/bench/serve_bench_stats.h"

namespace travet::bench {
namespace {

// serve.cc's loop ticks the scheduler, then sleeps this long (kSignalPoll).
constexpr auto kServeTick = std::chrono::milliseconds(100);
// How far before each due time the jumping clock is set.
constexpr auto kLead = std::chrono::milliseconds(5);
constexpr auto kFireWait = std::chrono::seconds(10);
constexpr unsigned kPhaseSeed = 20261208;
constexpr size_t kRfc3339Length = 24;  // 2026-11-27T08:15:00.123Z

// The times of the fires the scheduler reports "... at <due>: run <id>".
class FireDrifts {
 public:
  // Records the drift of the fire `line` reports, queued at `queued`.
  void Record(const std::string& line, TimePoint queued) {
    const size_t at = line.find(" at ");
    const auto due =
        at == std::string::npos ? std::nullopt : ParseRfc3339(line.substr(at + 4, kRfc3339Length));
    std::lock_guard lock(mu_);
    if (due) {
      ms_.push_back(std::chrono::duration<double, std::milli>(queued - *due).count());
    } else {
      ++unreadable_;
    }
  }
  size_t Count() const {
    std::lock_guard lock(mu_);
    return ms_.size() + unreadable_;
  }
  std::vector<double> Ms() const {
    std::lock_guard lock(mu_);
    return ms_;
  }

 private:
  mutable std::mutex mu_;
  std::vector<double> ms_;
  size_t unreadable_ = 0;
};

std::vector<BotFile> CronBots(int count) {
  std::vector<BotFile> bots;
  for (int i = 0; i < count; ++i) {
    const std::string name = "cron-" + std::to_string(i);
    bots.emplace_back(name + ".yaml", "bot: " + name +
                                          "\ntriggers:\n  - cron: \"* * * * *\"\nsteps:\n"
                                          "  - id: hello\n    uses: set\n"
                                          "    with: { greeting: hello }\n");
  }
  return bots;
}

// Waits until `drifts` holds `count` fires or `limit` passed.
bool AwaitFires(const FireDrifts& drifts, int count, std::chrono::steady_clock::duration limit) {
  const auto give_up = std::chrono::steady_clock::now() + limit;
  while (drifts.Count() < static_cast<size_t>(count)) {
    if (std::chrono::steady_clock::now() > give_up) {
      return false;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return true;
}

// Sets `clock` kLead before each of `due_times` minutes in turn and waits
// for the fires of `bots` bots, while another thread ticks `scheduler` as
// serve.cc does. The first due time is the minute after the clock's now.
Status DriveMinutes(server::CronScheduler& scheduler, JumpClock& clock, const FireDrifts& drifts,
                    const CronBenchOptions& options) {
  std::atomic<bool> stop{false};
  std::thread ticker([&] {
    while (!stop.load()) {
      scheduler.Tick();
      std::this_thread::sleep_for(kServeTick);
    }
  });
  // Each jump waits a random part of a tick first: right after a fire the
  // ticker has just begun its sleep, and every due time would fall at the
  // same point of its cycle.
  std::mt19937 random(kPhaseSeed);
  std::uniform_int_distribution<long long> phase(0, kServeTick.count() - 1);
  auto due = std::chrono::ceil<std::chrono::minutes>(clock.Now());
  Status status = Status::Ok();
  for (int m = 1; m <= options.due_times && status.ok(); ++m, due += std::chrono::minutes(1)) {
    std::this_thread::sleep_for(std::chrono::milliseconds(phase(random)));
    clock.JumpTo(due - kLead);
    if (!AwaitFires(drifts, m * options.bots, kFireWait)) {
      status = Internal("the fires due at " + FormatRfc3339(due) + " did not come");
    }
  }
  stop = true;
  ticker.join();
  return status;
}

// CronScheduler on a store of its own, on the jumping clock, without workers.
Result<std::vector<double>> JumpingClockDrift(const CronBenchOptions& options) {
  BenchServer files("cron");  // never started: its folder and store only
  TRAVET_RETURN_IF_ERROR(files.Open(CronBots(options.bots)));
  server::BotCatalog catalog(files.dir() / "bots");
  TRAVET_RETURN_IF_ERROR(catalog.Reload());
  JumpClock clock;
  FireDrifts drifts;
  int refused = 0;
  server::CronScheduler scheduler(
      files.store(), clock, files.dir(),
      [&](const std::string&, const std::string& outcome, const std::string& line) {
        if (outcome == "started") {
          drifts.Record(line, clock.Now());
        } else {
          ++refused;
        }
      });
  scheduler.Plan(*catalog.Entries());
  TRAVET_RETURN_IF_ERROR(DriveMinutes(scheduler, clock, drifts, options));
  if (refused > 0) {
    return Internal(std::to_string(refused) + " fires were not started");
  }
  return drifts.Ms();
}

// `travet serve` (in-process, 2 workers) on the wall clock for real minutes.
Result<std::vector<double>> RealMinutesDrift(const CronBenchOptions& options) {
  BenchServer server("cron-real");
  TRAVET_RETURN_IF_ERROR(server.Open(CronBots(options.bots)));
  FireDrifts drifts;
  TRAVET_RETURN_IF_ERROR(server.Start({.log = [&drifts](const std::string& line) {
    if (line.starts_with("schedule ") && line.find(": run ") != std::string::npos) {
      drifts.Record(line, DefaultClock().Now());
    }
  }}));
  const auto limit = std::chrono::minutes(options.real_minutes + 1) + kFireWait;
  if (!AwaitFires(drifts, options.real_minutes * options.bots, limit)) {
    return Internal("only " + std::to_string(drifts.Count()) + " fires in " +
                    std::to_string(options.real_minutes + 1) + " minutes");
  }
  return drifts.Ms();
}

}  // namespace

int RunCronBench(const CronBenchOptions& options) {
  std::printf("scheduler drift (run queued - due time), %d bots due every minute:\n", options.bots);
  auto jumping = JumpingClockDrift(options);
  if (!jumping) {
    std::fprintf(stderr, "serve_bench: drift: %s\n", jumping.error().message().c_str());
    return 1;
  }
  std::printf(
      "  clock set 5 ms before each of %d due times, not real minutes (ticked every "
      "100 ms as serve does, no workers)\n    %s  target p99 <= 1000 ms\n",
      options.due_times, LatencyLine(*jumping).c_str());
  if (options.real_minutes <= 0) {
    std::printf("  real minutes: not run (--minutes N runs the server on the wall clock)\n");
    return 0;
  }
  auto real = RealMinutesDrift(options);
  if (!real) {
    std::fprintf(stderr, "serve_bench: drift: %s\n", real.error().message().c_str());
    return 1;
  }
  std::printf(
      "  the server on the wall clock for %d minutes, 2 workers\n    %s  target p99 <= "
      "1000 ms\n",
      options.real_minutes, LatencyLine(*real).c_str());
  return 0;
}

}  // namespace travet::bench
