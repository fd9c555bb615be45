#include "runtime/actions/bot_loading.h"

#include "runtime/actions/action_table.h"
#include "runtime/expr/evaluator.h"

namespace travet::actions {
namespace {

// The catalog of actions and the sandbox's syntax check. A Lua state per
// thread, kept: building one per bot would cost more than checking it.
lang::LoadOptions Options() {
  thread_local expr::Evaluator evaluator;
  lang::LoadOptions options;
  options.actions = &ActionCatalog();
  options.check_syntax = [](std::string_view text) { return evaluator.CheckSyntax(text); };
  return options;
}

}  // namespace

lang::LoadResult LoadBot(const std::string& path) {
  return lang::LoadBotFile(path, Options());
}

lang::LoadResult LoadBotText(std::string_view text, const std::string& file) {
  return lang::LoadBotText(text, file, Options());
}

}  // namespace travet::actions
