#include "tools/travet/operator_name.h"

#include <pwd.h>
#include <unistd.h>

#include <cstdlib>

namespace travet::cli {

std::string OperatorName(const std::string& as) {
  if (!as.empty())
    return as;
  if (const passwd* pw = getpwuid(getuid()); pw && pw->pw_name)
    return pw->pw_name;
  const char* user = std::getenv("USER");
  return user ? user : "unknown";
}

}  // namespace travet::cli
