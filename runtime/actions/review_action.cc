#include "runtime/actions/review_action.h"

#include "runtime/actions/review_params.h"

namespace travet::actions {
namespace {

using lang::ParamType;

Result<ReviewRequest> ReadRequest(const Value& params) {
  Result<ReviewRequest> request = ReadReviewParams(params, "review", "");
  if (!request)
    return request.error();
  if (params.contains("document") && !params["document"].is_null()) {
    if (!params["document"].is_string())
      return InvalidArgument("review: parameter 'document' must be a string");
    request->document = params["document"].get<std::string>();
  }
  const Value& fields = params.value("fields", Value::object());
  if (!fields.is_object())
    return InvalidArgument("review: parameter 'fields' must be a map");
  request->fields = fields;
  if (params.contains("page") && params["page"].is_number_integer())
    request->page = params["page"];
  return request;
}

Result<Value> RunReview(const Value& params, ActionContext& ctx) {
  if (!ctx.review)
    return Internal("review: this runner has no review queue");
  auto request = ReadRequest(params);
  if (!request)
    return request.error();
  return ctx.review->Request(ctx.run_id, ctx.step_path, *request);
}

std::vector<lang::ParamSpec> Params() {
  std::vector<lang::ParamSpec> params = {
      {"document", ParamType::kString, false, "The document the fields come from."},
      {"page", ParamType::kInteger, false, "Page of the document."},
      {"fields", ParamType::kMap, false,
       "Fields to check: name -> value, or the fields of ocr.extract."},
  };
  for (auto& setting : ReviewParamSpecs())
    params.push_back(std::move(setting));
  return params;
}

}  // namespace

std::vector<ActionDef> ReviewActions() {
  return {
      {{"review",
        "Ask a person to check or correct fields; the run waits without holding a worker.",
        Params(),
        {},
        "fields (name -> value), decision, reviewer, task, sampled"},
       RunReview,
       /*side_effect=*/true},
  };
}

}  // namespace travet::actions
