#include "runtime/server/serve.h"

#include <algorithm>
#include <thread>
#include <vector>

#include "runtime/server/cron_scheduler.h"
#include "runtime/server/folder_watcher.h"
#include "runtime/server/page_cache.h"
#include "runtime/server/routes.h"
#include "runtime/server/server_context.h"
#include "runtime/server/sign_in.h"

namespace travet::server {
namespace {

constexpr auto kSignalPoll = std::chrono::milliseconds(100);
// The PNGs of review pages kept for the next request: a page 1000 px wide
// is 50-150 KB, so some hundreds of pages.
constexpr size_t kPageCacheBytes = 64u << 20;

void ReportInvalidBots(const BotCatalog& bots, const ServeOptions& options) {
  if (!options.log) {
    return;
  }
  for (const CatalogEntry& entry : *bots.Entries()) {
    for (const std::string& error : entry.errors) {
      options.log("bot not served: " + error);
    }
  }
}

// Ended sessions and old failed sign-ins are deleted this often.
constexpr auto kSessionSweep = std::chrono::minutes(1);

// Waits for `stop`, reading the bots folder again at each `reload` and
// sweeping the sessions now and then.
void WaitForStop(const ServeOptions& options, BotCatalog& bots, auth::Sessions& sessions,
                 CronScheduler& scheduler, FolderWatcher& watcher) {
  auto next_sweep = std::chrono::steady_clock::now();
  while (!options.stop->load()) {
    scheduler.Tick();
    watcher.Tick();
    if (std::chrono::steady_clock::now() >= next_sweep) {
      const Status s = sessions.Sweep();
      if (!s.ok() && options.log) {
        options.log("sweeping sessions: " + s.message());
      }
      next_sweep += kSessionSweep;
    }
    if (options.reload != nullptr && options.reload->exchange(false)) {
      const Status s = bots.Reload();
      if (!s.ok() && options.log) {
        options.log("reload: " + s.message());
      }
      ReportInvalidBots(bots, options);
      scheduler.Plan(*bots.Entries());
      watcher.Plan(*bots.Entries());
    }
    std::this_thread::sleep_for(kSignalPoll);
  }
}

// What became of each fire of a cron trigger or file of a watched folder:
// counted, and logged.
FireReport ScheduleReport(const ServeOptions& options, Metrics& metrics, engine::WorkSignal& work) {
  return [&options, &metrics, &work](const std::string& bot, const std::string& outcome,
                                     const std::string& line) {
    metrics.CountFire(bot, outcome);
    if (outcome == "started") {
      work.Notify();
    }
    if (options.log) {
      options.log("schedule " + bot + " " + line);
    }
  };
}

std::function<void(const std::string&)> WatchLog(const ServeOptions& options) {
  return [&options](const std::string& line) {
    if (options.log) {
      options.log("watch " + line);
    }
  };
}

std::string UrlOf(const ListenAddress& address, int port) {
  const bool v6 = address.host.find(':') != std::string::npos;
  return "http://" + (v6 ? "[" + address.host + "]" : address.host) + ":" + std::to_string(port);
}

}  // namespace

Status Serve(const ServeOptions& options) {
  BotCatalog bots(options.bots_dir);
  TRAVET_RETURN_IF_ERROR(bots.Reload());
  ReportInvalidBots(bots, options);
  Metrics metrics;
  auth::Sessions sessions(*options.worker.store, DefaultClock());
  ServerContext context{
      *options.worker.store, bots,        metrics,  DefaultClock(), std::filesystem::current_path(),
      options.version,       options.log, &sessions};
  engine::WorkSignal work;
  context.work = &work;
  PageCache page_cache(kPageCacheBytes);
  context.pages = options.pages;
  context.page_cache = &page_cache;
  context.web_dir = options.web_dir;
  const Dispatcher dispatcher(
      ApiRoutes(), context, options.authenticate ? options.authenticate : SignedInCaller(sessions));
  HttpServer http(
      dispatcher, options.log,
      {.max_inflight = options.max_inflight, .trusted_proxies = options.trusted_proxies});
  auto port = http.Bind(options.listen);
  if (!port) {
    return port.error();
  }
  if (options.out) {
    options.out("listening on " + UrlOf(options.listen, *port));
  }
  std::thread http_thread([&http] { http.Serve(); });
  engine::WorkerOptions worker = options.worker;
  worker.stop = options.stop;
  worker.wake = &work;
  worker.observe = [&metrics](const engine::StepObservation& step) {
    metrics.ObserveStep(step.action, step.seconds, step.pages);
  };
  std::vector<std::thread> workers;
  workers.reserve(static_cast<size_t>(std::max(options.workers, 0)));
  for (int i = 0; i < options.workers; ++i) {
    workers.emplace_back([&worker] { engine::RunWorker(worker); });
  }
  CronScheduler scheduler(*options.worker.store, DefaultClock(), context.work_dir,
                          ScheduleReport(options, metrics, work));
  scheduler.Plan(*bots.Entries());
  FolderWatcher watcher(
      *options.worker.store, DefaultClock(),
      {context.work_dir, ScheduleReport(options, metrics, work), WatchLog(options)});
  watcher.Plan(*bots.Entries());
  WaitForStop(options, bots, sessions, scheduler, watcher);
  http.Stop();
  http_thread.join();
  for (std::thread& t : workers) {
    t.join();
  }
  return Status::Ok();
}

}  // namespace travet::server
