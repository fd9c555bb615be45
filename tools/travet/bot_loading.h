#pragma once

#include <string>

#include "runtime/lang/loader.h"

namespace travet::cli {

// Loads and validates a bot against the action table, checking expression
// syntax with the Lua evaluator.
lang::LoadResult LoadBot(const std::string& path);

}  // namespace travet::cli
