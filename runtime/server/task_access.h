#pragma once

// Who may see a review task over HTTP: operators of its queue and admins. A
// task of another queue answers as a missing one does, on every route of a
// task, so task ids cannot be probed across queues.

#include <string_view>

#include "runtime/core/result.h"
#include "runtime/server/api.h"
#include "runtime/server/server_context.h"
#include "runtime/store/store.h"

namespace travet::server {

// Whether `caller` works review queue `queue` (an admin works every queue).
bool MayWork(const Caller& caller, std::string_view queue);

// The task `id` when the caller may work its queue; kNotFound "no task
// 't-…'" when it is missing or of a queue the caller does not work.
Result<store::ReviewTask> VisibleTask(const std::string& id, const Caller& caller,
                                      ServerContext& context);

// The same for the task of the request's path ({id}).
Result<store::ReviewTask> VisibleTask(const ApiRequest& request, ServerContext& context);

}  // namespace travet::server
