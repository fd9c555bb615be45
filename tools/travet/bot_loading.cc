#include "tools/travet/bot_loading.h"

#include "runtime/actions/action_table.h"
#include "runtime/expr/evaluator.h"

namespace travet::cli {

lang::LoadResult LoadBot(const std::string& path) {
  expr::Evaluator evaluator;
  lang::LoadOptions options;
  options.actions = &actions::ActionCatalog();
  options.check_syntax = [&evaluator](std::string_view text) {
    return evaluator.CheckSyntax(text);
  };
  return lang::LoadBotFile(path, options);
}

}  // namespace travet::cli
