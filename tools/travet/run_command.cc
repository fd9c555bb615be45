#include <iostream>

#include "runtime/actions/bot_loading.h"
#include "runtime/engine/runner.h"
#include "tools/travet/command.h"
#include "tools/travet/run_output.h"
#include "tools/travet/scan_reader.h"

namespace travet::cli {
namespace {

struct RunArgs {
  std::string bot;
  std::vector<std::string> inputs;
  StoreFlag store;
  std::string work_dir = ".";
  std::string secrets_file;
  bool json = false;
  bool quiet = false;
};

Result<std::map<std::string, std::string>> ParseInputs(const std::vector<std::string>& pairs) {
  std::map<std::string, std::string> inputs;
  for (const auto& pair : pairs) {
    auto eq = pair.find('=');
    if (eq == std::string::npos || eq == 0) {
      return InvalidArgument("-i expects key=value, got '" + pair + "'");
    }
    inputs[pair.substr(0, eq)] = pair.substr(eq + 1);
  }
  return inputs;
}

int Run(const RunArgs& args) {
  lang::LoadResult loaded = actions::LoadBot(args.bot);
  if (!loaded.ok()) {
    for (const auto& error : loaded.errors)
      std::cerr << error << "\n";
    return kExitInvalid;
  }
  auto inputs = ParseInputs(args.inputs);
  if (!inputs) {
    std::cerr << "travet run: " << inputs.error().message() << "\n";
    return kExitInvalid;
  }
  auto store = store::OpenStore(args.store.url);
  if (!store) {
    std::cerr << "travet run: " << store.error().message() << "\n";
    return kExitFailed;
  }
  engine::RunOptions options;
  options.inputs = std::move(*inputs);
  options.work_dir = args.work_dir;
  options.store = store->get();
  options.ocr = &ScanReader();
  if (!args.secrets_file.empty())
    options.secrets.file = args.secrets_file;
  options.log_sink = StderrSink(args.quiet);
  auto outcome = engine::RunBot(*loaded.bot, options);
  if (!outcome) {
    std::cerr << "travet run: " << args.bot << ": " << outcome.error().message() << "\n";
    return outcome.error().code() == StatusCode::kInvalidArgument ? kExitInvalid : kExitFailed;
  }
  return PrintOutcome(*outcome, args.json);
}

}  // namespace

void StoreFlag::Add(CLI::App& cmd) {
  url = store::DefaultStoreUrl();
  cmd.add_option("--store", url,
                 "Store URL (sqlite:///path/travet.db; default $TRAVET_STORE or ./travet.db)")
      ->capture_default_str();
}

std::function<int()> SetupRun(CLI::App& cmd) {
  auto args = std::make_shared<RunArgs>();
  cmd.add_option("BOT", args->bot, "The bot file (YAML)")->required();
  cmd.add_option("-i,--input", args->inputs, "An input as key=value (repeatable)");
  args->store.Add(cmd);
  cmd.add_option("--workdir", args->work_dir, "Folder that file actions work in (default: .)");
  cmd.add_option("--secrets", args->secrets_file, "File of NAME=value secrets (mode 0600)");
  cmd.add_flag("--json", args->json, "Print the outcome as JSON on stdout");
  cmd.add_flag("-q,--quiet", args->quiet, "Only warnings and errors on stderr");
  cmd.footer("Exit status: 0 succeeded, 1 failed, 2 invalid bot or inputs, 3 waiting for review.");
  return [args] { return Run(*args); };
}

}  // namespace travet::cli
