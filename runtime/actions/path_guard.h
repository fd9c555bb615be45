#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/core/result.h"

namespace travet::actions {

// How PathGuard checks symlinks in the existing part of a path.
enum class SymlinkCheck {
  kAuto,      // openat2(RESOLVE_BENEATH) when the kernel has it, else kPortable
  kPortable,  // std::filesystem::canonical of each existing prefix
};

// Turns the paths a bot names (file actions' parameters) into absolute paths
// that stay beneath the bot's working folder or one of the extra roots the
// deployment allows.
//
// Resolve() rejects, without touching the disk: an empty path
// (kInvalidArgument), a NUL byte, a path of PATH_MAX bytes or more
// (kInvalidArgument), URL-encoded '.', '/' or '\' ("%2e", "%2f", "%5c", in any
// case: never decoded, always refused), '..' next to a backslash, '..' that
// climbs above the root, and an absolute path outside every allowed root.
// '..' is applied lexically, as a shell's `cd` does: "link/../x" is "x" even
// when "link" is a symlink. It then follows the part of the path that exists
// and rejects it when a symlink there leads outside the root. A missing tail
// is fine (the target of a write), as long as its existing ancestor is inside.
// Every rejection but the empty path and the too-long path is
// kPermissionDenied, and every message quotes the path as given.
//
// Limits (time of check to time of use): Resolve() checks the file system as
// it is at the time of the call and returns a path, not an open descriptor.
// Someone who can write inside the working folder at the same time can swap
// a checked folder for a symlink before the path is used. The guard protects
// against what a bot is told to do (typos, hostile names in data and
// documents), not against a hostile local user sharing the working folder;
// give each bot a working folder only the worker writes to.
//
// Thread-safe: Resolve() is const and keeps no state between calls.
class PathGuard {
 public:
  // `root` is the working folder; it and `extra_roots` are made canonical
  // here (lexically absolute when they do not exist yet).
  explicit PathGuard(const std::filesystem::path& root,
                     const std::vector<std::filesystem::path>& extra_roots = {},
                     SymlinkCheck check = SymlinkCheck::kAuto);

  // The absolute, normalised path (no '.', '..' or trailing slash) that
  // `user_path` names; a relative path is taken from the working folder.
  Result<std::filesystem::path> Resolve(std::string_view user_path) const;

  // How a resolved path is shown to the bot: relative to the working folder
  // ("." for the folder itself), absolute when it lies under an extra root.
  std::string Display(const std::filesystem::path& resolved) const;

  const std::filesystem::path& root() const { return roots_.front(); }

  // Whether this kernel (and any seccomp filter) lets us call openat2.
  static bool KernelHasOpenat2();

 private:
  Status CheckSymlinks(std::string_view user_path, const std::filesystem::path& root,
                       const std::vector<std::string>& parts) const;
  Status CheckSymlinksWithOpenat2(std::string_view user_path, const std::filesystem::path& root,
                                  const std::vector<std::string>& parts) const;
  Status CheckSymlinksPortably(std::string_view user_path, const std::filesystem::path& root,
                               const std::vector<std::string>& parts) const;

  std::vector<std::filesystem::path> roots_;  // roots_[0] is the working folder
  bool use_openat2_ = false;
};

}  // namespace travet::actions
