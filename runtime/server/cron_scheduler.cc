#include "runtime/server/cron_scheduler.h"

#include "runtime/engine/run_queue.h"
#include "runtime/engine/runner.h"
#include "runtime/schedule/catch_up.h"
#include "runtime/schedule/trigger_key.h"

namespace travet::server {
namespace {

std::string TimeText(std::chrono::sys_seconds t) {
  return FormatRfc3339(
      TimePoint(std::chrono::duration_cast<TimePoint::duration>(t.time_since_epoch())));
}

// An RFC 3339 time the store wrote, in seconds; nullopt for "" (never).
std::optional<std::chrono::sys_seconds> StoredTime(const std::string& text) {
  const auto parsed = ParseRfc3339(text);
  if (!parsed) {
    return std::nullopt;
  }
  return std::chrono::floor<std::chrono::seconds>(
      std::chrono::sys_time<TimePoint::duration>(parsed->time_since_epoch()));
}

// The pause of trigger `key` of `bot` among `pauses`, or null.
const store::TriggerPause* FindPause(const std::vector<store::TriggerPause>& pauses,
                                     const std::string& bot, const std::string& key) {
  for (const store::TriggerPause& pause : pauses) {
    if (pause.bot == bot && pause.trigger == key) {
      return &pause;
    }
  }
  return nullptr;
}

}  // namespace

std::chrono::sys_seconds CronScheduler::Now() const {
  return std::chrono::floor<std::chrono::seconds>(
      std::chrono::sys_time<TimePoint::duration>(clock_.Now().time_since_epoch()));
}

void CronScheduler::Plan(const std::vector<CatalogEntry>& entries) {
  jobs_.clear();
  const auto now = Now();
  const auto pauses = store_.ListTriggerPauses();
  for (const CatalogEntry& entry : entries) {
    if (!entry.bot) {
      continue;
    }
    for (size_t i = 0; i < entry.bot->triggers.size(); ++i) {
      const lang::Trigger& trigger = entry.bot->triggers[i];
      auto calendar = schedule::CalendarOf(trigger);
      if (trigger.kind != lang::TriggerKind::kCron || !calendar) {
        continue;
      }
      Job job{entry.bot, schedule::TriggerKey(trigger, i), trigger.catch_up, *calendar, {}, false};
      if (pauses) {
        CatchUp(job, now, *pauses);
      } else {
        // Without the pauses, a paused trigger could catch up: none does.
        report_(job.bot->name, "failed", job.key + ": " + pauses.error().message());
      }
      Advance(job, now - std::chrono::seconds(1));  // a fire at exactly now is due
      jobs_.push_back(std::move(job));
    }
  }
}

// The time from which fires count as missed: the last recorded fire, or
// the end of the trigger's last pause when later (what fell due while it was
// paused is not missed: it was not wanted). nullopt when it never fired.
std::optional<std::chrono::sys_seconds> CronScheduler::Baseline(
    const Job& job, const std::vector<store::TriggerPause>& pauses) {
  auto last = store_.LastFire(job.bot->name, job.key);
  if (!last) {
    report_(job.bot->name, "failed", job.key + ": " + last.error().message());
    return std::nullopt;
  }
  std::optional<std::chrono::sys_seconds> baseline = StoredTime(*last);
  const store::TriggerPause* pause = FindPause(pauses, job.bot->name, job.key);
  if (const auto resumed = pause ? StoredTime(pause->resumed_at) : std::nullopt) {
    if (baseline) {
      baseline = std::max(*baseline, *resumed);
    }
  }
  return baseline;
}

void CronScheduler::CatchUp(const Job& job, std::chrono::sys_seconds now,
                            const std::vector<store::TriggerPause>& pauses) {
  const store::TriggerPause* pause = FindPause(pauses, job.bot->name, job.key);
  if (pause != nullptr && pause->resumed_at.empty()) {
    return;  // paused: nothing it would have started is wanted
  }
  const std::optional<std::chrono::sys_seconds> last_fire = Baseline(job, pauses);
  auto plan = schedule::PlanCatchUp(job.catch_up, last_fire, now, [&job](auto after) {
    return schedule::NextFire(job.calendar, after);
  });
  if (!plan) {
    report_(job.bot->name, "failed", job.key + ": " + plan.error().message());
    return;
  }
  for (const auto at : plan->start) {
    Fire(job, at);
  }
  if (plan->dropped > 0) {
    report_(job.bot->name, "missed",
            job.key + ": " + std::to_string(plan->dropped) +
                " fires missed while no server ran were not started (catch_up)");
  }
}

void CronScheduler::Advance(Job& job, std::chrono::sys_seconds after) {
  auto next = schedule::NextFire(job.calendar, after);
  if (!next) {
    job.done = true;
    return;
  }
  job.next = *next;
}

void CronScheduler::Fire(const Job& job, std::chrono::sys_seconds at) {
  const std::string run_id = engine::NewRunId(clock_);
  auto recorded = store_.RecordFire({job.bot->name, job.key, TimeText(at), run_id});
  if (!recorded) {
    report_(job.bot->name, "failed",
            job.key + " at " + TimeText(at) + ": " + recorded.error().message());
    return;
  }
  if (!*recorded) {
    report_(job.bot->name, "taken",
            job.key + " at " + TimeText(at) + ": started by another server");
    return;
  }
  auto run = engine::QueueRun(store_, *job.bot, Value::object(), {work_dir_, &clock_, run_id});
  if (!run) {
    report_(job.bot->name, "failed",
            job.key + " at " + TimeText(at) + ": " + run.error().message());
    return;
  }
  report_(job.bot->name, "started", job.key + " at " + TimeText(at) + ": run " + run_id);
}

// Whether the trigger of `job` is paused in the store; a fire whose time came
// while it is, is reported "paused". An unreadable store counts as paused:
// the fire could not be recorded either.
bool CronScheduler::Paused(const Job& job, std::chrono::sys_seconds at) {
  auto pauses = store_.ListTriggerPauses(job.bot->name);
  if (!pauses) {
    report_(job.bot->name, "failed",
            job.key + " at " + TimeText(at) + ": " + pauses.error().message());
    return true;
  }
  const store::TriggerPause* pause = FindPause(*pauses, job.bot->name, job.key);
  if (pause == nullptr || !pause->resumed_at.empty()) {
    return false;
  }
  report_(job.bot->name, "paused",
          job.key + " at " + TimeText(at) + ": not started, paused by " + pause->paused_by +
              " at " + pause->paused_at);
  return true;
}

void CronScheduler::Tick() {
  const auto now = Now();
  for (Job& job : jobs_) {
    if (job.done || job.next > now) {
      continue;
    }
    if (!Paused(job, job.next)) {
      Fire(job, job.next);
    }
    // A server held up past several fire times starts the one due, not each.
    Advance(job, std::max(job.next, now));
  }
}

}  // namespace travet::server
