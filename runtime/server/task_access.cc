#include "runtime/server/task_access.h"

#include "runtime/auth/permissions.h"

namespace travet::server {

bool MayWork(const Caller& caller, std::string_view queue) {
  if (caller.role != kOperator && caller.role != kAdmin) {
    return false;
  }
  const store::User user{
      .name = caller.user,
      .role = caller.role == kAdmin ? store::Role::kAdmin : store::Role::kOperator,
      .queues = caller.queues};
  return auth::MayWorkQueue(user, queue);
}

Result<store::ReviewTask> VisibleTask(const std::string& id, const Caller& caller,
                                      ServerContext& context) {
  auto task = context.store.GetTask(id);
  if (task && !MayWork(caller, task->queue)) {
    return NotFound("no task '" + id + "'");
  }
  return task;
}

Result<store::ReviewTask> VisibleTask(const ApiRequest& request, ServerContext& context) {
  return VisibleTask(request.params.at("id"), request.caller, context);
}

}  // namespace travet::server
