#include "runtime/server/watch_folder.h"

#include <fcntl.h>
#include <fnmatch.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <system_error>

namespace travet::server {
namespace {

namespace fs = std::filesystem;

constexpr char kOwnFolder[] = ".travet";

fs::path OwnFolder(const fs::path& folder, const char* which) {
  return folder / kOwnFolder / which;
}

std::string Reason(int error) {
  return std::generic_category().message(error);
}

// Renames `from` to `to` unless `to` exists; 0 or the errno. A file system
// without RENAME_NOREPLACE (some network ones answer EINVAL) gets a hard
// link and an unlink instead: a link never replaces either, and of two
// servers whose links both went in, the one whose unlink of `from` succeeded
// moved the file, the other takes its link back and finds it gone. A folder
// cannot be linked; folders are only moved to a new run id's name, where
// nothing can be replaced, so a plain rename does.
int MoveNoReplace(const fs::path& from, const fs::path& to) {
  if (renameat2(AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), RENAME_NOREPLACE) == 0) {
    return 0;
  }
  if (errno != EINVAL && errno != ENOSYS) {
    return errno;
  }
  if (link(from.c_str(), to.c_str()) != 0) {
    if (errno != EPERM) {
      return errno;
    }
    return std::rename(from.c_str(), to.c_str()) == 0 ? 0 : errno;
  }
  if (unlink(from.c_str()) == 0) {
    return 0;
  }
  const int error = errno;
  unlink(to.c_str());
  return error;
}

bool Listed(const fs::directory_entry& entry, const std::string& name, const std::string& pattern) {
  std::error_code ec;
  return !name.starts_with('.') && fnmatch(pattern.c_str(), name.c_str(), FNM_PERIOD) == 0 &&
         entry.symlink_status(ec).type() == fs::file_type::regular && !ec;
}

}  // namespace

Result<std::vector<schedule::FileSnapshot>> ListWatchedFiles(const fs::path& folder,
                                                             const std::string& pattern) {
  std::vector<schedule::FileSnapshot> files;
  std::error_code ec;
  for (fs::directory_iterator it(folder, ec); !ec && it != fs::directory_iterator();
       it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (!Listed(*it, name, pattern)) {
      continue;
    }
    std::error_code file_ec;
    const std::uintmax_t size = it->file_size(file_ec);
    const fs::file_time_type mtime = it->last_write_time(file_ec);
    if (!file_ec) {  // else it went away while listed: the next listing tells
      files.push_back({name, size, mtime});
    }
  }
  if (ec) {
    return IoError("cannot list " + folder.string() + ": " + ec.message());
  }
  return files;
}

fs::path ProcessingPath(const fs::path& folder, const std::string& run_id,
                        const std::string& name) {
  return OwnFolder(folder, "processing") / run_id / name;
}

Status TakeFile(const fs::path& folder, const std::string& name, const std::string& run_id) {
  const fs::path processing = OwnFolder(folder, "processing");
  std::error_code ec;
  fs::create_directories(processing, ec);
  if (ec) {
    return IoError("cannot create " + processing.string() + ": " + ec.message());
  }
  // The run's own folder is the reservation: mkdir fails for the second one.
  const fs::path run_dir = processing / run_id;
  if (mkdir(run_dir.c_str(), 0777) != 0) {
    const int error = errno;
    return error == EEXIST ? AlreadyExists(run_dir.string() + " exists already")
                           : IoError("cannot create " + run_dir.string() + ": " + Reason(error));
  }
  const int error = MoveNoReplace(folder / name, run_dir / name);
  if (error == 0) {
    return Status::Ok();
  }
  rmdir(run_dir.c_str());
  if (error == ENOENT) {
    return NotFound((folder / name).string() + " is gone");
  }
  return IoError("cannot move " + (folder / name).string() + " to " + run_dir.string() + ": " +
                 Reason(error));
}

Result<fs::path> ReturnFile(const fs::path& folder, const std::string& run_id,
                            const std::string& name) {
  const int error = MoveNoReplace(ProcessingPath(folder, run_id, name), folder / name);
  if (error == 0) {
    rmdir(ProcessingPath(folder, run_id, name).parent_path().c_str());
    return folder / name;
  }
  if (error != EEXIST) {
    return IoError("cannot move " + ProcessingPath(folder, run_id, name).string() + " back to " +
                   folder.string() + ": " + Reason(error));
  }
  return FileAway(folder, run_id, false);
}

Result<TakenFiles> FilesTakenFor(const fs::path& folder, const std::string& run_id) {
  const fs::path taken = OwnFolder(folder, "processing") / run_id;
  TakenFiles files;
  std::error_code ec;
  files.changed = fs::last_write_time(taken, ec);
  if (ec) {
    return ec == std::errc::no_such_file_or_directory
               ? Status(NotFound(taken.string() + " is gone"))
               : Status(IoError("cannot read " + taken.string() + ": " + ec.message()));
  }
  for (fs::directory_iterator it(taken, ec); !ec && it != fs::directory_iterator();
       it.increment(ec)) {
    std::error_code type_ec;
    if (it->is_regular_file(type_ec)) {
      files.names.push_back(it->path().filename().string());
    }
  }
  if (ec) {
    return IoError("cannot list " + taken.string() + ": " + ec.message());
  }
  return files;
}

Result<std::vector<std::string>> ProcessingRuns(const fs::path& folder) {
  const fs::path processing = OwnFolder(folder, "processing");
  std::vector<std::string> runs;
  std::error_code ec;
  for (fs::directory_iterator it(processing, ec); !ec && it != fs::directory_iterator();
       it.increment(ec)) {
    std::error_code type_ec;
    if (it->is_directory(type_ec)) {
      runs.push_back(it->path().filename().string());
    }
  }
  if (ec && ec != std::errc::no_such_file_or_directory) {
    return IoError("cannot list " + processing.string() + ": " + ec.message());
  }
  return runs;
}

Result<fs::path> FileAway(const fs::path& folder, const std::string& run_id, bool succeeded) {
  const fs::path from = OwnFolder(folder, "processing") / run_id;
  std::error_code ec;
  const bool empty = fs::is_empty(from, ec);
  if (ec) {
    return ec == std::errc::no_such_file_or_directory
               ? NotFound(from.string() + " is gone")
               : IoError("cannot read " + from.string() + ": " + ec.message());
  }
  if (empty) {
    rmdir(from.c_str());  // another server may have removed it first
    return fs::path();
  }
  const fs::path to_parent = OwnFolder(folder, succeeded ? "done" : "failed");
  fs::create_directories(to_parent, ec);
  if (ec) {
    return IoError("cannot create " + to_parent.string() + ": " + ec.message());
  }
  const int error = MoveNoReplace(from, to_parent / run_id);
  if (error == ENOENT) {
    return NotFound(from.string() + " is gone");
  }
  if (error != 0) {
    return IoError("cannot move " + from.string() + " to " + to_parent.string() + ": " +
                   Reason(error));
  }
  return to_parent / run_id;
}

}  // namespace travet::server
