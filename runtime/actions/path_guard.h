#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/actions/unique_fd.h"
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
// Time of check to time of use: Resolve() checks the file system as it is at
// the time of the call and returns a path. Someone who writes inside the
// working folder at the same time could swap a checked folder for a symlink
// before that path is used, so actions do not use it to reach the file: they
// call Open() or OpenParent(), which have the kernel look the path up again
// beneath the root (openat2 RESOLVE_BENEATH) and return descriptors, and then
// work relative to those. Without openat2 (Linux before 5.6, or a seccomp
// filter that refuses it), both fall back to the checked path, and the race
// stays open: give each bot a working folder only the worker writes to.
//
// Thread-safe: every method is const and keeps no state between calls.
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

  // Opens `resolved` (a path Resolve() returned) with the open(2) `flags`
  // (O_CLOEXEC is added). A symlink met on the way, the last part included,
  // is followed only while it stays beneath the root: one swapped in since
  // Resolve() is kPermissionDenied ("path 'a/b' leaves the working folder
  // through a symlink"), never followed outside. A missing file is
  // kNotFound, any other failure kIoError; messages show the path as Display().
  Result<UniqueFd> Open(const std::filesystem::path& resolved, int flags) const;

  // The folder that holds `resolved`, opened O_RDONLY | O_DIRECTORY beneath
  // the root as Open() does, and the last part of `resolved`: what creating,
  // replacing, moving or removing that name needs (see FileAt in
  // atomic_file.h). With `make_folders`, missing folders are created one at a
  // time, each with mkdirat in the folder opened before it, so none is made
  // outside ("cannot create folder 'a/b': Not a directory"). The root itself
  // has no such parent: kFailedPrecondition.
  struct Parent {
    UniqueFd dir;
    std::string name;
  };
  Result<Parent> OpenParent(const std::filesystem::path& resolved, bool make_folders = false) const;

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

  // The root `resolved` lies under and its parts beneath it.
  const std::filesystem::path* RootOf(const std::filesystem::path& resolved,
                                      std::vector<std::string>& parts) const;
  Result<UniqueFd> OpenRoot(const std::filesystem::path& root) const;
  // The folder of the first `count` parts beneath `root`, made when missing with `make`.
  Result<UniqueFd> OpenFolderBeneath(const std::filesystem::path& root,
                                     const std::vector<std::string>& parts, size_t count,
                                     bool make) const;
  Result<UniqueFd> OpenFolderByPath(const std::filesystem::path& folder, bool make) const;
  // The Status for errno after opening `path` failed.
  Status OpenError(const std::filesystem::path& path, std::string_view what) const;

  std::vector<std::filesystem::path> roots_;  // roots_[0] is the working folder
  bool use_openat2_ = false;
};

}  // namespace travet::actions
