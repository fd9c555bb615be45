// libFuzzer entry point for the expression evaluator: any text between
// `${{ }}` must give a value or an error within the instruction and memory
// limits, never a crash or a hang, and leave the evaluator usable.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "runtime/expr/evaluator.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // One evaluator for the whole run, as a worker thread has one; a lower
  // instruction limit keeps each input quick.
  static travet::expr::Evaluator evaluator(
      travet::expr::Limits{.max_instructions = 200'000, .max_memory_bytes = 16u << 20});
  static const travet::Value inputs = {
      {"name", "Rossi"}, {"total", 12.5}, {"rows", {1, 2, {{"a", nullptr}}}}};
  static const travet::Value steps = {{"read", {{"content", "x;y\n1;2"}, {"size", 7}}}};
  travet::expr::Scope scope;
  scope.Bind("inputs", &inputs);
  scope.Bind("steps", &steps);
  std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)evaluator.Evaluate(text, scope);
  // A failed call must leave the evaluator ready for the next one.
  auto sane = evaluator.Evaluate("inputs.total * 2", scope);
  if (!sane || *sane != travet::Value(25.0))
    __builtin_trap();
  return 0;
}
