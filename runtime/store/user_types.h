#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/core/status.h"

namespace travet::store {

// What a user may do. An operator works the review queues they are given; a
// developer manages bots and runs; an admin manages users and may do
// everything.
enum class Role { kOperator, kDeveloper, kAdmin };

// The name used in the store, the CLI and the API: "operator", "developer",
// "admin".
std::string_view RoleName(Role role);
// The role named `name` (as RoleName spells it); nullopt when unknown.
std::optional<Role> ParseRole(std::string_view name);

// Ok when `name` can name a user: 1 to 64 ASCII letters, digits, '.', '_' or
// '-'. kInvalidArgument otherwise ("user name 'a b' may hold only letters,
// digits, '.', '_' and '-'", "user name is empty", "user name 'xx…' is
// longer than 64 characters").
Status CheckUserName(std::string_view name);

// A person (or a program, through API tokens) who may use the server. The
// password hash is not part of it: only Store::GetPasswordHash reads it.
// Every member has a default, so designated initializers may name only some.
struct User {
  std::string name{};
  Role role = Role::kOperator;
  std::vector<std::string> queues{};  // the review queues an operator works
  bool disabled = false;              // a disabled user can neither log in nor use a token
  std::string created_at{};           // RFC 3339 UTC
  std::string password_changed_at{};  // RFC 3339 UTC
};

// An API token of a user, sent as `Authorization: Bearer <token>`. The store
// keeps only the token's hash (runtime/auth/tokens.h, HashSecret).
struct ApiToken {
  std::string id{};  // e.g. "tk-3f9a0c12ab34"; names the token without revealing it
  std::string user{};
  std::string hash{};  // 64 hex digits: the SHA-256 of the token
  std::string created_at{};
  std::string last_used_at{};  // empty until used
};

// A logged-in browser session. The store keeps only the hash of the session
// id the browser holds; the CSRF token is kept as it is (the server sends it
// back to the page, and it is worth nothing without the session id).
struct Session {
  std::string id_hash{};  // 64 hex digits: the SHA-256 of the session id
  std::string user{};
  std::string csrf_token{};
  std::string created_at{};    // RFC 3339 UTC; the absolute timeout counts from it
  std::string last_seen_at{};  // RFC 3339 UTC; the idle timeout counts from it
  // When the session ends unless it is used again (the earlier of its idle
  // and absolute end); Store::SweepSessions deletes it after that.
  std::string expires_at{};
};

// Failed logins of one user name since some time, for throttling.
struct LoginFailures {
  int from_address = 0;   // from the address asked about
  int from_anywhere = 0;  // from any address
  // RFC 3339 UTC times of the oldest failure counted in each; empty when none.
  std::string oldest_from_address{};
  std::string oldest_from_anywhere{};
};

}  // namespace travet::store
