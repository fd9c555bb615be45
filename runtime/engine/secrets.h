#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "runtime/core/result.h"

namespace travet::engine {

// Where a run's secrets come from: the environment (TRAVET_SECRET_<NAME>)
// first, then a secrets file of `NAME=value` lines that only its owner may
// read (mode 0600 or stricter).
struct SecretSource {
  std::optional<std::string> file;  // default: $TRAVET_SECRETS_FILE
  // Reads an environment variable; a seam for tests.
  std::function<std::optional<std::string>(const std::string&)> getenv;
};

// The values of `names`. Errors name the secret and where it was looked for,
// never a value: "secret 'TOKEN' is not set (set TRAVET_SECRET_TOKEN or add
// TOKEN=... to the secrets file)", "secrets file s.env must not be readable by
// group or others (chmod 600 s.env)".
Result<std::map<std::string, std::string>> LoadSecrets(const std::vector<std::string>& names,
                                                       const SecretSource& source);

// Reads the real environment.
std::optional<std::string> GetEnv(const std::string& name);

}  // namespace travet::engine
