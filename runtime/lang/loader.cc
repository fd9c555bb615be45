#include "runtime/lang/loader.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "runtime/lang/bot_reader.h"
#include "runtime/lang/yaml_reader.h"

namespace travet::lang {

LoadResult LoadBotText(std::string_view text, const std::string& file, const LoadOptions& options) {
  LoadResult result;
  auto root = ReadYaml(text, file);
  if (!root) {
    result.errors.push_back(root.error().message());
    return result;
  }
  Diagnostics diag;
  BotReader reader(options, diag);
  Bot bot = reader.ReadBot(*root);
  if (!diag.empty()) {
    result.errors = diag.Sorted();
    return result;
  }
  result.bot = std::move(bot);
  return result;
}

LoadResult LoadBotFile(const std::string& path, const LoadOptions& options) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    LoadResult result;
    result.errors.push_back(path + ":1:1: cannot read the file: " + std::strerror(errno));
    return result;
  }
  // Read at most one byte past the limit: enough to refuse a huge file.
  YamlLimits limits;
  std::string text(limits.max_bytes + 1, '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<size_t>(in.gcount()));
  if (text.size() > limits.max_bytes) {
    in.seekg(0, std::ios::end);
    LoadResult result;
    result.errors.push_back(path + ":1:1: file is too large (" +
                            std::to_string(static_cast<long long>(in.tellg())) +
                            " bytes; the limit is " + std::to_string(limits.max_bytes) + ")");
    return result;
  }
  return LoadBotText(text, path, options);
}

}  // namespace travet::lang
