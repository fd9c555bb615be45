#include "runtime/actions/path_guard.h"

#include <fcntl.h>
#include <linux/openat2.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <climits>
#include <cstdint>
#include <cstring>
#include <optional>

namespace travet::actions {
namespace fs = std::filesystem;

namespace {

std::string Quoted(std::string_view user_path) {
  return "path '" + std::string(user_path) + "'";
}

fs::path CanonicalRoot(const fs::path& root) {
  std::error_code ec;
  fs::path canonical = fs::canonical(root, ec);
  if (!ec)
    return canonical;
  fs::path absolute = fs::absolute(root, ec);
  if (ec)
    return root.lexically_normal();
  canonical = fs::weakly_canonical(absolute, ec);
  return ec ? absolute.lexically_normal() : canonical;
}

bool IsWithin(const fs::path& path, const fs::path& root) {
  fs::path rel = path.lexically_relative(root);
  return !rel.empty() && *rel.begin() != "..";
}

// Refuses what is wrong with the text alone, before any splitting.
Status CheckText(std::string_view user_path) {
  if (user_path.empty())
    return InvalidArgument("path is empty");
  if (user_path.find('\0') != std::string_view::npos) {
    return PermissionDenied("path contains a NUL byte");
  }
  if (user_path.size() >= PATH_MAX) {
    return InvalidArgument("path is " + std::to_string(user_path.size()) +
                           " bytes long; the limit is " + std::to_string(PATH_MAX - 1));
  }
  std::string lower(user_path);
  for (char& c : lower)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  // Decoding would make "%2e%2e" mean ".." after the checks; refusing is simpler than
  // proving every later layer never decodes.
  for (const char* code : {"%2e", "%2f", "%5c"}) {
    if (lower.find(code) != std::string::npos) {
      return PermissionDenied(Quoted(user_path) + " contains an encoded character");
    }
  }
  return Status::Ok();
}

// A Windows-style "..\x" means "parent" to some tools that may later see the name.
Status CheckBackslashDotDot(std::string_view user_path) {
  if (user_path.find('\\') == std::string_view::npos)
    return Status::Ok();
  size_t start = 0;
  while (start <= user_path.size()) {
    size_t end = user_path.find_first_of("/\\", start);
    if (end == std::string_view::npos)
      end = user_path.size();
    if (user_path.substr(start, end - start) == "..") {
      return PermissionDenied(Quoted(user_path) + " mixes '..' with a backslash");
    }
    start = end + 1;
  }
  return Status::Ok();
}

// Splits on '/' and applies '.' and '..' lexically. Returns false when '..'
// climbs above the start, unless `clamp` keeps it there (as "/.." is "/").
bool Normalise(std::string_view text, std::vector<std::string>& parts, bool clamp = false) {
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('/', start);
    if (end == std::string_view::npos)
      end = text.size();
    std::string_view part = text.substr(start, end - start);
    start = end + 1;
    if (part.empty() || part == ".")
      continue;
    if (part != "..") {
      parts.emplace_back(part);
    } else if (parts.empty()) {
      if (!clamp)
        return false;
    } else {
      parts.pop_back();
    }
  }
  return true;
}

std::string Join(const std::vector<std::string>& parts, size_t count) {
  std::string joined;
  for (size_t i = 0; i < count; ++i)
    joined += (i ? "/" : "") + parts[i];
  return joined;
}

Status SymlinkEscape(std::string_view user_path, const std::vector<std::string>& parts,
                     size_t count) {
  return PermissionDenied(Quoted(user_path) + " leaves the working folder through symlink '" +
                          Join(parts, count) + "'");
}

Status SymlinkLoop(std::string_view user_path, const std::vector<std::string>& parts,
                   size_t count) {
  return PermissionDenied(Quoted(user_path) + " has too many levels of symlinks at '" +
                          Join(parts, count) + "'");
}

// Where the symlink `link` finally leads. Unlike weakly_canonical, follows a
// dangling link too, since writing through it would create its target.
// Nothing when the links loop or cannot be read.
std::optional<fs::path> FinalTarget(fs::path link) {
  std::error_code ec;
  for (int hop = 0; hop < 40; ++hop) {
    if (!fs::is_symlink(fs::symlink_status(link, ec))) {
      fs::path target = fs::weakly_canonical(link, ec);
      return ec ? std::nullopt : std::optional(target);
    }
    fs::path next = fs::read_symlink(link, ec);
    if (ec)
      return std::nullopt;
    if (next.is_relative())
      next = link.parent_path() / next;
    fs::path parent = fs::weakly_canonical(next.parent_path(), ec);
    if (ec)
      return std::nullopt;
    link = parent / next.filename();
  }
  return std::nullopt;
}

long OpenBeneath(int dir_fd, const std::string& relative, int flags = O_PATH) {
  open_how how{};
  how.flags = static_cast<uint64_t>(flags | O_CLOEXEC);
  how.resolve = RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS;
  long fd = -1;
  // EAGAIN: a rename elsewhere raced with the lookup; the kernel asks to retry.
  for (int attempt = 0; attempt < 8; ++attempt) {
    fd = syscall(SYS_openat2, dir_fd, relative.c_str(), &how, sizeof how);
    if (fd >= 0 || errno != EAGAIN)
      break;
  }
  return fd;
}

constexpr int kFolderFlags = O_RDONLY | O_DIRECTORY;

fs::path Under(const fs::path& root, const std::vector<std::string>& parts, size_t count) {
  fs::path path = root;
  for (size_t i = 0; i < count; ++i)
    path /= parts[i];
  return path;
}

}  // namespace

