#include "runtime/actions/atomic_file.h"

#include <fcntl.h>
#include <openssl/evp.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace travet::actions {
namespace fs = std::filesystem;

namespace {

constexpr size_t kChunk = 64 * 1024;
constexpr size_t kMaxNameInTemp = 200;  // the temp name must fit in NAME_MAX (255)

Status SystemError(std::string_view what, const fs::path& path) {
  int error = errno;
  std::string message = std::string(what) + " '" + path.string() + "': " + std::strerror(error);
  return error == ENOENT ? NotFound(std::move(message)) : IoError(std::move(message));
}

// Closes the descriptor on scope exit.
class UniqueFd {
 public:
  explicit UniqueFd(int fd) : fd_(fd) {}
  ~UniqueFd() {
    if (fd_ >= 0)
      close(fd_);
  }
  UniqueFd(const UniqueFd&) = delete;
  UniqueFd& operator=(const UniqueFd&) = delete;
  int get() const { return fd_; }
  int release() {
    int fd = fd_;
    fd_ = -1;
    return fd;
  }

 private:
  int fd_;
};

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

// Opens a regular file for reading. Anything else is refused before a byte
// is read: opening is non-blocking, so a FIFO with no writer cannot hang the
// step, and a device (/dev/zero has no end) is never read.
Result<int> OpenRegularFile(const fs::path& path, std::string_view what, struct stat& st) {
  int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
  if (fd < 0)
    return SystemError(what, path);
  UniqueFd guard(fd);
  if (fstat(fd, &st) != 0)
    return SystemError(what, path);
  if (S_ISDIR(st.st_mode))
    return FailedPrecondition(std::string(what) + " '" + path.string() + "': it is a folder");
  if (!S_ISREG(st.st_mode)) {
    return FailedPrecondition(std::string(what) + " '" + path.string() + "': it is " +
                              std::string(KindOf(st.st_mode)) + ", not a regular file");
  }
  int flags = fcntl(fd, F_GETFL);
  if (flags < 0 || fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) != 0)
    return SystemError(what, path);
  return guard.release();
}

fs::path FolderOf(const fs::path& path) {
  return path.has_parent_path() ? path.parent_path() : fs::path(".");
}

