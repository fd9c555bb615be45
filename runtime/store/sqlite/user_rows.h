#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "runtime/core/result.h"
#include "runtime/store/sqlite/connection.h"
#include "runtime/store/user_types.h"

namespace travet::store::sqlite {

// The columns of `users` that ReadUser reads, in its order.
inline constexpr std::string_view kUserColumns =
    "name, role, queues, disabled, created_at, password_changed_at";

// kNotFound "no user 'NAME'".
Status NoUser(std::string_view name);

// The user in the current row of a query over kUserColumns; kInternal for an
// unreadable row of the store at `path`.
Result<User> ReadUser(const Query& q, const std::string& path);

// `queues` as the JSON array text of the `queues` column; kInvalidArgument
// "user NAME: a queue name is empty" for an empty one.
Result<std::string> QueuesJson(std::string_view user, const std::vector<std::string>& queues);

// Deletes every session of `user` (inside the caller's transaction); returns
// how many there were.
Result<int> DeleteUserSessions(Connection& db, std::string_view user);

// The number of rows the last statement on `db` changed, as an int.
int ChangedRows(const Connection& db);

}  // namespace travet::store::sqlite
