#pragma once

#include <string_view>
#include <vector>

#include "runtime/actions/action.h"
#include "runtime/core/result.h"
#include "runtime/core/value.h"
#include "runtime/lang/action_spec.h"

namespace travet::actions {

// The settings of a review that the `review` action and the `review:`
// parameter of ocr.extract share: queue, instructions, priority, due,
// expires, escalate_to, approvals.
std::vector<lang::ParamSpec> ReviewParamSpecs();

// Reads the settings of ReviewParamSpecs from the map `params` into a request
// (document, page and fields are left to the caller). Errors name the action
// and the parameter as the bot spells it: "review: parameter 'due' must be a
// string", "ocr.extract: parameter 'review.approvals' must be 1 or 2".
// `prefix` is "" for the review action and "review." for ocr.extract.
Result<ReviewRequest> ReadReviewParams(const Value& params, std::string_view action,
                                       std::string_view prefix);

// The share of documents to sample for a QA check: "5%", "0.5%", or a number
// from 0 to 1. kInvalidArgument "'7' is not a share: use e.g. 5% or 0.05".
Result<double> ParseSampleRate(const Value& value);

// Whether a document is chosen for a QA check in `queue` at `rate` (0..1):
// deterministic in the document's SHA-256 (64 hex digits) salted with the
// queue name, so a re-run makes the same choice and different queues sample
// different documents.
bool ChosenForSample(std::string_view document_sha256, std::string_view queue, double rate);

}  // namespace travet::actions