PathGuard::PathGuard(const fs::path& root, const std::vector<fs::path>& extra_roots,
                     SymlinkCheck check)
    : use_openat2_(check == SymlinkCheck::kAuto && KernelHasOpenat2()) {
  roots_.push_back(CanonicalRoot(root));
  for (const fs::path& extra : extra_roots)
    roots_.push_back(CanonicalRoot(extra));
}

bool PathGuard::KernelHasOpenat2() {
  static const bool kHas = [] {
    long fd = OpenBeneath(AT_FDCWD, ".");
    if (fd >= 0)
      close(static_cast<int>(fd));
    return fd >= 0 || (errno != ENOSYS && errno != EPERM);
  }();
  return kHas;
}

Result<fs::path> PathGuard::Resolve(std::string_view user_path) const {
  TRAVET_RETURN_IF_ERROR(CheckText(user_path));
  TRAVET_RETURN_IF_ERROR(CheckBackslashDotDot(user_path));
  std::vector<std::string> parts;
  const fs::path* root = &roots_.front();
  if (user_path.front() != '/') {
    if (!Normalise(user_path, parts)) {
      return PermissionDenied(Quoted(user_path) + " escapes the working folder");
    }
  } else {
    std::vector<std::string> absolute_parts;
    Normalise(user_path, absolute_parts, /*clamp=*/true);
    fs::path absolute = "/" + Join(absolute_parts, absolute_parts.size());
    root = nullptr;
    for (const fs::path& candidate : roots_) {
      if (IsWithin(absolute, candidate))
        root = &candidate;
      if (root)
        break;
    }
    if (!root)
      return PermissionDenied(Quoted(user_path) + " is outside the working folder");
    Normalise(absolute.lexically_relative(*root).string(), parts);
  }
  TRAVET_RETURN_IF_ERROR(CheckSymlinks(user_path, *root, parts));
  fs::path resolved = *root;
  for (const std::string& part : parts)
    resolved /= part;
  return resolved;
}

std::string PathGuard::Display(const fs::path& resolved) const {
  if (!IsWithin(resolved, root()))
    return resolved.string();
  return resolved.lexically_relative(root()).generic_string();
}

Status PathGuard::CheckSymlinks(std::string_view user_path, const fs::path& root,
                                const std::vector<std::string>& parts) const {
  if (use_openat2_)
    return CheckSymlinksWithOpenat2(user_path, root, parts);
  return CheckSymlinksPortably(user_path, root, parts);
}

Status PathGuard::CheckSymlinksWithOpenat2(std::string_view user_path, const fs::path& root,
                                           const std::vector<std::string>& parts) const {
  int root_fd = open(root.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC);
  if (root_fd < 0) {
    return IoError("working folder '" + root.string() +
                   "' cannot be opened: " + std::strerror(errno));
  }
  Status status;
  for (size_t count = 1; count <= parts.size() && status.ok(); ++count) {
    long fd = OpenBeneath(root_fd, Join(parts, count));
    if (fd >= 0) {
      close(static_cast<int>(fd));
      continue;
    }
    if (errno == EXDEV) {
      status = SymlinkEscape(user_path, parts, count);
    } else if (errno == ELOOP) {
      status = SymlinkLoop(user_path, parts, count);
    } else {
      break;  // missing or unreadable: the rest does not exist; the operation reports it
    }
  }
  close(root_fd);
  return status;
}

Status PathGuard::CheckSymlinksPortably(std::string_view user_path, const fs::path& root,
                                        const std::vector<std::string>& parts) const {
  fs::path current = root;
  for (size_t count = 1; count <= parts.size(); ++count) {
    current /= parts[count - 1];
    std::error_code ec;
    fs::file_status status = fs::symlink_status(current, ec);
    if (ec || !fs::exists(status))
      break;
    if (!fs::is_symlink(status))
      continue;
    std::optional<fs::path> target = FinalTarget(current);
    if (!target)
      return SymlinkLoop(user_path, parts, count);
    if (!IsWithin(*target, root))
      return SymlinkEscape(user_path, parts, count);
  }
  return Status::Ok();
}

