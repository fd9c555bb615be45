#pragma once

// How a command that changes the store says it could not: the message on
// stderr and the exit status scripts rely on (command.h).

#include <string_view>

#include "runtime/core/result.h"

namespace travet::cli {

// Prints "travet COMMAND VERB: message" and returns kExitConflict when someone
// else got there first (already exists, failed precondition), kExitInvalid for
// a bad argument or an unknown name, kExitFailed otherwise.
int StoreFailure(std::string_view command, std::string_view verb, const Status& status);

}  // namespace travet::cli
