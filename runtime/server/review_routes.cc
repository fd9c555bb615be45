// Review tasks: list, show, claim, release, approve, reject, history. A task
// of a queue the caller may not work answers 404, as a missing one does.
#include <algorithm>
#include <chrono>
#include <map>
#include <optional>
#include <string>

#include "runtime/auth/tokens.h"
#include "runtime/review/corrections.h"
#include "runtime/review/task_json.h"
#include "runtime/server/routes.h"
#include "runtime/server/server_context.h"
#include "runtime/server/task_access.h"

namespace travet::server {
namespace {

constexpr int kDefaultTasks = 100;
constexpr int kMostTasks = 500;
// travet::Millis: a unity batch may hold http_server.cc, whose Millis() hides it.
constexpr travet::Millis kClaimLease = std::chrono::minutes(15);  // as `travet review claim`
constexpr size_t kETagDigits = 32;

// A strong validator of everything the API shows of a task: a claim, a
// lapsed lease, a first approval, an escalation each give another. The
// SHA-256 of its JSON (the store's own hash for secrets) needs no version
// column, and is the same on every server of one store.
std::string TaskETag(const store::ReviewTask& task) {
  return "\"" + auth::HashSecret(review::TaskJson(task).dump()).substr(0, kETagDigits) + "\"";
}

ApiResponse TaskAnswer(const store::ReviewTask& task) {
  ApiResponse r = JsonResponse(200, review::TaskJson(task));
  r.headers.emplace_back("ETag", TaskETag(task));
  return r;
}

std::string_view Trimmed(std::string_view text) {
  const size_t first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) {
    return {};
  }
  return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

// Whether an If-Match value ("*", or ETags separated by commas) names `etag`
// (strong comparison, RFC 9110: a weak W/"..." never matches).
bool Matches(std::string_view if_match, std::string_view etag) {
  size_t at = 0;
  while (at <= if_match.size()) {
    const size_t end = std::min(if_match.find(',', at), if_match.size());
    const std::string_view tag = Trimmed(if_match.substr(at, end - at));
    if (tag == "*" || tag == etag) {
      return true;
    }
    at = end + 1;
  }
  return false;
}

// Someone else claimed or decided the task, or four eyes need another
// approver: the client reads the task again.
ApiResponse StoreProblem(const Status& error) {
  if (error.code() == StatusCode::kAlreadyExists ||
      error.code() == StatusCode::kFailedPrecondition) {
    return Problem(409, "conflict", "Not possible in the task's current state", error.message());
  }
  return ProblemOf(error);
}

// 412 for a request whose If-Match names an ETag `task` no longer has, with
// the ETag it has now.
ApiResponse StaleAnswer(const store::ReviewTask& task) {
  ApiResponse r =
      Problem(412, "precondition-failed", "The task has changed",
              "task " + task.id + " changed since it was read (it is " +
                  std::string(store::TaskStateName(task.state)) + " now): read it again");
  r.headers.emplace_back("ETag", TaskETag(task));
  return r;
}

// Calls `change` with the task of the path when the caller may work it and
// If-Match names its current ETag (the dispatcher answered 428 without one).
template <typename Change>
ApiResponse ChangeTask(const ApiRequest& request, ServerContext& context, Change change) {
  auto task = VisibleTask(request, context);
  if (!task) {
    return ProblemOf(task.error());
  }
  if (!Matches(request.Header("if-match"), TaskETag(*task))) {
    return StaleAnswer(*task);
  }
  return change(*task);
}

// Decides the task of the path as the caller. A final decision puts the run
// back in the queue, where a worker resumes it, as `travet review approve`
// does; the first of two approvals leaves it waiting.
ApiResponse Decide(const ApiRequest& request, ServerContext& context, store::Decision decision) {
  decision.actor = request.caller.user;
  // ChangeTask compared If-Match already; compared again inside the store's
  // transaction, nothing can change the task between the check and the
  // decision (a first approval given meanwhile, say).
  std::optional<store::ReviewTask> changed;
  decision.precondition = [&changed, if_match = request.Header("if-match")](
                              const store::ReviewTask& current) -> Status {
    changed.reset();
    if (Matches(if_match, TaskETag(current))) {
      return {};
    }
    changed = current;
    return FailedPrecondition("task " + current.id + " changed since it was read");
  };
  auto decided = context.store.DecideTask(request.params.at("id"), decision, context.clock.Now());
  if (!decided) {
    return changed ? StaleAnswer(*changed) : StoreProblem(decided.error());
  }
  if (decided->state != store::TaskState::kPending) {
    // Refused when the run does not wait (its other items still run): it
    // reads the decision when it next reaches the step.
    const Status requeued = context.store.Transition(
        decided->run_id, store::RunState::kWaitingReview, store::RunState::kQueued);
    if (!requeued.ok() && requeued.code() != StatusCode::kFailedPrecondition && context.log) {
      context.log("review " + decided->id + ": " + requeued.message());
    }
  }
  return TaskAnswer(*decided);
}

struct Approval {
  Value corrections = Value::object();  // name -> value as typed
  bool force = false;                   // keep a value that fails its validator
};

// {"corrections": {"field": "value"}, "force": false}, both optional.
Result<Approval> ApprovalOf(const std::string& text) {
  const Value body = BodyJson(text);
  const Value corrections = body.is_object() ? body.value("corrections", Value::object()) : Value();
  const Value force = body.is_object() ? body.value("force", Value(false)) : Value();
  if (!corrections.is_object() || !force.is_boolean()) {
    return InvalidArgument(
        R"(the body must be {"corrections": {"field": "value", ...}, "force": false}, both optional)");
  }
  for (const auto& [name, value] : corrections.items()) {
    if (!value.is_string()) {
      return InvalidArgument("corrections." + name + " must be a string, not " + value.dump());
    }
  }
  return Approval{corrections, force.get<bool>()};
}

// Each correction checked against its field's type, as `travet review
// approve --set` checks it; the message of a refused one names the field.
Result<Value> CheckedCorrections(const Approval& approval, const Value& fields) {
  Value checked = Value::object();
  for (const auto& [name, value] : approval.corrections.items()) {
    auto kept = review::CheckCorrection(name, value.get<std::string>(), fields, approval.force);
    if (!kept) {
      return kept.error();
    }
    checked[name] = *kept;
  }
  return checked;
}

Result<store::TaskFilter> TaskFilterOf(const ApiRequest& request) {
  store::TaskFilter filter;
  if (const std::string queue = request.Query("queue"); !queue.empty()) {
    filter.queue = queue;
  }
  const std::string state = request.Query("state", "pending");
  filter.state = store::ParseTaskState(state);
  if (!filter.state) {
    return InvalidArgument("state: '" + state +
                           "' is not a task state (pending, claimed, approved, rejected, expired)");
  }
  auto limit = QueryCount(request, "limit", kDefaultTasks, kMostTasks);
  if (!limit) {
    return limit.error();
  }
  filter.limit = *limit;
  return filter;
}

// The bot whose run made the task ("" when the run is gone), each run read
// once per list: the web page's inbox filters by bot, and a task names only
// its run.
std::string BotOfRun(store::Store& store, const std::string& run_id,
                     std::map<std::string, std::string>& known) {
  auto [entry, fresh] = known.try_emplace(run_id);
  if (fresh) {
    if (auto run = store.GetRun(run_id)) {
      entry->second = run->bot;
    }
  }
  return entry->second;
}

}  // namespace

ApiResponse ListReviewTasks(const ApiRequest& request, ServerContext& context) {
  auto filter = TaskFilterOf(request);
  if (!filter) {
    return ProblemOf(filter.error());
  }
  const Caller& caller = request.caller;
  if (filter->queue && !MayWork(caller, *filter->queue)) {
    return Problem(403, "forbidden", "Not your queue",
                   caller.user + " does not work review queue '" + *filter->queue + "'");
  }
  const size_t limit = static_cast<size_t>(filter->limit);
  // An operator's tasks are picked out of every queue's, in the store's order.
  if (!filter->queue && caller.role != kAdmin) {
    filter->limit = 0;
  }
  auto tasks = context.store.ListTasks(*filter);
  if (!tasks) {
    return ProblemOf(tasks.error());
  }
  Value list = Value::array();
  std::map<std::string, std::string> bots_of_runs;
  for (const store::ReviewTask& task : *tasks) {
    if (list.size() < limit && MayWork(caller, task.queue)) {
      Value json = review::TaskJson(task);
      json["bot"] = BotOfRun(context.store, task.run_id, bots_of_runs);
      list.push_back(std::move(json));
    }
  }
  return JsonResponse(200, {{"tasks", std::move(list)}});
}

ApiResponse ShowReviewTask(const ApiRequest& request, ServerContext& context) {
  auto task = VisibleTask(request, context);
  return task ? TaskAnswer(*task) : ProblemOf(task.error());
}

ApiResponse ClaimReviewTask(const ApiRequest& request, ServerContext& context) {
  return ChangeTask(request, context, [&](const store::ReviewTask& task) {
    auto claimed =
        context.store.ClaimTask(task.id, request.caller.user, context.clock.Now(), kClaimLease);
    return claimed ? TaskAnswer(*claimed) : StoreProblem(claimed.error());
  });
}

ApiResponse ReleaseReviewTask(const ApiRequest& request, ServerContext& context) {
  return ChangeTask(request, context, [&](const store::ReviewTask& task) {
    const Status released =
        context.store.ReleaseTask(task.id, request.caller.user, context.clock.Now());
    if (!released.ok()) {
      return StoreProblem(released);
    }
    auto now = context.store.GetTask(task.id);
    return now ? TaskAnswer(*now) : ProblemOf(now.error());
  });
}

ApiResponse ApproveReviewTask(const ApiRequest& request, ServerContext& context) {
  auto approval = ApprovalOf(request.body);
  if (!approval) {
    return ProblemOf(approval.error());
  }
  return ChangeTask(request, context, [&](const store::ReviewTask& task) {
    auto corrections = CheckedCorrections(*approval, task.fields);
    if (!corrections) {
      return Problem(422, "invalid-correction", "A correction is not valid",
                     corrections.error().message());
    }
    return Decide(request, context, {.approve = true, .corrections = *corrections});
  });
}

ApiResponse RejectReviewTask(const ApiRequest& request, ServerContext& context) {
  const Value body = BodyJson(request.body);
  const Value reason = body.is_object() ? body.value("reason", Value()) : Value();
  if (!reason.is_string() || Trimmed(reason.get<std::string>()).empty()) {
    return Problem(400, "invalid-input", "A rejection needs a reason",
                   R"(the body must be {"reason": "..."}, with a reason that is not blank)");
  }
  return ChangeTask(request, context, [&](const store::ReviewTask&) {
    return Decide(request, context, {.approve = false, .reason = reason.get<std::string>()});
  });
}

ApiResponse ReviewTaskHistory(const ApiRequest& request, ServerContext& context) {
  auto task = VisibleTask(request, context);
  if (!task) {
    return ProblemOf(task.error());
  }
  auto entries = context.store.TaskHistory(task->id);
  if (!entries) {
    return ProblemOf(entries.error());
  }
  Value list = Value::array();
  for (const store::AuditEntry& entry : *entries) {
    list.push_back(review::AuditEntryJson(entry));
  }
  return JsonResponse(200, {{"task", task->id}, {"entries", std::move(list)}});
}

}  // namespace travet::server
