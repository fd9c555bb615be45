#include "runtime/server/folder_watcher.h"

#include "runtime/engine/run_queue.h"
#include "runtime/engine/runner.h"
#include "runtime/schedule/trigger_key.h"
#include "runtime/server/watch_folder.h"

namespace travet::server {
namespace {

namespace fs = std::filesystem;

// Run ids tried for one file when the folder of one exists already: another
// server drew the same id (24 random bits within the same second).
constexpr int kRunIdTries = 8;

fs::path WatchedFolder(const lang::Bot& bot, const lang::Trigger& trigger) {
  std::error_code ec;
  const fs::path bot_file = fs::absolute(bot.file, ec);
  fs::path folder = (bot_file.parent_path() / trigger.watch_path).lexically_normal();
  return folder.has_filename() ? folder : folder.parent_path();  // "inbox/" is "inbox"
}

bool Beneath(const fs::path& folder, const fs::path& root) {
  std::error_code ec;
  const fs::path relative = folder.lexically_relative(fs::absolute(root, ec).lexically_normal());
  return !relative.empty() && *relative.begin() != "..";
}

}  // namespace

void FolderWatcher::Plan(const std::vector<CatalogEntry>& entries) {
  jobs_.clear();
  std::map<std::string, std::shared_ptr<Seen>> kept;
  for (const CatalogEntry& entry : entries) {
    if (!entry.bot) {
      continue;
    }
    for (size_t i = 0; i < entry.bot->triggers.size(); ++i) {
      const lang::Trigger& trigger = entry.bot->triggers[i];
      if (trigger.kind != lang::TriggerKind::kWatch) {
        continue;
      }
      Job job{entry.bot,
              schedule::TriggerKey(trigger, i),
              WatchedFolder(*entry.bot, trigger),
              trigger.pattern,
              trigger.input,
              nullptr};
      const std::string same = job.bot->name + "\n" + job.key + "\n" + job.folder.string() + "\n" +
                               job.pattern + "\n" + std::to_string(trigger.settle.count());
      auto it = seen_.find(same);
      job.seen = it != seen_.end() ? it->second : std::make_shared<Seen>(trigger.settle);
      kept[same] = job.seen;
      if (!Beneath(job.folder, terms_.work_dir)) {
        Log(job.bot->name + " " + job.key + ": " + job.folder.string() +
            " is not beneath the working folder " + terms_.work_dir.string() +
            ": the runs' file actions cannot open its files");
      }
      jobs_.push_back(std::move(job));
    }
  }
  seen_ = std::move(kept);
}

void FolderWatcher::Tick() {
  for (Job& job : jobs_) {
    Look(job);
  }
  if (clock_.Now() >= next_sweep_) {
    Sweep();
    next_sweep_ = clock_.Now() + kSweepEvery;
  }
}

void FolderWatcher::Look(Job& job) {
  auto files = ListWatchedFiles(job.folder, job.pattern);
  if (!files) {
    if (!job.seen->unreadable) {
      job.seen->unreadable = true;
      terms_.report(job.bot->name, "failed",
                    job.key + ": " + files.error().message() +
                        " (said once, until the folder can be listed again)");
    }
    return;
  }
  if (job.seen->unreadable) {
    job.seen->unreadable = false;
    Log(job.bot->name + " " + job.key + ": " + job.folder.string() + " can be listed again");
  }
  const std::vector<std::string> ready = job.seen->tracker.Observe(*files, clock_.Now());
  if (ready.empty()) {
    return;
  }
  if (Paused(job)) {
    // Left in the folder, and offered again once they settle anew after the
    // next listing: a paused trigger takes them when it is resumed.
    for (const std::string& name : ready) {
      job.seen->tracker.Forget(name);
    }
    return;
  }
  for (const std::string& name : ready) {
    Take(job, name);
  }
}

bool FolderWatcher::Paused(const Job& job) {
  auto pauses = store_.ListTriggerPauses(job.bot->name);
  if (!pauses) {
    // Taking a file of a trigger that may be paused would start what a
    // person stopped; the file waits for the store to answer.
    terms_.report(job.bot->name, "failed", job.key + ": " + pauses.error().message());
    return true;
  }
  for (const store::TriggerPause& pause : *pauses) {
    if (pause.trigger == job.key && pause.resumed_at.empty()) {
      return true;
    }
  }
  return false;
}

void FolderWatcher::Take(Job& job, const std::string& name) {
  const std::string where = job.key + ": " + (job.folder / name).string();
  for (int i = 0; i < kRunIdTries; ++i) {
    const std::string run_id = engine::NewRunId(clock_);
    const Status taken = TakeFile(job.folder, name, run_id);
    if (taken.ok()) {
      Queue(job, name, run_id);
      return;
    }
    if (taken.code() == StatusCode::kNotFound) {
      terms_.report(job.bot->name, "taken", where + ": gone before this server could take it");
      return;
    }
    if (taken.code() != StatusCode::kAlreadyExists) {
      job.seen->tracker.Forget(name);  // tried again once it settles anew
      terms_.report(job.bot->name, "failed", where + ": " + taken.message());
      return;
    }
  }
  job.seen->tracker.Forget(name);
  terms_.report(job.bot->name, "failed",
                where + ": no free run id in " + std::to_string(kRunIdTries) + " tries");
}

void FolderWatcher::Queue(Job& job, const std::string& name, const std::string& run_id) {
  const std::string where = job.key + ": " + (job.folder / name).string();
  Value inputs = Value::object();
  inputs[job.input] = ProcessingPath(job.folder, run_id, name).string();
  auto run = engine::QueueRun(store_, *job.bot, inputs, {terms_.work_dir, &clock_, run_id});
  if (run) {
    terms_.report(job.bot->name, "started", where + ": run " + run_id);
    return;
  }
  // Back into the folder, to be taken again once it settles anew: a store
  // that refused once (busy, full disk) may take it then.
  job.seen->tracker.Forget(name);
  auto back = ReturnFile(job.folder, run_id, name);
  terms_.report(job.bot->name, "failed",
                where + ": " + run.error().message() +
                    (back ? "; the file is back as " + back->string()
                          : "; the file stays in .travet/processing/" + run_id + ": " +
                                back.error().message()));
}

void FolderWatcher::Sweep() {
  std::set<fs::path> folders;
  for (const Job& job : jobs_) {
    folders.insert(job.folder);
  }
  for (const fs::path& folder : folders) {
    SweepFolder(folder);
  }
}

void FolderWatcher::SweepFolder(const fs::path& folder) {
  auto runs = ProcessingRuns(folder);
  if (!runs) {
    return;  // the folder's own listing says what is wrong with it
  }
  for (const std::string& id : *runs) {
    auto run = store_.GetRun(id);
    if (!run && run.error().code() == StatusCode::kNotFound) {
      PutBackUnqueued(folder, id);
      continue;
    }
    if (!run || !store::IsFinal(run->state)) {
      continue;
    }
    auto filed = FileAway(folder, id, run->state == store::RunState::kSucceeded);
    const std::string what =
        folder.string() + ": run " + id + " " + std::string(store::RunStateName(run->state));
    if (filed) {
      Log(what +
          (filed->empty() ? ": its folder was empty" : ": its file is in " + filed->string()));
    } else if (filed.error().code() != StatusCode::kNotFound && unfiled_.insert(id).second) {
      Log(what + ": " + filed.error().message());
    }
  }
}

// No run for a taken file: a server is queueing it right now, or one
// stopped between taking the file and queueing its run. Queueing takes
// milliseconds, so a folder unchanged for kUnqueuedAfter is the second case,
// and its file goes back into the folder to be taken again.
void FolderWatcher::PutBackUnqueued(const fs::path& folder, const std::string& id) {
  auto taken = FilesTakenFor(folder, id);
  if (!taken || fs::file_time_type::clock::now() - taken->changed < kUnqueuedAfter) {
    return;
  }
  for (const std::string& name : taken->names) {
    auto back = ReturnFile(folder, id, name);
    Log(folder.string() + ": " + name + " was taken for run " + id + ", which was never queued: " +
        (back ? "put back as " + back->string() : back.error().message()));
  }
  if (taken->names.empty()) {
    std::error_code ignored;
    fs::remove(ProcessingPath(folder, id, ""), ignored);  // empty: nothing to put back
  }
}

void FolderWatcher::Log(const std::string& line) const {
  if (terms_.log) {
    terms_.log(line);
  }
}

}  // namespace travet::server
