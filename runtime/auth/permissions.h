#pragma once

#include <string_view>

#include "runtime/store/user_types.h"

namespace travet::auth {

// The parts of the server a role opens.
enum class Area {
  kReview,       // review tasks (of the queues MayWorkQueue allows)
  kBotsAndRuns,  // bots, runs, schedules
  kUsers,        // users and their API tokens
};

// Whether `user` may use `area`: an admin every area, a developer bots and
// runs, an operator review. A disabled user none.
bool MayUse(const store::User& user, Area area);

// Whether `user` may see and decide the tasks of review queue `queue`: an
// admin every queue, an operator the queues they are given, a developer
// none. A disabled user none.
bool MayWorkQueue(const store::User& user, std::string_view queue);

}  // namespace travet::auth
