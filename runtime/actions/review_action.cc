#include "runtime/actions/review_action.h"

#include "runtime/core/duration.h"

namespace travet::actions {
namespace {

using lang::ParamType;

Result<ReviewRequest> ReadRequest(const Value& params) {
  ReviewRequest request;
  auto text = [&](const char* name, std::string& out) -> Status {
    if (!params.contains(name) || params[name].is_null())
      return Status::Ok();
    if (!params[name].is_string()) {
      return InvalidArgument(std::string("review: parameter '") + name + "' must be a string");
    }
    out = params[name].get<std::string>();
    return Status::Ok();
  };
  TRAVET_RETURN_IF_ERROR(text("queue", request.queue));
  TRAVET_RETURN_IF_ERROR(text("document", request.document));
  TRAVET_RETURN_IF_ERROR(text("instructions", request.instructions));
  const Value& fields = params.value("fields", Value::object());
  if (!fields.is_object())
    return InvalidArgument("review: parameter 'fields' must be a map");
  request.fields = fields;
  if (params.contains("priority")) {
    if (!params["priority"].is_number_integer()) {
      return InvalidArgument("review: parameter 'priority' must be an integer");
    }
    request.priority = params["priority"].get<int>();
  }
  if (params.contains("page") && params["page"].is_number_integer())
    request.page = params["page"];
  if (params.contains("due")) {
    std::string due;
    TRAVET_RETURN_IF_ERROR(text("due", due));
    auto d = ParseDuration(due);
    if (!d)
      return d.error().WithContext("review: parameter 'due'");
    request.due = *d;
  }
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

}  // namespace

std::vector<ActionDef> ReviewActions() {
  return {
      {{"review",
        "Ask a person to check or correct fields; the run waits without holding a worker.",
        {{"queue", ParamType::kString, false, "Queue (group of operators); default 'default'."},
         {"document", ParamType::kString, false, "The document the fields come from."},
         {"page", ParamType::kInteger, false, "Page of the document."},
         {"fields", ParamType::kMap, false,
          "Fields to check: name -> value, or the fields of ocr.extract."},
         {"instructions", ParamType::kString, false, "What the operator should check."},
         {"priority", ParamType::kInteger, false, "Higher comes first (default 0)."},
         {"due", ParamType::kDuration, false, "When the task is due, from now (e.g. 48h)."}},
        {},
        "fields (name -> value), decision, reviewer, task"},
       RunReview,
       /*side_effect=*/true},
  };
}

}  // namespace travet::actions
