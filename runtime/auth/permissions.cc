#include "runtime/auth/permissions.h"

#include <algorithm>

namespace travet::auth {

bool MayUse(const store::User& user, Area area) {
  if (user.disabled)
    return false;
  switch (user.role) {
    case store::Role::kAdmin:
      return true;
    case store::Role::kDeveloper:
      return area == Area::kBotsAndRuns;
    case store::Role::kOperator:
      return area == Area::kReview;
  }
  return false;
}

bool MayWorkQueue(const store::User& user, std::string_view queue) {
  if (!MayUse(user, Area::kReview))
    return false;
  if (user.role == store::Role::kAdmin)
    return true;
  return std::find(user.queues.begin(), user.queues.end(), queue) != user.queues.end();
}

}  // namespace travet::auth
