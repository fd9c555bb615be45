#include "runtime/store/sqlite/user_rows.h"

#include <utility>

#include "runtime/core/line_escape.h"
#include "runtime/store/sqlite/json_text.h"

namespace travet::store::sqlite {

Status NoUser(std::string_view name) {
  return NotFound("no user '" + EscapeControls(name) + "'");
}

Result<User> ReadUser(const Query& q, const std::string& path) {
  User user;
  user.name = q.Text(0);
  std::optional<Role> role = ParseRole(q.Text(1));
  if (!role)
    return Internal("sqlite " + path + ": user " + user.name + " has an unknown role");
  user.role = *role;
  Result<Value> queues = FromJson(q.Text(2), path, "queues of user " + user.name);
  if (!queues)
    return queues.error();
  if (!queues->is_array())
    return Internal("sqlite " + path + ": queues of user " + user.name + " are not a list");
  for (const Value& queue : *queues) {
    if (!queue.is_string())
      return Internal("sqlite " + path + ": queues of user " + user.name + " are not names");
    user.queues.push_back(queue.get<std::string>());
  }
  user.disabled = q.Int(3) != 0;
  user.created_at = q.Text(4);
  user.password_changed_at = q.Text(5);
  return user;
}

Result<std::string> QueuesJson(std::string_view user, const std::vector<std::string>& queues) {
  Value list = Value::array();
  for (const std::string& queue : queues) {
    if (queue.empty())
      return InvalidArgument("user " + EscapeControls(user) + ": a queue name is empty");
    list.push_back(queue);
  }
  return ToJson(list);
}

Result<int> DeleteUserSessions(Connection& db, std::string_view user) {
  Result<Query> q = db.Prepare("DELETE FROM sessions WHERE user_name = ?1");
  if (!q)
    return q.error();
  q->Bind(1, user);
  TRAVET_RETURN_IF_ERROR(q->Run());
  return ChangedRows(db);
}

int ChangedRows(const Connection& db) {
  return static_cast<int>(db.changes());
}

}  // namespace travet::store::sqlite
