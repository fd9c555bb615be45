#pragma once

// Why a field of a review task is before a person, in one word an operator's
// screen can show and filter on, read from what the extraction recorded.

#include "runtime/core/value.h"

namespace travet::review {

// The reason field `field` (as a task stores it: value, valid, verdict,
// accepted ...) of a task that is `sampled` or not went to review:
// "missing" (not found), "invalid" (its validator refused it), "ambiguous"
// (several different valid values, or places that contradict each other),
// "implausible" (valid but unlikely: an amount of zero, a date out of its
// range, totals that do not add up), "under threshold" (valid, but read less
// surely than its threshold), "sampled" (accepted, and the document was
// picked for a quality check); null when nothing says it needed a person
// (an accepted field of a task that others sent to review, or a field given
// to a `review` step without `accepted`).
Value ReviewReason(const Value& field, bool sampled);

// `fields` with each field's "reason" set by ReviewReason.
Value FieldsWithReasons(const Value& fields, bool sampled);

}  // namespace travet::review