const fs::path* PathGuard::RootOf(const fs::path& resolved, std::vector<std::string>& parts) const {
  for (const fs::path& root : roots_) {
    if (IsWithin(resolved, root)) {
      Normalise(resolved.lexically_relative(root).string(), parts);
      return &root;
    }
  }
  return nullptr;
}

Status PathGuard::OpenError(const fs::path& path, std::string_view what) const {
  int error = errno;
  std::string shown = "'" + Display(path) + "'";
  if (error == EXDEV)
    return PermissionDenied("path " + shown + " leaves the working folder through a symlink");
  if (error == ELOOP)
    return PermissionDenied("path " + shown + " has too many levels of symlinks");
  std::string message = std::string(what) + " " + shown + ": " + std::strerror(error);
  return error == ENOENT ? NotFound(std::move(message)) : IoError(std::move(message));
}

Result<UniqueFd> PathGuard::OpenRoot(const fs::path& root) const {
  UniqueFd fd(open(root.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC));
  if (!fd.valid()) {
    return IoError("working folder '" + root.string() +
                   "' cannot be opened: " + std::strerror(errno));
  }
  return fd;
}

Result<UniqueFd> PathGuard::Open(const fs::path& resolved, int flags) const {
  std::vector<std::string> parts;
  const fs::path* root = RootOf(resolved, parts);
  if (!root)
    return PermissionDenied("path '" + resolved.string() + "' is outside the working folder");
  if (!use_openat2_) {
    UniqueFd fd(open(resolved.c_str(), flags | O_CLOEXEC));
    if (!fd.valid())
      return OpenError(resolved, "cannot open");
    return fd;
  }
  auto root_fd = OpenRoot(*root);
  if (!root_fd)
    return root_fd.error();
  std::string relative = parts.empty() ? "." : Join(parts, parts.size());
  UniqueFd fd(static_cast<int>(OpenBeneath(root_fd->get(), relative, flags)));
  if (!fd.valid())
    return OpenError(resolved, "cannot open");
  return fd;
}

Result<PathGuard::Parent> PathGuard::OpenParent(const fs::path& resolved, bool make_folders) const {
  std::vector<std::string> parts;
  const fs::path* root = RootOf(resolved, parts);
  if (!root)
    return PermissionDenied("path '" + resolved.string() + "' is outside the working folder");
  if (parts.empty())
    return FailedPrecondition("path '" + Display(resolved) + "' is a root folder itself");
  Result<UniqueFd> dir = use_openat2_
                             ? OpenFolderBeneath(*root, parts, parts.size() - 1, make_folders)
                             : OpenFolderByPath(resolved.parent_path(), make_folders);
  if (!dir)
    return dir.error();
  return Parent{.dir = std::move(*dir), .name = parts.back()};
}

Result<UniqueFd> PathGuard::OpenFolderByPath(const fs::path& folder, bool make) const {
  std::error_code ec;
  if (make && !fs::create_directories(folder, ec) && ec) {
    return IoError("cannot create folder '" + Display(folder) + "': " + ec.message());
  }
  UniqueFd fd(open(folder.c_str(), kFolderFlags | O_CLOEXEC));
  if (!fd.valid())
    return OpenError(folder, "cannot open folder");
  return fd;
}

Result<UniqueFd> PathGuard::OpenFolderBeneath(const fs::path& root,
                                              const std::vector<std::string>& parts, size_t count,
                                              bool make) const {
  auto root_fd = OpenRoot(root);
  if (!root_fd)
    return root_fd.error();
  fs::path folder = Under(root, parts, count);
  std::string relative = count == 0 ? "." : Join(parts, count);
  if (!make) {
    UniqueFd dir(static_cast<int>(OpenBeneath(root_fd->get(), relative, kFolderFlags)));
    if (!dir.valid())
      return OpenError(folder, "cannot open folder");
    return dir;
  }
  UniqueFd dir(static_cast<int>(OpenBeneath(root_fd->get(), ".", kFolderFlags)));
  for (size_t level = 1; level <= count && dir.valid(); ++level) {
    relative = Join(parts, level);
    UniqueFd next(static_cast<int>(OpenBeneath(root_fd->get(), relative, kFolderFlags)));
    // Made by name in the folder opened last: mkdirat never follows a symlink
    // in the name it creates, and that folder was opened beneath the root.
    if (!next.valid() && errno == ENOENT &&
        (mkdirat(dir.get(), parts[level - 1].c_str(), 0777) == 0 || errno == EEXIST)) {
      next = UniqueFd(static_cast<int>(OpenBeneath(root_fd->get(), relative, kFolderFlags)));
    }
    if (!next.valid() && (errno == EXDEV || errno == ELOOP))
      return OpenError(Under(root, parts, level), "cannot open folder");
    if (!next.valid())
      return IoError("cannot create folder '" + Display(folder) + "': " + std::strerror(errno));
    dir = std::move(next);
  }
  if (!dir.valid())
    return OpenError(root, "cannot open folder");
  return dir;
}

}  // namespace travet::actions
