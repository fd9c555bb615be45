#pragma once

#include <filesystem>
#include <limits>
#include <string>
#include <string_view>

#include "runtime/core/result.h"

namespace travet::actions {

// Durable, all-or-nothing file changes. Each function writes to a temporary
// file beside the target (".<name>.tmp-XXXXXX"), fsyncs it, renames it over
// the target and fsyncs the folder: a reader sees the old file or the new
// one, never a part, even after a crash. On failure the temporary file is
// removed and the target is left as it was. The folder of the target must
// exist. Paths are used as given; check them with PathGuard first. Messages
// name the path and the system error, e.g.
// "cannot replace '/w/out': Is a directory". Safe to call from many threads
// on different targets; concurrent writers of one target: the last rename wins.

// Whether WriteFileAtomic may replace an existing target.
enum class Overwrite { kReplace, kRefuse };

// Writes `data` as the whole new content of `target`. A new file gets mode
// 0644, a replaced one keeps its mode. With Overwrite::kRefuse an existing
// target is kAlreadyExists ("'/w/out' already exists"), checked atomically.
Status WriteFileAtomic(const std::filesystem::path& target, std::string_view data,
                       Overwrite overwrite = Overwrite::kReplace);

// Adds `data` to the end of `target` (created when missing) by writing the
// old content plus `data` atomically: simple and crash-safe, at the cost of
// rewriting the file.
Status AppendFile(const std::filesystem::path& target, std::string_view data);

// Copies the regular file `from` to `to` atomically, keeping its mode.
Status CopyFileAtomic(const std::filesystem::path& from, const std::filesystem::path& to);

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

// Removes the file (or symlink) `path` and syncs its folder. False when
// there was nothing to remove; a folder is kFailedPrecondition.
Result<bool> RemoveFile(const std::filesystem::path& path);

// The whole content of a regular file; kNotFound when it does not exist,
// kFailedPrecondition for a folder, a FIFO, a device or a socket (refused
// without blocking or reading), and once more than `max_bytes` were read.
Result<std::string> ReadWholeFile(const std::filesystem::path& path,
                                  size_t max_bytes = std::numeric_limits<size_t>::max());

// The SHA-256 of `data` as 64 lowercase hex digits.
std::string Sha256Hex(std::string_view data);

}  // namespace travet::actions
