#include "runtime/store/work_item.h"

#include <array>
#include <utility>

namespace travet::store {
namespace {

constexpr std::array<std::pair<ItemState, std::string_view>, 5> kItemStates = {{
    {ItemState::kPending, "pending"},
    {ItemState::kRunning, "running"},
    {ItemState::kWaitingReview, "waiting_review"},
    {ItemState::kSucceeded, "succeeded"},
    {ItemState::kFailed, "failed"},
}};

}  // namespace

std::string_view ItemStateName(ItemState state) {
  for (const auto& [value, name] : kItemStates) {
    if (value == state)
      return name;
  }
  return "unknown";
}

std::optional<ItemState> ParseItemState(std::string_view name) {
  for (const auto& [value, text] : kItemStates) {
    if (text == name)
      return value;
  }
  return std::nullopt;
}

Value WorkItemJson(const WorkItem& item) {
  auto or_null = [](const std::string& text) { return text.empty() ? Value() : Value(text); };
  return {{"loop", item.loop_path},
          {"index", item.index},
          {"key", item.key},
          {"state", std::string(ItemStateName(item.state))},
          {"attempts", item.attempts},
          {"retries", item.retries},
          {"error", or_null(item.error)},
          {"outcome", or_null(item.outcome)},
          {"output", item.output},
          {"started_at", or_null(item.started_at)},
          {"finished_at", or_null(item.finished_at)}};
}

bool IsFinal(ItemState state) {
  return state == ItemState::kSucceeded || state == ItemState::kFailed;
}

}  // namespace travet::store
