#pragma once

#include <optional>
#include <string>
#include <string_view>

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

}  // namespace travet::store
