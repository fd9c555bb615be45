#include "runtime/review/desk.h"

#include <random>

namespace travet::review {
namespace {

std::string NewTaskId() {
  static thread_local std::mt19937_64 rng{std::random_device{}()};
  char id[16];
  std::snprintf(id, sizeof id, "t-%012llx",
                static_cast<unsigned long long>(rng() & 0xFFFFFFFFFFFFULL));
  return id;
}

Value DecisionOutput(const store::ReviewTask& task) {
  return {{"fields", task.decision_fields},
          {"decision", std::string(store::TaskStateName(task.state))},
          {"reviewer", task.decided_by},
          {"task", task.id},
          {"sampled", task.sampled}};
}

}  // namespace

Value TaskFields(const Value& fields) {
  Value out = Value::object();
  for (const auto& [name, field] : fields.items()) {
    // A field of ocr.extract carries its own value and evidence.
    out[name] = field.is_object() && field.contains("value") ? field : Value{{"value", field}};
  }
  return out;
}

Result<Value> StoreReviewDesk::Request(const std::string& run_id, const std::string& step_path,
                                       const actions::ReviewRequest& request) {
  auto existing = store_.FindTask(run_id, step_path);
  if (!existing)
    return existing.error();
  if (*existing) {
    const store::ReviewTask& task = **existing;
    switch (task.state) {
      case store::TaskState::kApproved:
        return DecisionOutput(task);
      case store::TaskState::kRejected:
        return Failed("review " + task.id + " was rejected by " + task.decided_by +
                      (task.reason.empty() ? "" : ": " + task.reason));
      case store::TaskState::kExpired:
        return Failed("review " + task.id + " expired undecided");
      default:
        return Suspended("waiting for review " + task.id + " in queue " + task.queue);
    }
  }
  store::ReviewTask task;
  task.id = NewTaskId();
  task.run_id = run_id;
  task.step_path = step_path;
  task.queue = request.queue;
  task.document = request.document;
  task.page = request.page;
  task.fields = TaskFields(request.fields);
  task.instructions = request.instructions;
  task.priority = request.priority;
  const TimePoint now = clock_.Now();
  if (request.due)
    task.due_at = FormatRfc3339(now + *request.due);
  if (request.expires)
    task.expires_at = FormatRfc3339(now + *request.expires);
  task.escalate_to = request.escalate_to;
  task.approvals_required = request.approvals;
  task.sampled = request.sampled;
  task.created_at = FormatRfc3339(now);
  TRAVET_RETURN_IF_ERROR(store_.CreateTask(task));
  return Suspended("waiting for review " + task.id + " in queue " + task.queue);
}

}  // namespace travet::review
