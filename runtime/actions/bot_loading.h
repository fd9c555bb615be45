#pragma once

#include <string>
#include <string_view>

#include "runtime/lang/loader.h"

namespace travet::actions {

// Loads and validates a bot against the table of actions (action_table.h),
// checking the syntax of its expressions with the sandbox's Lua: the one way
// the command line, the worker, the fuzz target and the tests load a bot.
// Errors are those of lang::LoadBotFile. Thread-safe (an evaluator per
// thread).
lang::LoadResult LoadBot(const std::string& path);

// The same for a bot's text; `file` names it in messages ("bot.yaml:3:5: ...").
lang::LoadResult LoadBotText(std::string_view text, const std::string& file);

}  // namespace travet::actions
