#include "runtime/engine/secrets.h"

#include <sys/stat.h>

#include <cstdlib>
#include <fstream>

namespace travet::engine {
namespace {

Result<std::map<std::string, std::string>> ReadSecretsFile(const std::string& path) {
  struct stat st {};
  if (stat(path.c_str(), &st) != 0)
    return NotFound("secrets file " + path + " does not exist");
  if ((st.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
    return PermissionDenied("secrets file " + path +
                            " must not be readable by group or others (chmod 600 " + path + ")");
  }
  std::ifstream in(path);
  if (!in)
    return IoError("cannot read secrets file " + path);
  std::map<std::string, std::string> values;
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r')
      line.pop_back();
    if (line.empty() || line[0] == '#')
      continue;
    auto eq = line.find('=');
    if (eq == std::string::npos || eq == 0) {
      // The line may hold a secret: say where, never what.
      return InvalidArgument(path + ":" + std::to_string(number) + ": expected NAME=value");
    }
    values[line.substr(0, eq)] = line.substr(eq + 1);
  }
  return values;
}

}  // namespace

std::optional<std::string> GetEnv(const std::string& name) {
  const char* v = std::getenv(name.c_str());
  return v ? std::optional<std::string>(v) : std::nullopt;
}

Result<std::map<std::string, std::string>> LoadSecrets(const std::vector<std::string>& names,
                                                       const SecretSource& source) {
  std::map<std::string, std::string> values;
  if (names.empty())
    return values;
  auto getenv = source.getenv ? source.getenv : GetEnv;
  std::optional<std::string> file = source.file;
  if (!file)
    file = getenv("TRAVET_SECRETS_FILE");
  std::map<std::string, std::string> from_file;
  if (file && !file->empty()) {
    auto read = ReadSecretsFile(*file);
    if (!read)
      return read.error();
    from_file = std::move(*read);
  }
  for (const auto& name : names) {
    if (auto v = getenv("TRAVET_SECRET_" + name)) {
      values[name] = *v;
    } else if (auto it = from_file.find(name); it != from_file.end()) {
      values[name] = it->second;
    } else {
      return NotFound("secret '" + name + "' is not set (set TRAVET_SECRET_" + name + " or add " +
                      name + "=... to the secrets file)");
    }
  }
  return values;
}

}  // namespace travet::engine
