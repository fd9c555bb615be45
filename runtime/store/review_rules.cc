#include "runtime/store/review_rules.h"

#include <utility>

namespace travet::store {
namespace {

std::string Name(const ReviewTask& task) {
  return "task " + task.id;
}

bool IsDecided(TaskState state) {
  return state == TaskState::kApproved || state == TaskState::kRejected;
}

std::string DecidedMessage(const ReviewTask& task) {
  return Name(task) + " was already " + std::string(TaskStateName(task.state)) + " by " +
         task.decided_by + " at " + task.decided_at;
}

Status ClaimedByOther(const ReviewTask& task) {
  return FailedPrecondition(Name(task) + " is claimed by " + task.claimed_by + " until " +
                            task.lease_until);
}

// What no one may do to a task: change a decided or expired one.
Status CheckOpen(const ReviewTask& task, StatusCode decided_code) {
  if (IsDecided(task.state))
    return Status(decided_code, DecidedMessage(task));
  if (task.state == TaskState::kExpired)
    return FailedPrecondition(Name(task) + " has expired");
  return Status::Ok();
}

AuditEntry Entry(const ReviewTask& task, std::string_view now, std::string_view actor,
                 std::string_view action, std::string note = {}) {
  AuditEntry entry;
  entry.task_id = task.id;
  entry.time = std::string(now);
  entry.actor = std::string(actor);
  entry.action = std::string(action);
  entry.note = std::move(note);
  return entry;
}

// The values the bot read, or those of a first approval when there was one.
Value CurrentValues(const ReviewTask& task) {
  if (!task.first_approver.empty())
    return task.decision_fields;
  Value values = Value::object();
  for (const auto& [name, field] : task.fields.items()) {
    bool has_value = field.is_object() && field.contains("value");
    values[name] = has_value ? field["value"] : (field.is_object() ? Value() : field);
  }
  return values;
}

// The first approver of a four-eyes task may neither approve it again nor
// claim it (which would only keep the second approver out).
// "  Bob " and "bob" are one operator: whitespace around a name is dropped
// and ASCII letters are folded, so that a second spelling cannot pass for a
// second approver. Control characters would forge audit and log lines.
Result<std::string> ActorId(std::string_view name, std::string_view doing, const ReviewTask& task) {
  size_t first = name.find_first_not_of(" \t");
  size_t last = name.find_last_not_of(" \t");
  std::string id = first == std::string_view::npos
                       ? std::string()
                       : std::string(name.substr(first, last - first + 1));
  if (id.empty())
    return InvalidArgument(std::string(doing) + " " + Name(task) + " needs an actor");
  for (char& c : id) {
    auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7f) {
      return InvalidArgument(std::string(doing) + " " + Name(task) +
                             ": the operator name holds a control character");
    }
    if (c >= 'A' && c <= 'Z')
      c = static_cast<char>(c - 'A' + 'a');
  }
  return id;
}

Status CheckSecondApprover(const ReviewTask& task, std::string_view actor) {
  if (task.approvals_required >= 2 && task.first_approver == actor) {
    return FailedPrecondition(Name(task) + " needs a second approver other than " +
                              std::string(actor));
  }
  return Status::Ok();
}

Status CheckCorrections(const ReviewTask& task, const Value& corrections) {
  if (!corrections.is_object())
    return InvalidArgument("corrections of " + Name(task) + " must be an object");
  for (const auto& [name, value] : corrections.items()) {
    if (!task.fields.contains(name))
      return InvalidArgument(Name(task) + " has no field '" + name + "'");
  }
  return Status::Ok();
}

// Overlays the corrections on `values` and audits each value that changed.
std::vector<AuditEntry> Correct(const ReviewTask& task, Value& values, const Decision& decision,
                                std::string_view now) {
  std::vector<AuditEntry> entries;
  for (const auto& [name, value] : decision.corrections.items()) {
    if (values[name] == value)
      continue;
    AuditEntry entry = Entry(task, now, decision.actor, "correct");
    entry.field = name;
    entry.old_value = values[name];
    entry.new_value = value;
    entries.push_back(std::move(entry));
    values[name] = value;
  }
  return entries;
}

Status CheckDecision(const ReviewTask& task, const Decision& decision, std::string_view now) {
  TRAVET_RETURN_IF_ERROR(CheckOpen(task, StatusCode::kAlreadyExists));
  if (HasLiveClaim(task, now) && task.claimed_by != decision.actor)
    return ClaimedByOther(task);
  if (!decision.approve) {
    if (decision.reason.find_first_not_of(" \t\r\n") == std::string::npos)
      return InvalidArgument("rejecting " + Name(task) + " needs a reason");
    return Status::Ok();
  }
  TRAVET_RETURN_IF_ERROR(CheckSecondApprover(task, decision.actor));
  return CheckCorrections(task, decision.corrections);
}

void Unclaim(ReviewTask& task) {
  task.claimed_by.clear();
  task.lease_until.clear();
}

std::vector<AuditEntry> Reject(ReviewTask& task, const Decision& decision, std::string_view now) {
  task.state = TaskState::kRejected;
  task.reason = decision.reason;
  task.decided_by = decision.actor;
  task.decided_at = std::string(now);
  task.lease_until.clear();
  return {Entry(task, now, decision.actor, "reject", decision.reason)};
}

std::vector<AuditEntry> Approve(ReviewTask& task, const Decision& decision, std::string_view now) {
  Value values = CurrentValues(task);
  std::vector<AuditEntry> entries = Correct(task, values, decision, now);
  task.decision_fields = std::move(values);
  std::string note;
  if (task.approvals_required >= 2 && task.first_approver.empty()) {
    task.first_approver = decision.actor;
    task.state = TaskState::kPending;
    Unclaim(task);
    note = "first of two approvals";
  } else {
    if (!task.first_approver.empty())
      note = "second approval, first by " + task.first_approver;
    task.state = TaskState::kApproved;
    task.decided_by = decision.actor;
    task.decided_at = std::string(now);
    task.lease_until.clear();
  }
  entries.push_back(Entry(task, now, decision.actor, "approve", std::move(note)));
  return entries;
}

}  // namespace

