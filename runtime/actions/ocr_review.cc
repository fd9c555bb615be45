#include "runtime/actions/ocr_review.h"

#include <string>
#include <utility>

#include "runtime/actions/atomic_file.h"
#include "runtime/actions/review_params.h"

namespace travet::actions {
namespace {

// Every key the `review:` map may hold (the loader checks a literal map; a
// map built by an expression is checked here).
Status CheckKeys(const Value& review) {
  const std::vector<lang::ParamSpec> specs = ReviewSettingSpecs();
  for (const auto& [key, value] : review.items()) {
    bool known = false;
    for (const auto& spec : specs)
      known = known || spec.name == key;
    if (!known)
      return InvalidArgument("ocr.extract: unknown key '" + key + "' in parameter 'review'");
  }
  return Status::Ok();
}

// Whether a confident document is chosen for a QA check.
bool IsSampled(const ExtractionReview& review, const std::string& scan_sha256) {
  return review.sample > 0 && ChosenForSample(scan_sha256, review.request.queue, review.sample);
}

// The page an operator should open first: that of the first field that was
// not accepted, else 1.
int FirstPageToCheck(const Value& fields) {
  for (const auto& [name, field] : fields.items()) {
    if (!field.value("accepted", true))
      return field.value("page", 1);
  }
  return 1;
}

// The extraction as the person approved it.
Value Decided(Value extraction, const Value& decision) {
  const Value& values = decision.value("fields", Value::object());
  for (auto& [name, field] : extraction["fields"].items()) {
    if (!values.contains(name))
      continue;
    field["value"] = values[name];
    field["accepted"] = true;  // a person looked at it
  }
  extraction["needs_review"] = false;
  extraction["review"] = {{"decision", decision.value("decision", "approved")},
                          {"reviewer", decision.value("reviewer", "")},
                          {"task", decision.value("task", "")},
                          {"sampled", decision.value("sampled", false)}};
  return extraction;
}

}  // namespace

std::vector<lang::ParamSpec> ReviewSettingSpecs() {
  std::vector<lang::ParamSpec> specs = ReviewParamSpecs();
  specs.push_back({"sample", lang::ParamType::kAny, false,
                   "Share of confident documents that still go to review, e.g. 5% or 0.05."});
  return specs;
}

Result<ExtractionReview> ReadExtractionReview(const Value& review) {
  if (!review.is_object())
    return InvalidArgument("ocr.extract: parameter 'review' must be a map");
  TRAVET_RETURN_IF_ERROR(CheckKeys(review));
  Result<ReviewRequest> request = ReadReviewParams(review, "ocr.extract", "review.");
  if (!request)
    return request.error();
  ExtractionReview settings{std::move(*request), 0};
  if (review.contains("sample") && !review["sample"].is_null()) {
    Result<double> rate = ParseSampleRate(review["sample"]);
    if (!rate)
      return rate.error().WithContext("ocr.extract: parameter 'review.sample'");
    settings.sample = *rate;
  }
  return settings;
}

Result<Value> ReviewExtraction(const ExtractionReview& review, const std::string& scan_sha256,
                               ActionContext& ctx, Value extraction) {
  const bool needs_review = extraction.value("needs_review", false);
  const bool sampled = !needs_review && IsSampled(review, scan_sha256);
  if (!needs_review && !sampled) {
    extraction["review"] = {
        {"decision", "auto"}, {"reviewer", nullptr}, {"task", nullptr}, {"sampled", false}};
    return extraction;
  }
  if (!ctx.review)
    return Internal("ocr.extract: this runner has no review queue");
  ReviewRequest request = review.request;
  request.document = extraction.value("document", "");
  request.fields = extraction["fields"];
  request.page = FirstPageToCheck(request.fields);
  request.sampled = sampled;
  Result<Value> decision = ctx.review->Request(ctx.run_id, ctx.step_path, request);
  if (!decision)
    return decision.error();
  return Decided(std::move(extraction), *decision);
}

}  // namespace travet::actions
