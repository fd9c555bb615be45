#include "runtime/store/store.h"

#include <array>
#include <cstdlib>
#include <utility>

#include "runtime/store/sqlite/sqlite_store.h"

namespace travet::store {
namespace {

constexpr std::array<std::pair<RunState, std::string_view>, 6> kRunStates = {{
    {RunState::kQueued, "queued"},
    {RunState::kRunning, "running"},
    {RunState::kWaitingReview, "waiting_review"},
    {RunState::kSucceeded, "succeeded"},
    {RunState::kFailed, "failed"},
    {RunState::kCancelled, "cancelled"},
}};

constexpr std::array<std::pair<StepStatus, std::string_view>, 3> kStepStatuses = {{
    {StepStatus::kSucceeded, "succeeded"},
    {StepStatus::kFailed, "failed"},
    {StepStatus::kSkipped, "skipped"},
}};

Status UnknownUrl(std::string_view url) {
  return InvalidArgument("unknown store URL '" + std::string(url) +
                         "' (use sqlite:///path/to/travet.db)");
}

// Whether `text` starts with a URL scheme ("name:"), as in RFC 3986.
bool HasScheme(std::string_view text) {
  size_t colon = text.find(':');
  if (colon == std::string_view::npos || colon == 0)
    return false;
  for (size_t i = 0; i < colon; ++i) {
    char c = text[i];
    bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    bool other = (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.';
    if (!letter && !(i > 0 && other))
      return false;
  }
  return true;
}

// The file of a SQLite URL: "sqlite:///abs" is "/abs", "sqlite://rel" and
// "sqlite:rel" are "rel"; a text without a scheme is a path as it is.
std::optional<std::string> SqlitePath(std::string_view url) {
  for (std::string_view prefix : {"sqlite://", "sqlite:"}) {
    if (url.starts_with(prefix))
      return std::string(url.substr(prefix.size()));
  }
  if (HasScheme(url))
    return std::nullopt;
  return std::string(url);
}

}  // namespace

std::string_view RunStateName(RunState state) {
  for (const auto& [value, name] : kRunStates) {
    if (value == state)
      return name;
  }
  return "unknown";
}

std::optional<RunState> ParseRunState(std::string_view name) {
  for (const auto& [value, text] : kRunStates) {
    if (text == name)
      return value;
  }
  return std::nullopt;
}

bool IsFinal(RunState state) {
  return state == RunState::kSucceeded || state == RunState::kFailed ||
         state == RunState::kCancelled;
}

std::string_view StepStatusName(StepStatus status) {
  for (const auto& [value, name] : kStepStatuses) {
    if (value == status)
      return name;
  }
  return "unknown";
}

std::optional<StepStatus> ParseStepStatus(std::string_view name) {
  for (const auto& [value, text] : kStepStatuses) {
    if (text == name)
      return value;
  }
  return std::nullopt;
}

Result<std::unique_ptr<Store>> OpenStore(std::string_view url, StoreAccess access) {
  if (url.starts_with("postgresql://") || url.starts_with("postgres://")) {
    return InvalidArgument("PostgreSQL stores are not available in this build");
  }
  std::optional<std::string> path = SqlitePath(url);
  if (!path || path->empty())
    return UnknownUrl(url);
  return OpenSqliteStore(*path, DefaultClock(), access);
}

std::string DefaultStoreUrl() {
  const char* env = std::getenv("TRAVET_STORE");
  if (env != nullptr && *env != '\0')
    return env;
  return "sqlite://travet.db";
}

}  // namespace travet::store
