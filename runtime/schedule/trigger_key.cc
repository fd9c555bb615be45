#include "runtime/schedule/trigger_key.h"

#include <charconv>

#include "runtime/core/line_escape.h"

namespace travet::schedule {
namespace {

// The place `text` names, counted from 1; nullopt unless it is all digits.
std::optional<size_t> PlaceOf(std::string_view text) {
  size_t place = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), place);
  if (ec != std::errc() || end != text.data() + text.size() || place == 0) {
    return std::nullopt;
  }
  return place;
}

}  // namespace

std::string_view TriggerKindName(lang::TriggerKind kind) {
  switch (kind) {
    case lang::TriggerKind::kCron:
      return "cron";
    case lang::TriggerKind::kWatch:
      return "watch";
    case lang::TriggerKind::kWebhook:
      return "webhook";
  }
  return "cron";
}

std::string TriggerKey(const lang::Trigger& trigger, size_t index) {
  return std::string(TriggerKindName(trigger.kind)) + "#" + std::to_string(index + 1);
}

std::optional<size_t> FindTrigger(const lang::Bot& bot, std::string_view text) {
  if (const auto place = PlaceOf(text)) {
    return *place <= bot.triggers.size() ? std::optional<size_t>(*place - 1) : std::nullopt;
  }
  for (size_t i = 0; i < bot.triggers.size(); ++i) {
    if (TriggerKey(bot.triggers[i], i) == text) {
      return i;
    }
  }
  return std::nullopt;
}

Status CheckTriggerKey(std::string_view key) {
  const size_t hash = key.find('#');
  if (hash != std::string_view::npos && PlaceOf(key.substr(hash + 1))) {
    const std::string_view kind = key.substr(0, hash);
    for (const auto k :
         {lang::TriggerKind::kCron, lang::TriggerKind::kWatch, lang::TriggerKind::kWebhook}) {
      if (kind == TriggerKindName(k)) {
        return Status::Ok();
      }
    }
  }
  return InvalidArgument("trigger '" + EscapeControls(key) +
                         "' is not a trigger key such as cron#1, watch#2 or webhook#3");
}

}  // namespace travet::schedule
