#pragma once

#include <string>
#include <string_view>

#include "runtime/core/result.h"

namespace travet::auth {

// The fewest characters (UTF-8 code points) a password may have.
inline constexpr size_t kMinPasswordLength = 12;
// The most bytes a password may have: more is not a password but a way to
// make the server hash a lot.
inline constexpr size_t kMaxPasswordBytes = 1024;

// Ok when `password` may be set as a new password: valid UTF-8, at least
// kMinPasswordLength characters, at most kMaxPasswordBytes bytes.
// kInvalidArgument "the password is too short: 8 characters, at least 12",
// "the password is empty", "the password is longer than 1024 bytes", "the
// password is not valid UTF-8".
Status CheckNewPassword(std::string_view password);

// An Argon2id hash of `password` with a random salt, in the string form
// libsodium writes ("$argon2id$v=19$m=65536,t=2,p=1$..."), which carries its
// parameters: libsodium's "interactive" ones (2 passes over 64 MiB; about
// 0.15 s on a busy 2-core machine, docs/decisions.md). Checks nothing about
// the password (CheckNewPassword does). kInternal when libsodium fails (out
// of memory). Thread-safe.
Result<std::string> HashPassword(std::string_view password);

// Whether `password` matches `hash` (as HashPassword made it), in time that
// does not depend on where they differ; false for a hash that is not one.
// Takes as long as HashPassword. Thread-safe.
bool VerifyPassword(std::string_view hash, std::string_view password);

}  // namespace travet::auth
