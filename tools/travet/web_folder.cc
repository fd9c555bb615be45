#include "tools/travet/web_folder.h"

#include <system_error>

namespace travet::cli {

std::vector<std::filesystem::path> WebFolderCandidates() {
  std::error_code error;
  const std::filesystem::path program = std::filesystem::read_symlink("/proc/self/exe", error);
  if (error) {
    return {};
  }
  const std::filesystem::path dir = program.parent_path();
  return {(dir / "../../web").lexically_normal(), (dir / "../share/travet/web").lexically_normal()};
}

std::filesystem::path DefaultWebFolder() {
  for (const std::filesystem::path& folder : WebFolderCandidates()) {
    std::error_code error;
    if (std::filesystem::is_regular_file(folder / "index.html", error)) {
      return folder;
    }
  }
  return {};
}

}  // namespace travet::cli
