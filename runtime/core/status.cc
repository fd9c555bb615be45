#include "runtime/core/status.h"

namespace travet {

std::string_view StatusCodeName(StatusCode code) {
  switch (code) {
    case StatusCode::kOk:
      return "ok";
    case StatusCode::kInvalidArgument:
      return "invalid_argument";
    case StatusCode::kNotFound:
      return "not_found";
    case StatusCode::kAlreadyExists:
      return "already_exists";
    case StatusCode::kPermissionDenied:
      return "permission_denied";
    case StatusCode::kFailedPrecondition:
      return "failed_precondition";
    case StatusCode::kUnavailable:
      return "unavailable";
    case StatusCode::kTimeout:
      return "timeout";
    case StatusCode::kIoError:
      return "io_error";
    case StatusCode::kFailed:
      return "failed";
    case StatusCode::kCancelled:
      return "cancelled";
    case StatusCode::kInternal:
      return "internal";
    case StatusCode::kSuspended:
      return "suspended";
    case StatusCode::kStopped:
      return "stopped";
  }
  return "unknown";
}

StatusCode ParseStatusCode(std::string_view name) {
  for (int i = 0; i <= static_cast<int>(StatusCode::kStopped); ++i) {
    auto code = static_cast<StatusCode>(i);
    if (StatusCodeName(code) == name)
      return code;
  }
  return StatusCode::kFailed;
}

Status Status::WithContext(std::string_view context) const {
  if (ok())
    return *this;
  return Status(code_, std::string(context) + ": " + message_);
}

std::string Status::ToString() const {
  if (ok())
    return "ok";
  return message_;
}

}  // namespace travet
