#pragma once

#include <string_view>
#include <vector>

#include "runtime/actions/action.h"
#include "runtime/lang/action_spec.h"

namespace travet::actions {

// Every action, sorted by name: the one registry, and the text of
// `travet actions` and `travet schema`. Built on first use.
const std::vector<ActionDef>& ActionTable();

// The action named `name`, or nullptr.
const ActionDef* FindAction(std::string_view name);

// The specs of ActionTable(), for the loader and the schema.
const lang::ActionCatalog& ActionCatalog();

}  // namespace travet::actions
