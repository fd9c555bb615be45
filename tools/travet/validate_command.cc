#include <iostream>

#include "runtime/actions/bot_loading.h"
#include "tools/travet/command.h"

namespace travet::cli {

std::function<int()> SetupValidate(CLI::App& cmd) {
  auto files = std::make_shared<std::vector<std::string>>();
  cmd.add_option("BOT", *files, "Bot files (YAML)")->required();
  return [files] {
    int status = kExitOk;
    for (const auto& file : *files) {
      lang::LoadResult result = actions::LoadBot(file);
      for (const auto& error : result.errors)
        std::cerr << error << "\n";
      if (result.ok())
        std::cout << file << ": ok\n";
      else
        status = kExitInvalid;
    }
    return status;
  };
}

}  // namespace travet::cli
