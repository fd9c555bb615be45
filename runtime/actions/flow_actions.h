#pragma once

#include <vector>

#include "runtime/actions/action.h"

namespace travet::actions {

// The actions that steer a run rather than touch the outside world:
// `set` (variables), `log`, `fail` and `script` (a Lua chunk).
std::vector<ActionDef> FlowActions();

}  // namespace travet::actions
