// libFuzzer entry point: any bytes given to the bot loader must give a bot or
// errors, never a crash, a hang or unbounded memory.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "runtime/actions/bot_loading.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  travet::lang::LoadResult result = travet::actions::LoadBotText(text, "fuzz.yaml");
  // A loader that reports failure must say why.
  if (!result.ok() && result.errors.empty())
    __builtin_trap();
  return 0;
}
