#pragma once

#include <vector>

#include "runtime/actions/action.h"

namespace travet::actions {

// The `review` action: puts fields in front of a person and suspends the run
// until they decide. Its output is the decision.
std::vector<ActionDef> ReviewActions();

}  // namespace travet::actions
