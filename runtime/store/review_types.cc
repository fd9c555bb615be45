#include "runtime/store/review_types.h"

#include <array>
#include <utility>

namespace travet::store {
namespace {

constexpr std::array<std::pair<TaskState, std::string_view>, 5> kTaskStates = {{
    {TaskState::kPending, "pending"},
    {TaskState::kClaimed, "claimed"},
    {TaskState::kApproved, "approved"},
    {TaskState::kRejected, "rejected"},
    {TaskState::kExpired, "expired"},
}};

}  // namespace

std::string_view TaskStateName(TaskState state) {
  for (const auto& [value, name] : kTaskStates) {
    if (value == state)
      return name;
  }
  return "unknown";
}

std::optional<TaskState> ParseTaskState(std::string_view name) {
  for (const auto& [value, known] : kTaskStates) {
    if (known == name)
      return value;
  }
  return std::nullopt;
}

}  // namespace travet::store
