#include "runtime/auth/accounts.h"

#include <algorithm>

#include "runtime/auth/passwords.h"
#include "runtime/auth/tokens.h"
#include "runtime/core/line_escape.h"

namespace travet::auth {

Result<store::Role> RoleNamed(std::string_view name) {
  std::optional<store::Role> role = store::ParseRole(name);
  if (!role) {
    return InvalidArgument("unknown role '" + EscapeControls(name) +
                           "' (operator, developer or admin)");
  }
  return *role;
}

Status AddUser(store::Store& store, const NewUser& user) {
  TRAVET_RETURN_IF_ERROR(store::CheckUserName(user.name));
  Result<store::Role> role = RoleNamed(user.role);
  if (!role)
    return role.error();
  TRAVET_RETURN_IF_ERROR(CheckNewPassword(user.password));
  Result<std::string> hash = HashPassword(user.password);
  if (!hash)
    return hash.error();
  return store.CreateUser({.name = user.name, .role = *role, .queues = user.queues}, *hash);
}

Status ChangePassword(store::Store& store, std::string_view name, std::string_view password) {
  TRAVET_RETURN_IF_ERROR(CheckNewPassword(password));
  Result<std::string> hash = HashPassword(password);
  if (!hash)
    return hash.error();
  return store.SetPassword(name, *hash);
}

Result<IssuedToken> IssueToken(store::Store& store, std::string_view name) {
  Result<store::User> user = store.GetUser(name);
  if (!user)
    return user.error();
  if (user->disabled)
    return FailedPrecondition("user " + user->name + " is disabled");
  Result<std::string> token = NewApiToken();
  if (!token)
    return token.error();
  Result<std::string> id = NewTokenId();
  if (!id)
    return id.error();
  TRAVET_RETURN_IF_ERROR(
      store.AddToken({.id = *id, .user = user->name, .hash = HashSecret(*token)}));
  Result<std::vector<store::ApiToken>> tokens = store.ListTokens(user->name);
  if (!tokens)
    return tokens.error();
  auto stored = std::find_if(tokens->begin(), tokens->end(),
                             [&id](const store::ApiToken& t) { return t.id == *id; });
  if (stored == tokens->end())
    return Internal("API token " + *id + " of user " + user->name + " was not stored");
  return IssuedToken{.stored = *stored, .token = std::move(*token)};
}

}  // namespace travet::auth
