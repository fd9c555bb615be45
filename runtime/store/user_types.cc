#include "runtime/store/user_types.h"

#include <array>
#include <utility>

#include "runtime/core/line_escape.h"
#include "runtime/core/utf8.h"

namespace travet::store {
namespace {

constexpr std::array<std::pair<Role, std::string_view>, 3> kRoles = {{
    {Role::kOperator, "operator"},
    {Role::kDeveloper, "developer"},
    {Role::kAdmin, "admin"},
}};

constexpr size_t kMaxUserName = 64;

bool IsNameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
         c == '_' || c == '-';
}

}  // namespace

std::string_view RoleName(Role role) {
  for (const auto& [value, name] : kRoles) {
    if (value == role)
      return name;
  }
  return "unknown";
}

std::optional<Role> ParseRole(std::string_view name) {
  for (const auto& [value, known] : kRoles) {
    if (known == name)
      return value;
  }
  return std::nullopt;
}

Status CheckUserName(std::string_view name) {
  if (name.empty())
    return InvalidArgument("user name is empty");
  std::string shown = EscapeControls(ForMessage(name));
  if (name.size() > kMaxUserName) {
    return InvalidArgument("user name '" + shown + "' is longer than " +
                           std::to_string(kMaxUserName) + " characters");
  }
  for (char c : name) {
    if (!IsNameChar(c)) {
      return InvalidArgument("user name '" + shown +
                             "' may hold only letters, digits, '.', '_' and '-'");
    }
  }
  return Status::Ok();
}

}  // namespace travet::store
