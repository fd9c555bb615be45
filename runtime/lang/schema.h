#pragma once

#include "runtime/core/value.h"
#include "runtime/lang/action_spec.h"

namespace travet::lang {

// The JSON Schema (draft 2020-12) of the bot language, with one `if/then`
// rule per action so that editors check `with` against the action named in
// `uses`. Printed by `travet schema`; generated from the same catalog the
// loader checks against, so the two cannot disagree.
Value BotJsonSchema(const ActionCatalog& actions);

}  // namespace travet::lang
