#include "runtime/server/task_document.h"

#include <sys/stat.h>

#include "runtime/actions/atomic_file.h"
#include "runtime/actions/path_guard.h"

namespace travet::server {
namespace {

// The OCR loader's limit (ocr::LoadLimits::max_file_bytes): a larger file
// could not be shown anyway, and is not read into memory.
constexpr size_t kLargestDocument = 200u << 20;

std::filesystem::path WorkDirOf(const store::ReviewTask& task, ServerContext& context) {
  auto run = context.store.GetRun(task.run_id);
  if (run && !run->work_dir.empty()) {
    return run->work_dir;
  }
  return context.work_dir;
}

Status Gone(const store::ReviewTask& task) {
  return NotFound("the document '" + task.document + "' of task " + task.id +
                  " is not there (moved or deleted since the task was made)");
}

}  // namespace

Result<TaskDocument> OpenTaskDocument(const store::ReviewTask& task, ServerContext& context) {
  if (task.document.empty()) {
    return FailedPrecondition("task " + task.id + " names no document");
  }
  const actions::PathGuard guard(WorkDirOf(task, context));
  auto path = guard.Resolve(task.document);
  if (!path) {
    return path.error();
  }
  auto fd = guard.Open(*path, actions::kOpenForReading);
  if (!fd) {
    return fd.error().code() == StatusCode::kNotFound ? Gone(task) : fd.error();
  }
  struct stat st {};
  if (fstat(fd->get(), &st) != 0 || !S_ISREG(st.st_mode)) {
    return FailedPrecondition("the document '" + task.document + "' of task " + task.id +
                              " is not a file");
  }
  TaskDocument document{std::move(*fd), task.document, ""};
  document.key = path->string() + "\n" + std::to_string(st.st_ino) + ":" +
                 std::to_string(st.st_size) + ":" + std::to_string(st.st_mtim.tv_sec) + "." +
                 std::to_string(st.st_mtim.tv_nsec);
  return document;
}

Result<std::string> ReadTaskDocument(const TaskDocument& document) {
  return actions::ReadWholeFd(document.fd.get(), document.shown, kLargestDocument);
}

}  // namespace travet::server
