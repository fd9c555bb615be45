#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/core/status.h"
#include "runtime/core/value.h"

namespace travet::store {

// pending → claimed → approved | rejected, plus expired (past its due time,
// undecided). A claimed task whose lease lapsed counts as pending again.
enum class TaskState { kPending, kClaimed, kApproved, kRejected, kExpired };

// The name used in the store, the CLI and the API: "pending", "claimed",
// "approved", "rejected", "expired".
std::string_view TaskStateName(TaskState state);
// The state named `name` (as TaskStateName spells it); nullopt when unknown.
std::optional<TaskState> ParseTaskState(std::string_view name);

// Values a bot was not sure of, waiting for a person. One per (run, step).
// Every member has a default, so designated initializers may name only some.
struct ReviewTask {
  std::string id{};  // "t-..." (unique)
  std::string run_id{};
  std::string step_path{};  // the `review` step that waits for it
  std::string queue = "default";
  std::string document{};  // file the fields were read from, if any
  int page = 0;
  // name -> {value, raw, confidence, page, box, valid, verdict}
  Value fields = Value::object();
  std::string instructions{};
  int priority = 0;      // higher first
  std::string due_at{};  // RFC 3339, empty: no due time
  TaskState state = TaskState::kPending;
  std::string claimed_by{};
  std::string lease_until{};                // RFC 3339, while claimed
  Value decision_fields = Value::object();  // name -> final value, once approved
  std::string decided_by{};
  std::string decided_at{};
  std::string reason{};        // of a rejection
  bool sampled = false;        // sent for a QA check although confident
  int approvals_required = 1;  // 2 for four-eyes queues
  std::string first_approver{};
  std::string created_at{};
  std::string expires_at{};    // RFC 3339; undecided past it, a sweep expires the task
  std::string escalated_at{};  // when a sweep found it undecided past due_at (once)
  std::string escalate_to{};   // queue an escalation moves it to; empty: it stays
};

struct TaskFilter {
  std::optional<std::string> queue{};
  std::optional<TaskState> state{};  // kPending also lists claimed tasks whose lease lapsed
  int limit = 100;
};

// An operator's decision. `corrections` maps field names to the values the
// operator typed; fields not named keep the value the bot read.
struct Decision {
  bool approve = true;
  std::string actor{};
  Value corrections = Value::object();
  std::string reason{};
  // Asked with the task as the decision's transaction read it, before any
  // other check; an error refuses the decision with it. The API compares
  // If-Match here, so that no change can slip in between its check and the
  // decision.
  std::function<Status(const ReviewTask&)> precondition;
};

// One line of a task's audit log: never updated, only appended.
struct AuditEntry {
  long long seq = 0;
  std::string task_id{};
  std::string time{};  // RFC 3339 UTC
  std::string actor{};
  std::string action{};  // create, claim, release, approve, reject, correct, expire, escalate
  std::string field{};   // for correct
  Value old_value{};
  Value new_value{};
  std::string note{};
};

// What one Store::SweepTasks changed, each task as it is after the change.
struct SweepReport {
  std::vector<ReviewTask> escalated{};
  std::vector<ReviewTask> expired{};
  std::vector<std::string> requeued_runs{};  // runs of expired tasks, moved to queued
};

// Which decisions Store::ReviewStats counts: all filters given must match.
struct StatsFilter {
  std::optional<std::string> queue{};
  std::string since{};  // RFC 3339 or YYYY-MM-DD: decided at or after it; empty: all
};

// How operators judged one field of one queue's approved tasks. A task counts
// once per field, however many corrections it got (two approvers may both
// correct it).
struct FieldStats {
  std::string queue{};
  std::string field{};
  long long decided = 0;          // approved tasks holding the field
  long long changed = 0;          // of those, tasks where an operator changed its value
  long long sampled_decided = 0;  // approved tasks sent for a QA check (sampled)
  long long sampled_changed = 0;  // of those, tasks where the auto-accepted value was wrong
};

}  // namespace travet::store
