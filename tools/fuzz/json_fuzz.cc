// libFuzzer entry point for the JSON reader as a run uses it (file.read
// as: json, HTTP replies, inputs): the depth check, then the parser. Any bytes
// must give a value or a refusal, never a crash; and what the check lets
// through must nest no deeper than it promises.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "runtime/core/json_depth.h"
#include "runtime/core/value.h"

namespace {

int Depth(const travet::Value& value) {
  int deepest = 0;
  if (value.is_structured()) {
    for (const auto& item : value)
      deepest = std::max(deepest, Depth(item));
    return deepest + 1;
  }
  return 0;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  if (travet::JsonTooDeepAt(text) != std::string_view::npos)
    return 0;
  travet::Value value = travet::Value::parse(text, nullptr, /*allow_exceptions=*/false);
  if (value.is_discarded())
    return 0;
  if (Depth(value) > travet::kMaxJsonDepth)
    __builtin_trap();
  // What was read is written and read back as the same value (checkpoints do
  // this with every step output).
  travet::Value again = travet::Value::parse(
      value.dump(-1, ' ', false, travet::Value::error_handler_t::replace), nullptr, false);
  if (again.is_discarded())
    __builtin_trap();
  return 0;
}