bool HasLiveClaim(const ReviewTask& task, std::string_view now) {
  return task.state == TaskState::kClaimed && task.lease_until > now;
}

ReviewTask AsSeenAt(ReviewTask task, std::string_view now) {
  if (task.state == TaskState::kClaimed && !HasLiveClaim(task, now)) {
    task.state = TaskState::kPending;
    Unclaim(task);
  }
  return task;
}

Result<std::vector<AuditEntry>> ApplyClaim(ReviewTask& task, std::string_view name, TimePoint now,
                                           Millis lease) {
  auto id = ActorId(name, "claiming", task);
  if (!id)
    return id.error();
  std::string_view actor = *id;
  if (lease <= Millis(0))
    return InvalidArgument("the lease of a claim on " + Name(task) + " must be positive");
  TRAVET_RETURN_IF_ERROR(CheckOpen(task, StatusCode::kFailedPrecondition));
  TRAVET_RETURN_IF_ERROR(CheckSecondApprover(task, actor));
  std::string now_text = FormatRfc3339(now);
  std::string note;
  if (task.state == TaskState::kClaimed && task.claimed_by == actor) {
    note = "renewed";
  } else if (HasLiveClaim(task, now_text)) {
    return ClaimedByOther(task);
  } else if (task.state == TaskState::kClaimed) {
    note = "lease of " + task.claimed_by + " lapsed";
  }
  task.state = TaskState::kClaimed;
  task.claimed_by = std::string(actor);
  task.lease_until = FormatRfc3339(now + lease);
  return std::vector<AuditEntry>{Entry(task, now_text, actor, "claim", std::move(note))};
}

Result<std::vector<AuditEntry>> ApplyRelease(ReviewTask& task, std::string_view name,
                                             TimePoint now) {
  auto id = ActorId(name, "releasing", task);
  if (!id)
    return id.error();
  std::string_view actor = *id;
  TRAVET_RETURN_IF_ERROR(CheckOpen(task, StatusCode::kFailedPrecondition));
  std::string now_text = FormatRfc3339(now);
  if (task.state != TaskState::kClaimed || task.claimed_by != actor) {
    if (HasLiveClaim(task, now_text))
      return ClaimedByOther(task);
    return FailedPrecondition(Name(task) + " is not claimed by " + std::string(actor));
  }
  task.state = TaskState::kPending;
  Unclaim(task);
  return std::vector<AuditEntry>{Entry(task, now_text, actor, "release")};
}

Result<std::vector<AuditEntry>> ApplyDecision(ReviewTask& task, const Decision& given,
                                              TimePoint now) {
  if (given.precondition)
    TRAVET_RETURN_IF_ERROR(given.precondition(task));
  auto id = ActorId(given.actor, "deciding", task);
  if (!id)
    return id.error();
  Decision decision = given;
  decision.actor = std::move(*id);
  std::string now_text = FormatRfc3339(now);
  TRAVET_RETURN_IF_ERROR(CheckDecision(task, decision, now_text));
  if (!decision.approve)
    return Reject(task, decision, now_text);
  return Approve(task, decision, now_text);
}

Result<std::vector<AuditEntry>> ApplyEscalation(ReviewTask& task, TimePoint now) {
  TRAVET_RETURN_IF_ERROR(CheckOpen(task, StatusCode::kFailedPrecondition));
  std::string now_text = FormatRfc3339(now);
  if (task.due_at.empty() || task.due_at > now_text)
    return FailedPrecondition(Name(task) + " is not due yet");
  if (!task.escalated_at.empty())
    return FailedPrecondition(Name(task) + " was already escalated at " + task.escalated_at);
  std::string note;
  if (!task.escalate_to.empty() && task.escalate_to != task.queue) {
    note = "moved from " + task.queue + " to " + task.escalate_to + "; ";
    task.queue = task.escalate_to;
  }
  int before = task.priority;
  task.priority += kEscalationPriorityBump;
  note += "priority " + std::to_string(before) + " -> " + std::to_string(task.priority);
  task.escalated_at = now_text;
  return std::vector<AuditEntry>{Entry(task, now_text, "system", "escalate", std::move(note))};
}

Result<std::vector<AuditEntry>> ApplyExpiry(ReviewTask& task, TimePoint now) {
  TRAVET_RETURN_IF_ERROR(CheckOpen(task, StatusCode::kFailedPrecondition));
  std::string now_text = FormatRfc3339(now);
  if (task.expires_at.empty() || task.expires_at > now_text)
    return FailedPrecondition(Name(task) + " does not expire yet");
  task.state = TaskState::kExpired;
  Unclaim(task);
  return std::vector<AuditEntry>{
      Entry(task, now_text, "system", "expire", "undecided at its expiry time " + task.expires_at)};
}

}  // namespace travet::store
