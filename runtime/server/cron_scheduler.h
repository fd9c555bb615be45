#pragma once

// The scheduler's cron side: each cron trigger of the served bots fires at
// the times its calendar gives (runtime/schedule), each fire recorded once
// in the store under (bot, trigger, time), so that of several servers on
// one store exactly one starts it.

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "runtime/core/clock.h"
#include "runtime/schedule/next_fire.h"
#include "runtime/server/bot_catalog.h"
#include "runtime/store/store.h"

namespace travet::server {

// What became of one fire: "started" (this server recorded it and queued the
// run), "taken" (another server had recorded it), "missed" (a catch-up rule
// left it out), "paused" (its time came while the trigger was paused: not
// started, and never caught up), "failed" (the store or the run refused).
using FireReport = std::function<void(const std::string& bot, const std::string& outcome,
                                      const std::string& line)>;

class CronScheduler {
 public:
  CronScheduler(store::Store& store, Clock& clock, std::filesystem::path work_dir,
                FireReport report)
      : store_(store), clock_(clock), work_dir_(std::move(work_dir)), report_(std::move(report)) {}

  // The cron triggers of `entries` (the valid bots), each from now on; the
  // fires a trigger missed since its last recorded one (or since it was
  // last resumed, when that is later) are first dealt with by its
  // `catch_up` rule. A trigger paused now catches nothing up. Called at
  // start and after each reload.
  void Plan(const std::vector<CatalogEntry>& entries);

  // Starts every trigger whose fire time has come, unless it is paused in
  // the store (Store::PauseTrigger, looked up at each fire, so a pause made
  // through any server holds), and plans its next.
  void Tick();

 private:
  struct Job {
    std::shared_ptr<const lang::Bot> bot;
    std::string key;  // "cron#1": schedule::TriggerKey
    lang::CatchUp catch_up = lang::CatchUp::kNone;
    schedule::CronCalendar calendar;
    std::chrono::sys_seconds next{};
    bool done = false;  // no fire left within the search horizon
  };

  void CatchUp(const Job& job, std::chrono::sys_seconds now,
               const std::vector<store::TriggerPause>& pauses);
  std::optional<std::chrono::sys_seconds> Baseline(const Job& job,
                                                   const std::vector<store::TriggerPause>& pauses);
  bool Paused(const Job& job, std::chrono::sys_seconds at);
  void Fire(const Job& job, std::chrono::sys_seconds at);
  void Advance(Job& job, std::chrono::sys_seconds after);
  std::chrono::sys_seconds Now() const;

  store::Store& store_;
  Clock& clock_;
  std::filesystem::path work_dir_;
  FireReport report_;
  std::vector<Job> jobs_;
};

}  // namespace travet::server
