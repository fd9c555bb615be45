#pragma once

// The scheduler's watched folders: each `watch` trigger of the served bots
// starts a run for each file that lands in its folder, once the file has
// settled (schedule::SettleTracker on the server's clock). The file is first
// moved into the folder's .travet/processing/RUN/ (watch_folder.h): the
// move is what decides who owns it, so that of several servers watching one
// folder exactly one starts a run for it; the run gets the moved file's
// absolute path as its input. Once the run is over, the file goes on to
// .travet/done/RUN/ or .travet/failed/RUN/.

#include <chrono>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "runtime/core/clock.h"
#include "runtime/schedule/watch_settle.h"
#include "runtime/server/bot_catalog.h"
#include "runtime/server/cron_scheduler.h"
#include "runtime/store/store.h"

namespace travet::server {

struct WatchTerms {
  std::filesystem::path work_dir;  // where the queued runs' file actions work
  // What became of each settled file: "started" (moved and its run queued),
  // "taken" (another server moved it first), "failed" (it could not be moved,
  // or its run could not be queued: it goes back into the folder). A folder
  // that cannot be listed is one "failed", until it can be listed again.
  FireReport report;
  // What else happened: a finished run's file filed away, a folder that can
  // be listed again, a folder the runs' file actions cannot reach.
  std::function<void(const std::string& line)> log;
};

// Not thread-safe: one thread calls Plan and Tick (the server's loop). Two
// watchers, in one process or in two, may watch one folder.
class FolderWatcher {
 public:
  FolderWatcher(store::Store& store, Clock& clock, WatchTerms terms)
      : store_(store), clock_(clock), terms_(std::move(terms)) {}

  // The watch triggers of `entries` (the valid bots). A relative `path` is
  // taken from the folder of the bot's file. A trigger that stays the same
  // over a reload keeps what it saw of its folder. Called at start and after
  // each reload.
  void Plan(const std::vector<CatalogEntry>& entries);

  // Lists each watched folder, takes the files that settled and starts their
  // runs; now and then (kSweepEvery) files away those of finished runs.
  void Tick();

  // How often Tick looks for the finished runs of taken files.
  static constexpr Millis kSweepEvery{1000};
  // How long a taken file's folder stays unchanged with no run for it before
  // the file is put back (its server stopped before queueing the run).
  static constexpr std::chrono::seconds kUnqueuedAfter{60};

 private:
  // What a trigger saw of its folder; kept over a reload.
  struct Seen {
    explicit Seen(Millis settle) : tracker(settle) {}
    schedule::SettleTracker tracker;
    bool unreadable = false;  // reported once, until the folder can be listed again
  };
  struct Job {
    std::shared_ptr<const lang::Bot> bot;
    std::string key;               // "watch#2": the trigger's place among the bot's triggers
    std::filesystem::path folder;  // absolute
    std::string pattern;
    std::string input;  // gets the taken file's path
    std::shared_ptr<Seen> seen;
  };

  void Look(Job& job);
  // Whether the trigger is paused in the store (Store::PauseTrigger), looked
  // up when files are ready, so that a pause made through any server holds.
  bool Paused(const Job& job);
  void Take(Job& job, const std::string& name);
  void Queue(Job& job, const std::string& name, const std::string& run_id);
  void Sweep();
  void SweepFolder(const std::filesystem::path& folder);
  void PutBackUnqueued(const std::filesystem::path& folder, const std::string& id);
  void Log(const std::string& line) const;

  store::Store& store_;
  Clock& clock_;
  WatchTerms terms_;
  std::vector<Job> jobs_;
  // By bot, trigger, folder, pattern and settle: what Plan keeps over a reload.
  std::map<std::string, std::shared_ptr<Seen>> seen_;
  TimePoint next_sweep_{};
  std::set<std::string> unfiled_;  // runs whose file could not be filed away: said once
};

}  // namespace travet::server
