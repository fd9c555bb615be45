#pragma once

// How a bot's triggers are named in the store (fires, pauses), the API and
// the CLI: by kind and place, "cron#1", "watch#2", "webhook#3".

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "runtime/core/status.h"
#include "runtime/lang/model.h"

namespace travet::schedule {

// "cron", "watch" or "webhook".
std::string_view TriggerKindName(lang::TriggerKind kind);

// The key of the trigger at `index` (0-based) among its bot's triggers: its
// kind, '#', and its place counted from 1 ("cron#1"). A trigger keeps its key
// while the triggers before it stay; fires and pauses are stored under it.
std::string TriggerKey(const lang::Trigger& trigger, size_t index);

// The index of the trigger of `bot` that `text` names: its key ("cron#1") or
// its place alone ("1", handy in a URL, where '#' must be written %23);
// nullopt when none does.
std::optional<size_t> FindTrigger(const lang::Bot& bot, std::string_view text);

// Ok when `key` has the form of a trigger key: a kind, '#', a place from 1
// ("watch#2"). kInvalidArgument "trigger 'x' is not a trigger key such as
// cron#1, watch#2 or webhook#3" otherwise. For callers that cannot see the
// bot (the CLI on a store alone).
Status CheckTriggerKey(std::string_view key);

}  // namespace travet::schedule
