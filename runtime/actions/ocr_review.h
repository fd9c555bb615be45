#pragma once

#include <filesystem>
#include <vector>

#include "runtime/actions/action.h"
#include "runtime/core/result.h"
#include "runtime/core/value.h"

namespace travet::actions {

// The keys of ocr.extract's `review:` map: those of ReviewParamSpecs, and
// `sample` (a share like 5%, or a number from 0 to 1).
std::vector<lang::ParamSpec> ReviewSettingSpecs();

// The `review:` parameter of ocr.extract, read and checked before anything
// is recognised.
struct ExtractionReview {
  ReviewRequest request;  // queue, instructions, priority, due, expires, ...
  double sample = 0;      // share of confident documents to check, 0..1
};

// Reads `review` ({queue, instructions, priority, due, expires, escalate_to,
// approvals, sample}). Errors: "ocr.extract: parameter 'review' must be a
// map", "ocr.extract: unknown key 'queu' in parameter 'review'", and those of
// ReadReviewParams and ParseSampleRate, naming 'review.<key>'.
Result<ExtractionReview> ReadExtractionReview(const Value& review);

// Puts the extraction in front of a person when it needs review (a field
// missing, invalid or under its threshold) or when the document is chosen for
// a QA sample, through ctx.review (one task per run and step; the run
// suspends until decided). `scan_sha256` is the SHA-256 of the scan (which
// chooses it for a sample or not); `extraction` the output of ocr.extract. Returns the
// extraction when no one needs to look (with review: {decision: "auto",
// reviewer: null, task: null, sampled: false}); after an approval, the
// extraction with each field's value replaced by the decided one (and
// accepted true), needs_review false and review: {decision, reviewer, task,
// sampled}; kSuspended while the task waits; kFailed when it was rejected or
// expired.
Result<Value> ReviewExtraction(const ExtractionReview& review, const std::string& scan_sha256,
                               ActionContext& ctx, Value extraction);

}  // namespace travet::actions
