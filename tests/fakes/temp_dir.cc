#include "tests/fakes/temp_dir.h"

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace travet::testing {

TempDir::TempDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "travet-test-XXXXXX").string();
  char* made = mkdtemp(pattern.data());
  path_ = made ? std::filesystem::path(made) : std::filesystem::path(pattern);
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

std::filesystem::path TempDir::Write(std::string_view relative, std::string_view content) const {
  auto target = path_ / relative;
  std::filesystem::create_directories(target.parent_path());
  std::ofstream out(target, std::ios::binary);
  out << content;
  return target;
}

std::string TempDir::Read(std::string_view relative) const {
  return ReadFile(path_ / relative);
}

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

}  // namespace travet::testing
