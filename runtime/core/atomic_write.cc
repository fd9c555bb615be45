#include "runtime/core/atomic_write.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <string>
#include <system_error>

namespace travet {

std::filesystem::path TempPathBeside(const std::filesystem::path& path) {
  return path.parent_path() / ("." + path.filename().string() + ".tmp");
}

Status WriteFileAtomic(const std::filesystem::path& path, std::string_view data) {
  const std::filesystem::path temp = TempPathBeside(path);
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    if (!out) {
      // The caller's path: the temporary file beside it is ours, not theirs.
      return IoError("cannot write '" + path.string() + "': " + std::strerror(errno));
    }
    out.write(data.data(), static_cast<std::streamsize>(data.size()));
    out.close();
    if (!out) {
      std::error_code ignored;
      std::filesystem::remove(temp, ignored);
      return IoError("cannot write '" + path.string() + "'");
    }
  }
  std::error_code ec;
  std::filesystem::rename(temp, path, ec);
  if (ec) {
    std::error_code ignored;
    std::filesystem::remove(temp, ignored);
    return IoError("cannot replace '" + path.string() + "': " + ec.message());
  }
  return Status::Ok();
}

}  // namespace travet
