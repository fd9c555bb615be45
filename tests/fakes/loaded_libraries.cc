#include "tests/fakes/loaded_libraries.h"

#include <algorithm>
#include <fstream>
#include <set>

namespace travet::testing {

std::vector<std::string> LoadedLibraries(const std::vector<std::string>& fragments) {
  std::ifstream maps("/proc/self/maps");
  std::set<std::string> found;
  std::string line;
  while (std::getline(maps, line)) {
    const auto slash = line.find('/');
    if (slash == std::string::npos)
      continue;
    const std::string path = line.substr(slash);
    const std::string name = path.substr(path.rfind('/') + 1);
    if (std::any_of(fragments.begin(), fragments.end(),
                    [&](const std::string& f) { return name.find(f) != std::string::npos; }))
      found.insert(path);
  }
  return {found.begin(), found.end()};
}

const std::vector<std::string>& ImageLibraryNames() {
  static const std::vector<std::string> kNames = {"libopencv", "libtesseract", "liblept",
                                                  "libpoppler"};
  return kNames;
}

}  // namespace travet::testing
