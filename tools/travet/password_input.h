#pragma once

#include <istream>
#include <string>

#include "runtime/core/result.h"

namespace travet::cli {

// A password read from `in` as one line, without its line end ("\n" or
// "\r\n"): `--password-stdin`. When `in` is std::cin and stdin is a
// terminal, asks "Password: " on stderr and does not echo what is typed.
// kInvalidArgument "no password on stdin" when the input ends before a
// character.
Result<std::string> ReadPassword(std::istream& in);

}  // namespace travet::cli
