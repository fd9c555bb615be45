#include "runtime/server/api.h"

#include <charconv>

#include "runtime/core/json_depth.h"

namespace travet::server {

std::string ApiRequest::Header(const std::string& name) const {
  const auto it = headers.find(name);
  return it == headers.end() ? std::string() : it->second;
}

std::string ApiRequest::Query(const std::string& name, const std::string& fallback) const {
  const auto it = query.find(name);
  return it == query.end() ? fallback : it->second;
}

Result<int> QueryCount(const ApiRequest& request, const std::string& name, int fallback, int most) {
  const std::string text = request.Query(name, std::to_string(fallback));
  int count = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), count);
  if (ec != std::errc() || end != text.data() + text.size() || count < 1 || count > most) {
    return InvalidArgument(name + ": must be a number from 1 to " + std::to_string(most));
  }
  return count;
}

std::string_view RoleName(Access role) {
  switch (role) {
    case kOperator:
      return "operator";
    case kDeveloper:
      return "developer";
    case kAdmin:
      return "admin";
    default:
      return "anyone";
  }
}

Value BodyJson(std::string_view body) {
  if (body.empty()) {
    return Value::object();
  }
  if (JsonTooDeepAt(body) != std::string_view::npos) {
    return Value(Value::value_t::discarded);
  }
  return Value::parse(body, nullptr, false);
}

ApiResponse JsonResponse(int status, const Value& value) {
  return {status, "application/json", value.dump(), {}};
}

ApiResponse Problem(int status, std::string_view type, std::string_view title,
                    std::string_view detail) {
  Value problem = {{"type", "urn:travet:problem:" + std::string(type)},
                   {"title", std::string(title)},
                   {"status", status}};
  if (!detail.empty()) {
    problem["detail"] = std::string(detail);
  }
  return {status, "application/problem+json", problem.dump(), {}};
}

namespace {

struct ProblemKind {
  StatusCode code;
  int status;
  const char* type;
  const char* title;
};

// Each error code a library returns, as the API tells it.
constexpr ProblemKind kProblemKinds[] = {
    {StatusCode::kInvalidArgument, 400, "invalid-input", "The request is not valid"},
    {StatusCode::kNotFound, 404, "not-found", "No such resource"},
    {StatusCode::kAlreadyExists, 409, "already-exists", "It exists already"},
    {StatusCode::kPermissionDenied, 403, "forbidden", "Not allowed"},
    {StatusCode::kFailedPrecondition, 409, "conflict", "Not possible in the current state"},
    {StatusCode::kUnavailable, 503, "unavailable", "Temporarily unavailable"},
    {StatusCode::kTimeout, 504, "timeout", "Timed out"},
};

}  // namespace

ApiResponse ProblemOf(const Status& error) {
  for (const ProblemKind& kind : kProblemKinds) {
    if (kind.code == error.code()) {
      return Problem(kind.status, kind.type, kind.title, error.message());
    }
  }
  return Problem(500, "internal", "Internal error", error.message());
}

}  // namespace travet::server
