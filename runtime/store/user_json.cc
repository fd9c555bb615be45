#include "runtime/store/user_json.h"

#include <string>

namespace travet::store {

Value UserJson(const User& user) {
  return {{"name", user.name},
          {"role", std::string(RoleName(user.role))},
          {"queues", user.queues},
          {"disabled", user.disabled},
          {"created_at", user.created_at},
          {"password_changed_at", user.password_changed_at}};
}

Value TokenJson(const ApiToken& token) {
  return {{"id", token.id},
          {"user", token.user},
          {"created_at", token.created_at},
          {"last_used_at", token.last_used_at.empty() ? Value() : Value(token.last_used_at)}};
}

}  // namespace travet::store
