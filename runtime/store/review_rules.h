#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "runtime/core/clock.h"
#include "runtime/core/result.h"
#include "runtime/store/review_types.h"

namespace travet::store {

// The state machine of a review task, without storage: every Store
// implementation loads the task inside its write transaction, applies one of
// these, and saves the task with the returned audit entries in the same
// transaction. `task` is the stored row (a lapsed claim still reads kClaimed);
// on error it is left unchanged. Times are formatted with FormatRfc3339, so
// text order is time order.

// Whether `task` is held by a claim whose lease has not lapsed at `now`.
bool HasLiveClaim(const ReviewTask& task, std::string_view now);

// The task as a reader sees it at `now`: a claim whose lease lapsed shows as
// pending, with no holder.
ReviewTask AsSeenAt(ReviewTask task, std::string_view now);

// Every actor is taken as an operator id: trimmed, ASCII letters folded to
// lower case ("Bob " is "bob"); a name with a control character is refused
// (kInvalidArgument).
//
// Claims `task` for `actor` until now + lease, or renews the actor's claim.
// Takes over a claim whose lease lapsed (audit note "lease of anna lapsed").
// kInvalidArgument for an empty actor or a lease <= 0; kFailedPrecondition
// "task t-1 is claimed by anna until T", "task t-1 was already approved by
// anna at T", "task t-1 has expired", and for the first approver of a
// four-eyes task "task t-1 needs a second approver other than anna".
Result<std::vector<AuditEntry>> ApplyClaim(ReviewTask& task, std::string_view actor, TimePoint now,
                                           Millis lease);

// Gives the claim of `actor` back: the task is pending again. Only the holder
// may (kFailedPrecondition "task t-1 is not claimed by bob" or the messages
// of ApplyClaim).
Result<std::vector<AuditEntry>> ApplyRelease(ReviewTask& task, std::string_view actor,
                                             TimePoint now);

// Approves or rejects `task`. The approved values are each field's `value`
// overlaid with the corrections; one "correct" entry per changed field (old ->
// new), then one "approve" or "reject" entry. With approvals_required 2 the
// first approval only records first_approver and the values so far (note
// "first of two approvals") and the task stays pending, unclaimed; the second
// must come from someone else. A rejection needs no second approver and
// ignores corrections. Errors: kAlreadyExists "task t-1 was already approved
// by anna at T"; kFailedPrecondition "task t-1 is claimed by anna until T",
// "task t-1 needs a second approver other than anna", "task t-1 has expired";
// kInvalidArgument for an empty actor, a rejection without reason, corrections
// that are not an object or name an unknown field ("task t-1 has no field
// 'iban'").
Result<std::vector<AuditEntry>> ApplyDecision(ReviewTask& task, const Decision& decision,
                                              TimePoint now);

// How much an escalation raises a task's priority.
inline constexpr int kEscalationPriorityBump = 10;

// Escalates an open task that passed its due time: once (sets escalated_at),
// priority + kEscalationPriorityBump, moved to escalate_to when given. A
// claim is kept. Audit "escalate" by "system", note "priority 0 -> 10" or
// "moved from q1 to q2; priority 0 -> 10". kFailedPrecondition "task t-1 is
// not due yet" / "task t-1 was already escalated at T" / the messages for a
// decided or expired task.
Result<std::vector<AuditEntry>> ApplyEscalation(ReviewTask& task, TimePoint now);

// Expires an open task past its expires_at: state expired, claim dropped.
// Audit "expire" by "system", note "undecided at its expiry time T".
// kFailedPrecondition "task t-1 does not expire yet" and for a task that is
// decided or expired.
Result<std::vector<AuditEntry>> ApplyExpiry(ReviewTask& task, TimePoint now);

}  // namespace travet::store
