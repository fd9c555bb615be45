// libFuzzer entry point: any bytes given to the bot loader must give a bot or
// errors, never a crash, a hang or unbounded memory.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "runtime/actions/action_table.h"
#include "runtime/expr/evaluator.h"
#include "runtime/lang/loader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // One evaluator for the whole run, as the CLI has one per process.
  static travet::expr::Evaluator evaluator;
  travet::lang::LoadOptions options;
  options.actions = &travet::actions::ActionCatalog();
  options.check_syntax = [](std::string_view text) { return evaluator.CheckSyntax(text); };
  std::string_view text(reinterpret_cast<const char*>(data), size);
  travet::lang::LoadResult result = travet::lang::LoadBotText(text, "fuzz.yaml", options);
  // A loader that reports failure must say why.
  if (!result.ok() && result.errors.empty())
    __builtin_trap();
  return 0;
}
