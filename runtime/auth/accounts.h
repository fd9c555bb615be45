#pragma once

// Managing the users of the server: the rules `travet users` and the users
// API (runtime/server/user_routes.cc) share, so that a user added or a
// password set either way is checked the same.

#include <string>
#include <string_view>
#include <vector>

#include "runtime/core/result.h"
#include "runtime/store/store.h"

namespace travet::auth {

// The role named `name`. kInvalidArgument "unknown role 'root' (operator,
// developer or admin)".
Result<store::Role> RoleNamed(std::string_view name);

// A user to add, as `travet users add` and POST /api/v1/users take it.
struct NewUser {
  std::string name;
  std::string role;                 // "operator", "developer" or "admin"
  std::vector<std::string> queues;  // the review queues an operator works
  std::string password;             // in clear; only its Argon2id hash is stored
};

// Checks the name (store::CheckUserName), the role (RoleNamed) and the
// password (CheckNewPassword), in that order, then hashes the password and
// stores the user. kInvalidArgument for each refusal and for an empty queue
// name; kAlreadyExists "user 'anna' already exists".
Status AddUser(store::Store& store, const NewUser& user);

// Sets the password of user `name` once CheckNewPassword accepts it; the
// store ends every session of the user in the same transaction (API tokens
// are kept). kNotFound "no user 'anna'"; kInvalidArgument as
// CheckNewPassword.
Status ChangePassword(store::Store& store, std::string_view name, std::string_view password);

// An API token just made: `token` is shown this once, only its hash is kept.
struct IssuedToken {
  store::ApiToken stored;  // id, user, created_at (hash left empty)
  std::string token;       // "trv_..."
};

// A new API token of user `name`. kNotFound "no user 'anna'";
// kFailedPrecondition "user anna is disabled".
Result<IssuedToken> IssueToken(store::Store& store, std::string_view name);

}  // namespace travet::auth
