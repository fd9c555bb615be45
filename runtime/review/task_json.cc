#include "runtime/review/task_json.h"

#include "runtime/review/review_reason.h"

namespace travet::review {

Value TaskJson(const store::ReviewTask& t) {
  return {{"id", t.id},
          {"run_id", t.run_id},
          {"step", t.step_path},
          {"queue", t.queue},
          {"document", t.document},
          {"page", t.page},
          {"fields", FieldsWithReasons(t.fields, t.sampled)},
          {"instructions", t.instructions},
          {"priority", t.priority},
          {"due_at", t.due_at},
          {"state", std::string(store::TaskStateName(t.state))},
          {"claimed_by", t.claimed_by},
          {"lease_until", t.lease_until},
          {"decision_fields", t.decision_fields},
          {"decided_by", t.decided_by},
          {"decided_at", t.decided_at},
          {"reason", t.reason},
          {"sampled", t.sampled},
          {"approvals_required", t.approvals_required},
          {"first_approver", t.first_approver},
          {"expires_at", t.expires_at},
          {"escalated_at", t.escalated_at},
          {"escalate_to", t.escalate_to},
          {"created_at", t.created_at}};
}

Value AuditEntryJson(const store::AuditEntry& e) {
  Value v = {{"time", e.time}, {"actor", e.actor}, {"action", e.action}};
  if (!e.field.empty()) {
    v.update({{"field", e.field}, {"old", e.old_value}, {"new", e.new_value}});
  }
  if (!e.note.empty()) {
    v["note"] = e.note;
  }
  return v;
}

}  // namespace travet::review
