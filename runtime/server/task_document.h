#pragma once

// The scanned document of a review task, opened as the run's file actions
// open files: the task's `document` as the bot named it, taken from the
// run's working folder (the server's when the run recorded none) and kept
// beneath it (actions::PathGuard).

#include <string>

#include "runtime/actions/unique_fd.h"
#include "runtime/core/result.h"
#include "runtime/server/server_context.h"
#include "runtime/store/review_types.h"

namespace travet::server {

// A task's document, open for reading.
struct TaskDocument {
  actions::UniqueFd fd;
  std::string shown;  // as the task names it: what messages may show an operator
  // Changes whenever the file does (its path, inode, size and modification
  // time): what was made from it may be reused under the same key.
  std::string key;
};

// Opens the document of `task`. Errors never show more than the task's own
// `document`: kNotFound "the document 'scans/a.png' of task t-1 is not
// there (moved or deleted since the task was made)"; kFailedPrecondition
// "task t-1 names no document"; PathGuard's refusals (kPermissionDenied).
Result<TaskDocument> OpenTaskDocument(const store::ReviewTask& task, ServerContext& context);

// The whole content of `document`, within the OCR loader's size limit.
Result<std::string> ReadTaskDocument(const TaskDocument& document);

}  // namespace travet::server
