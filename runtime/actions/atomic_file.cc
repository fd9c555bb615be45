#include "runtime/actions/atomic_file.h"

#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "runtime/actions/unique_fd.h"

namespace travet::actions {
namespace fs = std::filesystem;

namespace {

constexpr size_t kChunk = size_t{64} * 1024;
constexpr size_t kMaxNameInTemp = 200;  // the temp name must fit in NAME_MAX (255)
constexpr int kTempAttempts = 100;

Status SystemError(std::string_view what, const fs::path& path) {
  int error = errno;
  std::string message = std::string(what) + " '" + path.string() + "': " + std::strerror(error);
  return error == ENOENT ? NotFound(std::move(message)) : IoError(std::move(message));
}

std::string_view KindOf(mode_t mode) {
  if (S_ISFIFO(mode))
    return "a FIFO";
  if (S_ISCHR(mode))
    return "a character device";
  if (S_ISBLK(mode))
    return "a block device";
  if (S_ISSOCK(mode))
    return "a socket";
  return "not a regular file";
}

// Refuses anything but a regular file before a byte is read (a device like
// /dev/zero has no end), then makes reads blocking again: the file was opened
// non-blocking only so that a FIFO with no writer could not hang the open.
Status CheckRegularFile(int fd, std::string_view what, const fs::path& shown, struct stat& st) {
  if (fstat(fd, &st) != 0)
    return SystemError(what, shown);
  if (S_ISDIR(st.st_mode))
    return FailedPrecondition(std::string(what) + " '" + shown.string() + "': it is a folder");
  if (!S_ISREG(st.st_mode)) {
    return FailedPrecondition(std::string(what) + " '" + shown.string() + "': it is " +
                              std::string(KindOf(st.st_mode)) + ", not a regular file");
  }
  int flags = fcntl(fd, F_GETFL);
  if (flags < 0 || fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) != 0)
    return SystemError(what, shown);
  return Status::Ok();
}

fs::path FolderOf(const fs::path& path) {
  return path.has_parent_path() ? path.parent_path() : fs::path(".");
}

Result<UniqueFd> OpenFolder(const fs::path& folder, std::string_view what) {
  UniqueFd fd(open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (!fd.valid())
    return SystemError(what, folder);
  return fd;
}

FileAt At(const UniqueFd& dir, const fs::path& path) {
  return {.dir = dir.get(), .name = path.filename().string(), .shown = path};
}

Status SyncFolder(const FileAt& file) {
  if (fsync(file.dir) != 0)
    return SystemError("cannot sync folder", FolderOf(file.shown));
  return Status::Ok();
}

Status WriteAll(int fd, std::string_view data, const fs::path& shown) {
  while (!data.empty()) {
    ssize_t n = write(fd, data.data(), data.size());
    if (n < 0 && errno == EINTR)
      continue;
    if (n < 0)
      return SystemError("cannot write", shown);
    data.remove_prefix(static_cast<size_t>(n));
  }
  return Status::Ok();
}

// Six random letters and digits, as mkstemp uses.
std::string RandomSuffix() {
  static constexpr char kChars[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  unsigned char bytes[6] = {};
  if (getrandom(bytes, sizeof bytes, 0) != sizeof bytes)
    return std::to_string(getpid());  // unlikely; O_EXCL still keeps names unique
  std::string suffix;
  for (unsigned char byte : bytes)
    suffix += kChars[byte % (sizeof kChars - 1)];
  return suffix;
}

// Places the temporary file `temp` at `target`, both in target.dir; kRefuse
// uses RENAME_NOREPLACE, or linkat where the file system lacks it, so an
// existing target is never replaced, even in a race.
Status Rename(const std::string& temp, const FileAt& target, Overwrite overwrite) {
  int dir = target.dir;
  const char* name = target.name.c_str();
  if (overwrite == Overwrite::kReplace) {
    if (renameat(dir, temp.c_str(), dir, name) == 0)
      return Status::Ok();
    return SystemError("cannot replace", target.shown);
  }
  int rc = renameat2(dir, temp.c_str(), dir, name, RENAME_NOREPLACE);
  if (rc != 0 && (errno == EINVAL || errno == ENOSYS)) {
    rc = linkat(dir, temp.c_str(), dir, name, 0);
    if (rc == 0)
      unlinkat(dir, temp.c_str(), 0);
  }
  if (rc == 0)
    return Status::Ok();
  if (errno == EEXIST)
    return AlreadyExists("'" + target.shown.string() + "' already exists");
  return SystemError("cannot create", target.shown);
}

// A temporary file beside a target, in the target's open folder; removed
// unless committed.
class TempFile {
 public:
  explicit TempFile(const FileAt& target) : target_(target) {}
  ~TempFile() {
    fd_.Reset();
    if (!name_.empty() && !committed_)
      unlinkat(target_.dir, name_.c_str(), 0);
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;

  Status Open() {
    std::string prefix = "." + target_.name.substr(0, kMaxNameInTemp) + ".tmp-";
    for (int attempt = 0; attempt < kTempAttempts; ++attempt) {
      std::string name = prefix + RandomSuffix();
      fd_ = UniqueFd(openat(target_.dir, name.c_str(),
                            O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600));
      if (fd_.valid()) {
        name_ = std::move(name);
        return Status::Ok();
      }
      if (errno != EEXIST)
        break;
    }
    return SystemError("cannot create a temporary file in", FolderOf(target_.shown));
  }

  Status Write(std::string_view data) { return WriteAll(fd_.get(), data, target_.shown); }

  Status SetMode(mode_t mode) {
    if (fchmod(fd_.get(), mode) != 0)
      return SystemError("cannot set the mode of", target_.shown);
    return Status::Ok();
  }

  Status Commit(Overwrite overwrite) {
    if (fsync(fd_.get()) != 0)
      return SystemError("cannot sync", target_.shown);
    if (close(fd_.Release()) != 0)
      return SystemError("cannot write", target_.shown);
    TRAVET_RETURN_IF_ERROR(Rename(name_, target_, overwrite));
    committed_ = true;
    return SyncFolder(target_);
  }

 private:
  const FileAt& target_;
  std::string name_;
  UniqueFd fd_;
  bool committed_ = false;
};

// The mode a replaced file keeps; a symlink is replaced, not followed.
mode_t ModeFor(const FileAt& target) {
  struct stat st {};
  if (fstatat(target.dir, target.name.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0 &&
      S_ISREG(st.st_mode))
    return st.st_mode & 07777;
  return 0644;
}

bool ExistsAt(const FileAt& file) {
  struct stat st {};
  return fstatat(file.dir, file.name.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0;
}

// Across file systems: the source goes only once the copy is durable.
Result<MoveOutcome> CopyThenRemove(const FileAt& from, const FileAt& to) {
  UniqueFd in(openat(from.dir, from.name.c_str(), kOpenForReading | O_NOFOLLOW));
  if (!in.valid())
    return SystemError("cannot move", from.shown);
  TRAVET_RETURN_IF_ERROR(CopyFileAtomicAt(in.get(), from.shown, to));
  if (unlinkat(from.dir, from.name.c_str(), 0) != 0)
    return SystemError("copied but cannot remove", from.shown);
  TRAVET_RETURN_IF_ERROR(SyncFolder(from));
  return MoveOutcome{};
}

}  // namespace

Status WriteFileAtomic(const fs::path& target, std::string_view data, Overwrite overwrite) {
  auto dir = OpenFolder(FolderOf(target), "cannot create a temporary file in");
  if (!dir)
    return dir.error();
  return WriteFileAtomicAt(At(*dir, target), data, overwrite);
}

Status WriteFileAtomicAt(const FileAt& target, std::string_view data, Overwrite overwrite) {
  TempFile temp(target);
  TRAVET_RETURN_IF_ERROR(temp.Open());
  TRAVET_RETURN_IF_ERROR(temp.Write(data));
  TRAVET_RETURN_IF_ERROR(temp.SetMode(ModeFor(target)));
  return temp.Commit(overwrite);
}

Status AppendFile(const fs::path& target, std::string_view data) {
  Result<std::string> old = ReadWholeFile(target);
  if (!old && old.error().code() != StatusCode::kNotFound)
    return old.error();
  std::string content = old ? std::move(*old) : std::string();
  content.append(data);
  return WriteFileAtomic(target, content);
}

Status CopyFileAtomic(const fs::path& from, const fs::path& to) {
  UniqueFd in(open(from.c_str(), kOpenForReading));
  if (!in.valid())
    return SystemError("cannot copy", from);
  auto dir = OpenFolder(FolderOf(to), "cannot create a temporary file in");
  if (!dir)
    return dir.error();
  return CopyFileAtomicAt(in.get(), from, At(*dir, to));
}

Status CopyFileAtomicAt(int from_fd, const fs::path& from_shown, const FileAt& to) {
  struct stat st {};
  TRAVET_RETURN_IF_ERROR(CheckRegularFile(from_fd, "cannot copy", from_shown, st));
  TempFile temp(to);
  TRAVET_RETURN_IF_ERROR(temp.Open());
  std::string buffer(kChunk, '\0');
  while (true) {
    ssize_t n = read(from_fd, buffer.data(), buffer.size());
    if (n < 0 && errno == EINTR)
      continue;
    if (n < 0)
      return SystemError("cannot read", from_shown);
    if (n == 0)
      break;
    TRAVET_RETURN_IF_ERROR(temp.Write(std::string_view(buffer.data(), static_cast<size_t>(n))));
  }
  TRAVET_RETURN_IF_ERROR(temp.SetMode(st.st_mode & 07777));
  return temp.Commit(Overwrite::kReplace);
}

Result<MoveOutcome> MoveFile(const fs::path& from, const fs::path& to) {
  auto from_dir = OpenFolder(FolderOf(from), "cannot move");
  std::error_code ec;
  if (!from_dir && from_dir.error().code() == StatusCode::kNotFound && fs::exists(to, ec))
    return MoveOutcome{.already_moved = true};
  if (!from_dir)
    return from_dir.error();
  auto to_dir = OpenFolder(FolderOf(to), "cannot move");
  if (!to_dir)
    return to_dir.error();
  return MoveFileAt(At(*from_dir, from), At(*to_dir, to));
}

Result<MoveOutcome> MoveFileAt(const FileAt& from, const FileAt& to) {
  struct stat st {};
  if (fstatat(from.dir, from.name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) {
    int error = errno;
    if (error == ENOENT && ExistsAt(to))
      return MoveOutcome{.already_moved = true};
    errno = error;
    return SystemError("cannot move", from.shown);
  }
  if (S_ISDIR(st.st_mode)) {
    return FailedPrecondition("cannot move '" + from.shown.string() + "': it is a folder");
  }
  if (renameat(from.dir, from.name.c_str(), to.dir, to.name.c_str()) == 0) {
    TRAVET_RETURN_IF_ERROR(SyncFolder(to));
    TRAVET_RETURN_IF_ERROR(SyncFolder(from));
    return MoveOutcome{};
  }
  if (errno != EXDEV)
    return SystemError("cannot move '" + from.shown.string() + "' to", to.shown);
  return CopyThenRemove(from, to);
}

Result<bool> RemoveFile(const fs::path& path) {
  auto dir = OpenFolder(FolderOf(path), "cannot remove");
  if (!dir && dir.error().code() == StatusCode::kNotFound)
    return false;
  if (!dir)
    return dir.error();
  return RemoveFileAt(At(*dir, path));
}

Result<bool> RemoveFileAt(const FileAt& file) {
  struct stat st {};
  if (fstatat(file.dir, file.name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0 && errno == ENOENT)
    return false;
  if (S_ISDIR(st.st_mode)) {
    return FailedPrecondition("cannot remove '" + file.shown.string() + "': it is a folder");
  }
  if (unlinkat(file.dir, file.name.c_str(), 0) != 0) {
    if (errno == ENOENT)
      return false;
    return SystemError("cannot remove", file.shown);
  }
  TRAVET_RETURN_IF_ERROR(SyncFolder(file));
  return true;
}

Result<std::string> ReadWholeFile(const fs::path& path, size_t max_bytes) {
  UniqueFd fd(open(path.c_str(), kOpenForReading));
  if (!fd.valid())
    return SystemError("cannot read", path);
  return ReadWholeFd(fd.get(), path, max_bytes);
}

Result<std::string> ReadWholeFd(int fd, const fs::path& shown, size_t max_bytes) {
  struct stat st {};
  TRAVET_RETURN_IF_ERROR(CheckRegularFile(fd, "cannot read", shown, st));
  std::string content;
  std::string buffer(kChunk, '\0');
  while (true) {
    ssize_t n = read(fd, buffer.data(), buffer.size());
    if (n < 0 && errno == EINTR)
      continue;
    if (n < 0)
      return SystemError("cannot read", shown);
    if (n == 0)
      break;
    // Counted as read, not as stat says: a file may grow while it is read.
    if (content.size() + static_cast<size_t>(n) > max_bytes) {
      return FailedPrecondition("cannot read '" + shown.string() + "': it holds more than " +
                                std::to_string(max_bytes) + " bytes, the limit");
    }
    content.append(buffer.data(), static_cast<size_t>(n));
  }
  return content;
}

}  // namespace travet::actions