Status SyncFolder(const fs::path& folder) {
  UniqueFd fd(open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (fd.get() < 0 || fsync(fd.get()) != 0)
    return SystemError("cannot sync folder", folder);
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

// Places `temp` at `target`; kRefuse uses RENAME_NOREPLACE, or link() where the
// file system lacks it, so an existing target is never replaced, even in a race.
Status Rename(const fs::path& temp, const fs::path& target, Overwrite overwrite) {
  if (overwrite == Overwrite::kReplace) {
    if (rename(temp.c_str(), target.c_str()) == 0)
      return Status::Ok();
    return SystemError("cannot replace", target);
  }
  int rc = renameat2(AT_FDCWD, temp.c_str(), AT_FDCWD, target.c_str(), RENAME_NOREPLACE);
  if (rc != 0 && (errno == EINVAL || errno == ENOSYS)) {
    rc = link(temp.c_str(), target.c_str());
    if (rc == 0)
      unlink(temp.c_str());
  }
  if (rc == 0)
    return Status::Ok();
  if (errno == EEXIST)
    return AlreadyExists("'" + target.string() + "' already exists");
  return SystemError("cannot create", target);
}

// A temporary file beside a target, removed unless committed.
class TempFile {
 public:
  TempFile() = default;
  ~TempFile() {
    if (fd_ >= 0)
      close(fd_);
    if (!path_.empty() && !committed_)
      unlink(path_.c_str());
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;

  Status Open(const fs::path& target) {
    target_ = target;
    std::string name = target.filename().string().substr(0, kMaxNameInTemp);
    std::string pattern = (FolderOf(target) / ("." + name + ".tmp-XXXXXX")).string();
    fd_ = mkostemp(pattern.data(), O_CLOEXEC);
    if (fd_ < 0)
      return SystemError("cannot create a temporary file in", FolderOf(target));
    path_ = pattern;
    return Status::Ok();
  }

  Status Write(std::string_view data) { return WriteAll(fd_, data, target_); }

  Status SetMode(mode_t mode) {
    if (fchmod(fd_, mode) != 0)
      return SystemError("cannot set the mode of", target_);
    return Status::Ok();
  }

  Status Commit(Overwrite overwrite) {
    if (fsync(fd_) != 0)
      return SystemError("cannot sync", target_);
    int fd = fd_;
    fd_ = -1;
    if (close(fd) != 0)
      return SystemError("cannot write", target_);
    TRAVET_RETURN_IF_ERROR(Rename(path_, target_, overwrite));
    committed_ = true;
    return SyncFolder(FolderOf(target_));
  }

 private:
  fs::path target_;
  fs::path path_;
  int fd_ = -1;
  bool committed_ = false;
};

mode_t ModeFor(const fs::path& target) {
  struct stat st {};
  if (stat(target.c_str(), &st) == 0 && S_ISREG(st.st_mode))
    return st.st_mode & 07777;
  return 0644;
}

}  // namespace

Status WriteFileAtomic(const fs::path& target, std::string_view data, Overwrite overwrite) {
  TempFile temp;
  TRAVET_RETURN_IF_ERROR(temp.Open(target));
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
  struct stat st {};
  Result<int> opened = OpenRegularFile(from, "cannot copy", st);
  if (!opened)
    return opened.error();
  UniqueFd in(*opened);
  TempFile temp;
  TRAVET_RETURN_IF_ERROR(temp.Open(to));
  std::string buffer(kChunk, '\0');
  while (true) {
    ssize_t n = read(in.get(), buffer.data(), buffer.size());
    if (n < 0 && errno == EINTR)
      continue;
    if (n < 0)
      return SystemError("cannot read", from);
    if (n == 0)
      break;
    TRAVET_RETURN_IF_ERROR(temp.Write(std::string_view(buffer.data(), static_cast<size_t>(n))));
  }
  TRAVET_RETURN_IF_ERROR(temp.SetMode(st.st_mode & 07777));
  return temp.Commit(Overwrite::kReplace);
}

Result<MoveOutcome> MoveFile(const fs::path& from, const fs::path& to) {
  struct stat st {};
  if (lstat(from.c_str(), &st) != 0) {
    int error = errno;
    std::error_code ec;
    if (error == ENOENT && fs::exists(to, ec))
      return MoveOutcome{.already_moved = true};
    errno = error;
    return SystemError("cannot move", from);
  }
  if (S_ISDIR(st.st_mode)) {
    return FailedPrecondition("cannot move '" + from.string() + "': it is a folder");
  }
  if (rename(from.c_str(), to.c_str()) == 0) {
    TRAVET_RETURN_IF_ERROR(SyncFolder(FolderOf(to)));
    TRAVET_RETURN_IF_ERROR(SyncFolder(FolderOf(from)));
    return MoveOutcome{};
  }
  if (errno != EXDEV)
    return SystemError("cannot move '" + from.string() + "' to", to);
  // Across file systems: the source goes only once the copy is durable.
  TRAVET_RETURN_IF_ERROR(CopyFileAtomic(from, to));
  if (unlink(from.c_str()) != 0)
    return SystemError("copied but cannot remove", from);
  TRAVET_RETURN_IF_ERROR(SyncFolder(FolderOf(from)));
  return MoveOutcome{};
}

Result<bool> RemoveFile(const fs::path& path) {
  struct stat st {};
  if (lstat(path.c_str(), &st) != 0 && errno == ENOENT)
    return false;
  if (S_ISDIR(st.st_mode)) {
    return FailedPrecondition("cannot remove '" + path.string() + "': it is a folder");
  }
  if (unlink(path.c_str()) != 0) {
    if (errno == ENOENT)
      return false;
    return SystemError("cannot remove", path);
  }
  TRAVET_RETURN_IF_ERROR(SyncFolder(FolderOf(path)));
  return true;
}

Result<std::string> ReadWholeFile(const fs::path& path, size_t max_bytes) {
  struct stat st {};
  Result<int> opened = OpenRegularFile(path, "cannot read", st);
  if (!opened)
    return opened.error();
  UniqueFd fd(*opened);
  std::string content;
  std::string buffer(kChunk, '\0');
  while (true) {
    ssize_t n = read(fd.get(), buffer.data(), buffer.size());
    if (n < 0 && errno == EINTR)
      continue;
    if (n < 0)
      return SystemError("cannot read", path);
    if (n == 0)
      break;
    // Counted as read, not as stat says: a file may grow while it is read.
    if (content.size() + static_cast<size_t>(n) > max_bytes) {
      return FailedPrecondition("cannot read '" + path.string() + "': it holds more than " +
                                std::to_string(max_bytes) + " bytes, the limit");
    }
    content.append(buffer.data(), static_cast<size_t>(n));
  }
  return content;
}

std::string Sha256Hex(std::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(data.data(), data.size(), digest, &length, EVP_sha256(), nullptr);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  for (unsigned int i = 0; i < length; ++i) {
    hex += kHex[digest[i] >> 4];
    hex += kHex[digest[i] & 0xf];
  }
  return hex;
}

}  // namespace travet::actions
