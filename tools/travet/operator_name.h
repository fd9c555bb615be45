#pragma once

#include <string>

namespace travet::cli {

// Who is acting: `--as NAME` when given, else the logged-in user.
std::string OperatorName(const std::string& as);

}  // namespace travet::cli
