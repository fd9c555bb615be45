#pragma once

// Users and their API tokens as JSON, one shape for `travet users list
// --json` and the REST API. Neither holds a hash: a password hash or a
// token's hash never leaves the store through them.

#include "runtime/core/value.h"
#include "runtime/store/user_types.h"

namespace travet::store {

// name, role, queues, disabled, created_at, password_changed_at.
Value UserJson(const User& user);

// id, user, created_at, last_used_at (null until used).
Value TokenJson(const ApiToken& token);

}  // namespace travet::store
