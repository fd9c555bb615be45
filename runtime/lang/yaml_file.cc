#include "runtime/lang/yaml_file.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <string>

namespace travet::lang {

Result<YamlNode> ReadYamlFile(const std::filesystem::path& path, const YamlLimits& limits) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return NotFound(path.string() + ":1:1: cannot read the file: " + std::strerror(errno));
  // One byte past the limit is enough to refuse a huge file.
  std::string text(limits.max_bytes + 1, '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<size_t>(in.gcount()));
  if (text.size() > limits.max_bytes) {
    return InvalidArgument(path.string() + ":1:1: the file is too large (the limit is " +
                           std::to_string(limits.max_bytes) + " bytes)");
  }
  return ReadYaml(text, path.string(), limits);
}

}  // namespace travet::lang
