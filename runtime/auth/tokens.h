#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "runtime/core/result.h"

namespace travet::auth {

// What every API token starts with, so that one pasted where it should not
// be (a log, a ticket, a repository) is recognised for what it is.
inline constexpr std::string_view kApiTokenPrefix = "trv_";

// `prefix` and 32 random bytes (randombytes_buf) in URL-safe base64 without
// padding (43 characters): session ids, CSRF tokens and, with
// kApiTokenPrefix, API tokens. kInternal when libsodium cannot start.
Result<std::string> NewSecret(std::string_view prefix = {});

// A new API token: kApiTokenPrefix and 43 characters. As NewSecret.
Result<std::string> NewApiToken();

// A new id for an API token, "tk-" and 12 random hex digits: it names the
// token in lists and logs without revealing it. As NewSecret.
Result<std::string> NewTokenId();

// How the store keeps a secret (session id, API token): its SHA-256
// (libsodium's crypto_hash_sha256) as 64 lowercase hex digits. The secrets
// are 256 random bits, so a plain hash is enough (a slow one like Argon2id is
// for passwords people choose).
std::string HashSecret(std::string_view secret);

// Whether `a` and `b` are the same, in time that depends only on their
// lengths (sodium_memcmp): for comparing a secret someone sent, such as a
// CSRF token, with the expected one.
bool SameSecret(std::string_view a, std::string_view b);

// The token of an `Authorization` header value "Bearer <token>" (the scheme
// in any case, RFC 7235), or nullopt for another scheme or no token.
std::optional<std::string_view> BearerToken(std::string_view authorization);

}  // namespace travet::auth
