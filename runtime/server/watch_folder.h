#pragma once

// The files of a watched folder and the folders the server keeps inside it:
//
//   FOLDER/.travet/processing/RUN/NAME   taken for run RUN, while it is not over
//   FOLDER/.travet/done/RUN/NAME         after the run succeeded
//   FOLDER/.travet/failed/RUN/NAME       after it failed or was cancelled
//
// Hidden, so that neither the watcher nor a bot's `file.list` of the folder
// sees them; one folder per run, so that a file keeps its name and two files
// of one name never meet. No move here ever replaces a file: of several
// servers moving the same file, one moves it and the others find it gone.

#include <filesystem>
#include <string>
#include <vector>

#include "runtime/core/result.h"
#include "runtime/schedule/watch_settle.h"

namespace travet::server {

// The regular files of `folder` (not beneath it) whose names match the
// fnmatch glob `pattern`, with their size and modification time; hidden
// files (a leading '.') and symlinks are left out, and so is a file that
// vanishes while it is listed. kIoError "cannot list FOLDER: REASON".
Result<std::vector<schedule::FileSnapshot>> ListWatchedFiles(const std::filesystem::path& folder,
                                                             const std::string& pattern);

// FOLDER/.travet/processing/RUN/NAME: where TakeFile puts a file.
std::filesystem::path ProcessingPath(const std::filesystem::path& folder, const std::string& run_id,
                                     const std::string& name);

// Moves file `name` of `folder` to ProcessingPath(folder, run_id, name),
// creating the folders. kNotFound when the file is no longer there (another
// server took it, or a person moved it); kAlreadyExists when the folder of
// `run_id` exists already (the caller picks another id); kIoError naming the
// path and the system's reason otherwise. Nothing is left behind on an error.
Status TakeFile(const std::filesystem::path& folder, const std::string& name,
                const std::string& run_id);

// Puts a taken file back into `folder` (its run could not be queued), so
// that it is taken again once it settles; when a file of that name has come
// meanwhile, it goes to failed/RUN/ instead. Returns where it went.
Result<std::filesystem::path> ReturnFile(const std::filesystem::path& folder,
                                         const std::string& run_id, const std::string& name);

// What is in FOLDER/.travet/processing/RUN: the names of its regular files,
// and when the folder last changed (a file moved in or out).
struct TakenFiles {
  std::vector<std::string> names;
  std::filesystem::file_time_type changed{};
};
// kNotFound when processing/RUN is gone; kIoError when it cannot be read.
Result<TakenFiles> FilesTakenFor(const std::filesystem::path& folder, const std::string& run_id);

// The run ids of the folders in FOLDER/.travet/processing/; none when it
// does not exist.
Result<std::vector<std::string>> ProcessingRuns(const std::filesystem::path& folder);

// Moves processing/RUN (the file, or whatever the bot left there) to done/RUN
// when `succeeded`, else to failed/RUN, and returns the new path; an empty
// processing/RUN is removed instead (the bot moved its file itself) and the
// result is empty. kNotFound when processing/RUN is gone (another server
// filed it).
Result<std::filesystem::path> FileAway(const std::filesystem::path& folder,
                                       const std::string& run_id, bool succeeded);

}  // namespace travet::server
