#pragma once

#include <string>
#include <string_view>
#include <utility>

namespace travet {

// What kind of failure a Status reports. The kind decides what the engine does
// with it: only kUnavailable and kTimeout are retried by a step's `retry`.
enum class StatusCode {
  kOk,
  kInvalidArgument,  // bad parameter, bad expression, bad bot
  kNotFound,
  kAlreadyExists,
  kPermissionDenied,  // e.g. a path that escapes the working folder
  kFailedPrecondition,
  kUnavailable,  // 5xx, connection refused: worth retrying
  kTimeout,
  kIoError,
  kFailed,  // an expectation not met (HTTP 4xx, `fail` action)
  kCancelled,
  kInternal,
  kSuspended,  // not a failure: the run waits (for a person) and resumes later
  kStopped,    // not a failure: a `stop` step ended its work item or run early
};

// The outcome of an operation that can fail: a code and a message that says
// what failed with the outside detail (path, URL, HTTP status, file:line:col).
// Cheap to copy; an ok Status carries no message.
class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status Ok() { return Status(); }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  // Whether trying the same thing again may succeed.
  bool retryable() const {
    return code_ == StatusCode::kUnavailable || code_ == StatusCode::kTimeout;
  }

  // A copy whose message is prefixed with `context: `.
  Status WithContext(std::string_view context) const;
  std::string ToString() const;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

// Whether `s` ends a block of steps without being a failure: a wait for a
// person (kSuspended) or a `stop` step (kStopped). No handler takes either.
inline bool IsWaitOrStop(const Status& s) {
  return s.code() == StatusCode::kSuspended || s.code() == StatusCode::kStopped;
}

std::string_view StatusCodeName(StatusCode code);
// The code StatusCodeName spells `name`; kFailed for a name it does not know.
StatusCode ParseStatusCode(std::string_view name);

inline Status InvalidArgument(std::string m) {
  return {StatusCode::kInvalidArgument, std::move(m)};
}
inline Status NotFound(std::string m) {
  return {StatusCode::kNotFound, std::move(m)};
}
inline Status AlreadyExists(std::string m) {
  return {StatusCode::kAlreadyExists, std::move(m)};
}
inline Status PermissionDenied(std::string m) {
  return {StatusCode::kPermissionDenied, std::move(m)};
}
inline Status FailedPrecondition(std::string m) {
  return {StatusCode::kFailedPrecondition, std::move(m)};
}
inline Status Unavailable(std::string m) {
  return {StatusCode::kUnavailable, std::move(m)};
}
inline Status Timeout(std::string m) {
  return {StatusCode::kTimeout, std::move(m)};
}
inline Status IoError(std::string m) {
  return {StatusCode::kIoError, std::move(m)};
}
inline Status Failed(std::string m) {
  return {StatusCode::kFailed, std::move(m)};
}
inline Status Cancelled(std::string m) {
  return {StatusCode::kCancelled, std::move(m)};
}
inline Status Internal(std::string m) {
  return {StatusCode::kInternal, std::move(m)};
}
inline Status Suspended(std::string m) {
  return {StatusCode::kSuspended, std::move(m)};
}
// `m` is the outcome a `stop` step recorded, e.g. "skipped: not an application".
inline Status Stopped(std::string m) {
  return {StatusCode::kStopped, std::move(m)};
}

}  // namespace travet
