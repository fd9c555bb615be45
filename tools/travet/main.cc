// travet: the command line of the Travet RPA runtime.
#include <clocale>
#include <iostream>

#include "tools/travet/command.h"
#include "tools/travet/ocr_command.h"

namespace travet::cli {
namespace {

// Every command, in the order `travet --help` lists them.
const Command kCommands[] = {
    {"validate", "Check bot files without running them", SetupValidate},
    {"run", "Run a bot to its end (or until it waits for a review)", SetupRun},
    {"runs", "List, inspect, resume and cancel runs", SetupRuns},
    {"review", "The review queue: list, show, claim, approve, reject tasks", SetupReview},
    {"worker", "Execute queued runs and take over runs whose executor is gone", SetupWorker},
    {"serve", "The REST API, the workers and the bots of a folder, until stopped", SetupServe},
    {"users", "Users of the server: add, passwd, disable, list; API tokens", SetupUsers},
    {"schedules", "When the triggers of bots fire; list, pause and resume them on a store",
     SetupSchedules},
    {"kpi", "KPI figures per bot and month: documents, straight-through, hours saved", SetupKpi},
    {"ocr", "Read scans: text, JSON, TSV, hOCR, searchable PDF, or fields", SetupOcr},
    {"actions", "List the actions bots can use", SetupActions},
    {"schema", "Print the JSON Schema of the bot language", SetupSchema},
};

int Main(int argc, char** argv) {
  CLI::App app{"Travet: robots for the back office, with OCR and a person in the loop.", "travet"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "travet 0.1.0");
  std::function<int()> chosen;
  for (const auto& command : kCommands) {
    CLI::App* cmd = app.add_subcommand(command.name, command.summary);
    auto run = command.setup(*cmd);
    cmd->callback([&chosen, run] { chosen = run; });
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kExitInvalid;
  }
  return chosen ? chosen() : kExitInvalid;
}

}  // namespace
}  // namespace travet::cli

int main(int argc, char** argv) {
  // Numbers are written and read the C way whatever the user's locale.
  std::setlocale(LC_ALL, "C");
  return travet::cli::Main(argc, argv);
}
