#include "runtime/actions/ocr_fields_file.h"

#include <algorithm>
#include <string>

#include "runtime/lang/yaml_file.h"
#include "runtime/lang/yaml_path.h"

namespace travet::actions {
namespace {

using lang::YamlNode;

bool HasKey(const YamlNode& map, std::string_view key) {
  return std::any_of(map.entries.begin(), map.entries.end(),
                     [&](const YamlNode::Entry& entry) { return entry.key.scalar == key; });
}

// "file:line:col: message" lines, in file order.
Status Located(std::vector<std::pair<lang::Location, std::string>> problems) {
  std::stable_sort(problems.begin(), problems.end(), [](const auto& a, const auto& b) {
    return std::tie(a.first.line, a.first.column) < std::tie(b.first.line, b.first.column);
  });
  std::string message;
  for (const auto& [loc, text] : problems)
    message += (message.empty() ? "" : "\n") + loc.ToString() + ": " + text;
  return InvalidArgument(message);
}

// The top-level keys of the wrapped form that are not its own.
std::vector<std::pair<lang::Location, std::string>> UnknownKeys(const YamlNode& root) {
  std::vector<std::pair<lang::Location, std::string>> problems;
  for (const auto& entry : root.entries) {
    const std::string& key = entry.key.scalar;
    if (key != "fields" && key != "min_confidence" && key != "totals" && key != "checks") {
      problems.emplace_back(
          entry.key.loc,
          "unknown key '" + key + "' (expected fields, min_confidence, checks, totals)");
    }
  }
  return problems;
}

}  // namespace

Result<ocr::FieldSet> ReadFieldsFile(const std::filesystem::path& path) {
  auto root = lang::ReadYamlFile(path);
  if (!root)
    return root.error();
  const bool wrapped = root->is_map() && HasKey(*root, "fields");
  std::vector<std::pair<lang::Location, std::string>> problems;
  Value map;
  if (wrapped) {
    problems = UnknownKeys(*root);
    map = lang::ToValue(*root);
  } else {
    map = Value{{"fields", lang::ToValue(*root)}};
  }
  ocr::FieldSetCheck check = ocr::CheckFieldSet(map);
  for (ocr::SpecProblem& problem : check.problems) {
    if (!wrapped)
      problem.path.erase(problem.path.begin());  // the "fields" put around the file
    const YamlNode& node = lang::NodeAtPath(*root, problem.path, problem.at_key);
    problems.emplace_back(node.loc, std::move(problem.message));
  }
  if (!problems.empty())
    return Located(std::move(problems));
  return std::move(check.set);
}

std::vector<lang::ParamProblem> CheckExtractParams(const Value& with) {
  std::vector<lang::ParamProblem> problems;
  for (ocr::SpecProblem& problem : ocr::CheckFieldSet(with).problems)
    problems.push_back({std::move(problem.path), problem.at_key, std::move(problem.message)});
  return problems;
}

}  // namespace travet::actions
