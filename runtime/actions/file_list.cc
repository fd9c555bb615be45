#include "runtime/actions/file_list.h"

#include <dirent.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <memory>

#include "runtime/core/clock.h"

namespace travet::actions {
namespace fs = std::filesystem;

namespace {

std::string Modified(const struct stat& st) {
  auto since_epoch =
      std::chrono::seconds(st.st_mtim.tv_sec) + std::chrono::nanoseconds(st.st_mtim.tv_nsec);
  return FormatRfc3339(TimePoint(std::chrono::duration_cast<TimePoint::duration>(since_epoch)));
}

struct CloseDir {
  void operator()(DIR* stream) const { closedir(stream); }
};

// One walk: collects the files of a folder and, when recursive, its subfolders.
class Lister {
 public:
  Lister(const PathGuard& guard, const ListOptions& options) : guard_(guard), options_(options) {}

  Status List(UniqueFd dir, const fs::path& folder) {
    std::unique_ptr<DIR, CloseDir> stream(fdopendir(dir.get()));
    if (!stream)
      return IoError("cannot list '" + guard_.Display(folder) + "': " + std::strerror(errno));
    dir.Release();  // the stream owns it now
    while (true) {
      errno = 0;
      dirent* entry = readdir(stream.get());
      if (!entry)
        break;
      std::string name = entry->d_name;
      if (name != "." && name != "..")
        TRAVET_RETURN_IF_ERROR(Visit(dirfd(stream.get()), folder, name));
    }
    if (errno != 0)
      return IoError("cannot list '" + guard_.Display(folder) + "': " + std::strerror(errno));
    return Status::Ok();
  }

  Value TakeFiles() { return std::move(files_); }

 private:
  Status Visit(int dir, const fs::path& folder, const std::string& name) {
    struct stat st {};
    if (fstatat(dir, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0)
      return Status::Ok();  // removed since it was read
    fs::path path = folder / name;
    if (S_ISDIR(st.st_mode)) {
      if (!options_.recursive || name.starts_with("."))
        return Status::Ok();
      UniqueFd sub(openat(dir, name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
      return sub.valid() ? List(std::move(sub), path) : Status::Ok();
    }
    if (fnmatch(options_.pattern.c_str(), name.c_str(), FNM_PERIOD) != 0)
      return Status::Ok();
    if (S_ISLNK(st.st_mode) && !StatBeneath(path, st))
      return Status::Ok();
    if (S_ISREG(st.st_mode)) {
      files_.push_back(Value{{"path", guard_.Display(path)},
                             {"name", name},
                             {"size", static_cast<uintmax_t>(st.st_size)},
                             {"modified", Modified(st)}});
    }
    return Status::Ok();
  }

  // What the symlink `path` leads to, when that is beneath the root.
  bool StatBeneath(const fs::path& path, struct stat& st) const {
    if (!guard_.Resolve(guard_.Display(path)))
      return false;
    auto fd = guard_.Open(path, O_PATH);
    return fd && fstat(fd->get(), &st) == 0;
  }

  const PathGuard& guard_;
  const ListOptions& options_;
  Value files_ = Value::array();
};

}  // namespace

Result<Value> ListFiles(const PathGuard& guard, UniqueFd dir, const fs::path& folder,
                        const ListOptions& options) {
  Lister lister(guard, options);
  TRAVET_RETURN_IF_ERROR(lister.List(std::move(dir), folder));
  Value files = lister.TakeFiles();
  std::sort(files.begin(), files.end(),
            [](const Value& a, const Value& b) { return a["path"] < b["path"]; });
  return files;
}

}  // namespace travet::actions
