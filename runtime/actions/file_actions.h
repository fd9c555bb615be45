#pragma once

#include <vector>

#include "runtime/actions/action.h"

namespace travet::actions {

// The rows of the `file.*` family for the action table: file.copy,
// file.delete, file.list, file.move, file.read, file.write (in name order).
//
// Every path parameter goes through a PathGuard rooted at ctx.work_dir, so a
// bot cannot reach outside its working folder, and the actions then work on
// the descriptors PathGuard::Open/OpenParent return, not on the path again
// (a folder swapped for a symlink meanwhile is not followed); outputs show
// paths relative to it. Writes, copies and moves are atomic (see atomic_file.h). Errors start
// with the action name and quote the path as the bot gave it, e.g.
// "file.read: 'in/a.json' does not exist",
// "file.read: in/a.json:3:5: syntax error while parsing object ...",
// "file.read: parameter 'path' must be a string". A run without a working
// folder is kFailedPrecondition. The actions keep no state; they may run on
// many threads at once.
std::vector<ActionDef> FileActions();

}  // namespace travet::actions
