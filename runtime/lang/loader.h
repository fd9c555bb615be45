#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/lang/action_spec.h"
#include "runtime/lang/model.h"

namespace travet::lang {

struct LoadOptions {
  // The actions a step may use; required.
  const ActionCatalog* actions = nullptr;
  // Checks the syntax of one expression: "" when it compiles, else the
  // parser's message. Optional: without it only names are checked.
  std::function<std::string(std::string_view expression)> check_syntax;
};

// A bot, or every problem that keeps it from running.
struct LoadResult {
  std::optional<Bot> bot;
  std::vector<std::string> errors;  // "file:line:col: message", sorted
  bool ok() const { return bot.has_value(); }
};

// Reads, parses and validates a whole bot file before anything runs: YAML
// syntax, unknown keys ("did you mean"), step shape, actions and their
// parameter types, duplicate ids, inputs and defaults, retry/timeout, cron
// expressions, and every name used in a `${{ }}` expression.
LoadResult LoadBotFile(const std::string& path, const LoadOptions& options);

// As LoadBotFile, from text; `file` names it in messages.
LoadResult LoadBotText(std::string_view text, const std::string& file, const LoadOptions& options);

}  // namespace travet::lang
