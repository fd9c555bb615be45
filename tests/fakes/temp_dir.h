#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace travet::testing {

// A fresh folder under the system temp dir, removed with everything in it
// when the object goes away.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  // Writes `content` to `relative` (creating folders) and returns its path.
  std::filesystem::path Write(std::string_view relative, std::string_view content) const;
  // Reads a file below the folder; empty when missing.
  std::string Read(std::string_view relative) const;

 private:
  std::filesystem::path path_;
};

// Reads a whole file; empty when missing.
std::string ReadFile(const std::filesystem::path& path);

}  // namespace travet::testing
