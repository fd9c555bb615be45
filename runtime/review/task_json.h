#pragma once

// One JSON shape for a review task and its audit log, for `travet review
// show --json`, `travet review history --json` and the server's API.

#include "runtime/core/value.h"
#include "runtime/store/review_types.h"

namespace travet::review {

// Every member of `task`: id, run_id, step, queue, document, page, fields
// (name -> {value, raw, confidence, page, box, valid, verdict, type, and
// reason: why it is before a person, review_reason.h}),
// instructions, priority, due_at, state, claimed_by, lease_until,
// decision_fields, decided_by, decided_at, reason, sampled,
// approvals_required, first_approver, expires_at, escalated_at, escalate_to,
// created_at.
Value TaskJson(const store::ReviewTask& task);

// One audit entry: {time, actor, action}, with field, old and new for a
// correction and note when it has one.
Value AuditEntryJson(const store::AuditEntry& entry);

}  // namespace travet::review
