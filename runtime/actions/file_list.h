#pragma once

#include <filesystem>
#include <string>

#include "runtime/actions/path_guard.h"
#include "runtime/actions/unique_fd.h"
#include "runtime/core/result.h"
#include "runtime/core/value.h"

namespace travet::actions {

// What file.list lists.
struct ListOptions {
  std::string pattern = "*";  // fnmatch glob on names; FNM_PERIOD hides dot names
  bool recursive = false;     // also subfolders, not hidden ones
};

// The files in `folder` (a path `guard` resolved), read through `dir`, the
// folder opened by guard.Open(): [{path, name, size, modified}] sorted by
// path, `path` as guard.Display() shows it. Subfolders are opened by name
// inside the folder opened before them (O_NOFOLLOW), so a folder swapped for
// a symlink while the walk runs is skipped, never followed; a symlink to a
// file is listed only when guard.Open() reaches it beneath the root. Folders
// that cannot be opened are skipped; a failed read of a folder is kIoError
// ("cannot list 'in': ...").
Result<Value> ListFiles(const PathGuard& guard, UniqueFd dir, const std::filesystem::path& folder,
                        const ListOptions& options);

}  // namespace travet::actions
