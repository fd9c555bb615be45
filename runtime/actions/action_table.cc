#include "runtime/actions/action_table.h"

#include <algorithm>

#include "runtime/actions/file_actions.h"
#include "runtime/actions/flow_actions.h"
#include "runtime/actions/http_actions.h"
#include "runtime/actions/ocr_actions.h"
#include "runtime/actions/review_action.h"

namespace travet::actions {
namespace {

std::vector<ActionDef> BuildTable() {
  std::vector<ActionDef> table;
  for (auto family : {FileActions, FlowActions, HttpActions, OcrActions, ReviewActions}) {
    for (auto& row : family())
      table.push_back(std::move(row));
  }
  std::sort(table.begin(), table.end(),
            [](const ActionDef& a, const ActionDef& b) { return a.spec.name < b.spec.name; });
  return table;
}

}  // namespace

const std::vector<ActionDef>& ActionTable() {
  static const std::vector<ActionDef> kTable = BuildTable();
  return kTable;
}

const ActionDef* FindAction(std::string_view name) {
  const auto& table = ActionTable();
  auto it =
      std::lower_bound(table.begin(), table.end(), name,
                       [](const ActionDef& a, std::string_view n) { return a.spec.name < n; });
  return it != table.end() && it->spec.name == name ? &*it : nullptr;
}

const lang::ActionCatalog& ActionCatalog() {
  static const lang::ActionCatalog kCatalog = [] {
    lang::ActionCatalog specs;
    for (const auto& row : ActionTable())
      specs.push_back(&row.spec);
    return specs;
  }();
  return kCatalog;
}

}  // namespace travet::actions
