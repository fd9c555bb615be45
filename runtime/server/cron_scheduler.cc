#include "runtime/server/cron_scheduler.h"

#include "runtime/engine/run_queue.h"
#include "runtime/engine/runner.h"
#include "runtime/schedule/catch_up.h"

namespace travet::server {
namespace {

std::string TimeText(std::chrono::sys_seconds t) {
  return FormatRfc3339(
      TimePoint(std::chrono::duration_cast<TimePoint::duration>(t.time_since_epoch())));
}

}  // namespace

std::chrono::sys_seconds CronScheduler::Now() const {
  return std::chrono::floor<std::chrono::seconds>(
      std::chrono::sys_time<TimePoint::duration>(clock_.Now().time_since_epoch()));
}

void CronScheduler::Plan(const std::vector<CatalogEntry>& entries) {
  jobs_.clear();
  const auto now = Now();
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
      Job job{entry.bot, "cron#" + std::to_string(i + 1), trigger.catch_up, *calendar, {}, false};
      CatchUp(job, now);
      Advance(job, now - std::chrono::seconds(1));  // a fire at exactly now is due
      jobs_.push_back(std::move(job));
    }
  }
}

void CronScheduler::CatchUp(const Job& job, std::chrono::sys_seconds now) {
  auto last = store_.LastFire(job.bot->name, job.key);
  if (!last) {
    report_(job.bot->name, "failed", job.key + ": " + last.error().message());
    return;
  }
  std::optional<std::chrono::sys_seconds> last_fire;
  if (const auto parsed = ParseRfc3339(*last)) {
    last_fire = std::chrono::floor<std::chrono::seconds>(
        std::chrono::sys_time<TimePoint::duration>(parsed->time_since_epoch()));
  }
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

void CronScheduler::Tick() {
  const auto now = Now();
  for (Job& job : jobs_) {
    if (job.done || job.next > now) {
      continue;
    }
    Fire(job, job.next);
    // A server held up past several fire times starts the one due, not each.
    Advance(job, std::max(job.next, now));
  }
}

}  // namespace travet::server
