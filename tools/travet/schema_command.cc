#include <iomanip>
#include <iostream>

#include "runtime/actions/action_table.h"
#include "runtime/lang/schema.h"
#include "tools/travet/command.h"

namespace travet::cli {

std::function<int()> SetupSchema(CLI::App& cmd) {
  cmd.footer(
      "Save it and point your editor's YAML extension at it, e.g. "
      "# yaml-language-server: $schema=travet.schema.json");
  return [] {
    std::cout << lang::BotJsonSchema(actions::ActionCatalog()).dump(2) << "\n";
    return kExitOk;
  };
}

namespace {

// The action table as `travet actions --json` prints it.
Value ActionTableJson() {
  Value list = Value::array();
  for (const auto& row : actions::ActionTable()) {
    Value params = Value::array();
    for (const auto& p : row.spec.params) {
      params.push_back({{"name", p.name},
                        {"type", std::string(lang::ParamTypeName(p.type))},
                        {"required", p.required},
                        {"description", p.description}});
    }
    list.push_back({{"name", row.spec.name},
                    {"summary", row.spec.summary},
                    {"params", params},
                    {"outputs", row.spec.outputs},
                    {"side_effect", row.side_effect}});
  }
  return list;
}

void PrintActionTable() {
  for (const auto& row : actions::ActionTable()) {
    std::cout << std::left << std::setw(14) << row.spec.name << " " << row.spec.summary << "\n";
    for (const auto& p : row.spec.params) {
      std::cout << "    " << std::setw(16) << p.name << std::setw(10) << lang::ParamTypeName(p.type)
                << (p.required ? " required  " : "           ") << p.description << "\n";
    }
    if (!row.spec.outputs.empty())
      std::cout << "    -> " << row.spec.outputs << "\n";
  }
}

}  // namespace

std::function<int()> SetupActions(CLI::App& cmd) {
  auto json = std::make_shared<bool>(false);
  cmd.add_flag("--json", *json, "Print the table as JSON");
  return [json] {
    if (*json)
      std::cout << ActionTableJson().dump(2) << "\n";
    else
      PrintActionTable();
    return kExitOk;
  };
}

}  // namespace travet::cli
