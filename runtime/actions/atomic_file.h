#pragma once

#include <fcntl.h>

#include <filesystem>
#include <limits>
#include <string>
#include <string_view>

#include "runtime/core/result.h"

namespace travet::actions {

// Durable, all-or-nothing file changes. Each function writes to a temporary
// file beside the target (".<name>.tmp-XXXXXX", created with O_EXCL and
// O_NOFOLLOW), fsyncs it, renames it over the target and fsyncs the folder: a
// reader sees the old file or the new one, never a part, even after a crash.
// On failure the temporary file is removed and the target is left as it was.
// The folder of the target must exist. Messages name the path and the system
// error, e.g. "cannot replace '/w/out': Is a directory". Safe to call from
// many threads on different targets; concurrent writers of one target: the
// last rename wins.
//
// The `*At` functions work on descriptors that PathGuard opened: the target
// is a name inside an open folder, the source an open file, and nothing is
// looked up again by path, so a folder swapped for a symlink in the meantime
// changes nothing. The path functions open the folder by path first: use
// them only where no one else writes (tools, tests, the runtime's own files).

// A file named by the folder that holds it.
struct FileAt {
  int dir = -1;                 // the folder, opened O_RDONLY | O_DIRECTORY
  std::string name;             // one path component: no '/', not "." or ".."
  std::filesystem::path shown;  // how messages name the file
};

// The open(2) flags for a file to read with ReadWholeFd or copy with
// CopyFileAtomicAt: O_NONBLOCK, so opening a FIFO with no writer cannot hang.
inline constexpr int kOpenForReading = O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC;

// Whether WriteFileAtomic may replace an existing target.
enum class Overwrite { kReplace, kRefuse };

// Writes `data` as the whole new content of `target`. A new file gets mode
// 0644, a replaced one keeps its mode. With Overwrite::kRefuse an existing
// target is kAlreadyExists ("'/w/out' already exists"), checked atomically.
Status WriteFileAtomic(const std::filesystem::path& target, std::string_view data,
                       Overwrite overwrite = Overwrite::kReplace);
Status WriteFileAtomicAt(const FileAt& target, std::string_view data,
                         Overwrite overwrite = Overwrite::kReplace);

// Adds `data` to the end of `target` (created when missing) by writing the
// old content plus `data` atomically: simple and crash-safe, at the cost of
// rewriting the file.
Status AppendFile(const std::filesystem::path& target, std::string_view data);

// Copies the regular file `from` to `to` atomically, keeping its mode.
Status CopyFileAtomic(const std::filesystem::path& from, const std::filesystem::path& to);
// Copies the file open as `from_fd` (opened with kOpenForReading; refused as
// ReadWholeFd refuses) to `to`; `from_shown` names it in messages.
Status CopyFileAtomicAt(int from_fd, const std::filesystem::path& from_shown, const FileAt& to);

// What MoveFile did.
struct MoveOutcome {
  // `from` was gone and `to` existed: taken as a repeat of a move that
  // already happened (a step that ran again after a crash).
  bool already_moved = false;
};

// Moves the regular file `from` to `to`, replacing `to`. A rename within one
// file system; across file systems a CopyFileAtomic, then the source is
// removed, so the source is never lost when the copy fails. A missing `from`
// is kNotFound unless `to` exists (then already_moved).
Result<MoveOutcome> MoveFile(const std::filesystem::path& from, const std::filesystem::path& to);
// The same between two open folders (renameat). A symlink `from` is moved
// itself; across file systems it is refused rather than followed.
Result<MoveOutcome> MoveFileAt(const FileAt& from, const FileAt& to);

// Removes the file (or symlink) `path` and syncs its folder. False when
// there was nothing to remove; a folder is kFailedPrecondition.
Result<bool> RemoveFile(const std::filesystem::path& path);
Result<bool> RemoveFileAt(const FileAt& file);

// The whole content of a regular file; kNotFound when it does not exist,
// kFailedPrecondition for a folder, a FIFO, a device or a socket (refused
// without blocking or reading), and once more than `max_bytes` were read.
Result<std::string> ReadWholeFile(const std::filesystem::path& path,
                                  size_t max_bytes = std::numeric_limits<size_t>::max());
// The same for the file open as `fd` (opened with kOpenForReading); `shown`
// names it in messages. The descriptor stays open.
Result<std::string> ReadWholeFd(int fd, const std::filesystem::path& shown,
                                size_t max_bytes = std::numeric_limits<size_t>::max());

}  // namespace travet::actions
