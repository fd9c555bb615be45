#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <vector>

#include "runtime/core/result.h"
#include "runtime/lang/model.h"

namespace travet::schedule {

// The most missed fires `catch_up: all` starts at once: a server down for a
// weekend does not start a hundred runs of an every-15-minutes bot; the
// oldest beyond this are dropped, and counted.
inline constexpr int kMaxCatchUpFires = 100;

// The first fire strictly after an instant, or why there is none: NextFire
// bound to a trigger's calendar. A NotFound error means "no more fires".
using NextFireFunction = std::function<Result<std::chrono::sys_seconds>(std::chrono::sys_seconds)>;

// What to do, when a server starts, about the fires of a trigger that came
// while none ran.
struct CatchUpPlan {
  std::vector<std::chrono::sys_seconds> start;  // missed fires to start now, oldest first
  long long dropped = 0;                        // missed fires not started
};

// The fires missed between `last_fire` (the scheduled time of the last fire
// started; nullopt for a trigger that never fired, which missed nothing) and
// `now`, and which of them to start per `policy`: none of them (kNone), the
// most recent (kLast), or all of them, the kMaxCatchUpFires most recent when
// there are more (kAll). A fire at exactly `now` is due, not missed: the
// scheduler starts it as usual. Pure: `next` is the only source of times, and
// is called once per missed fire. Errors: those of `next` other than
// NotFound, and Internal when `next` does not move forward.
Result<CatchUpPlan> PlanCatchUp(lang::CatchUp policy,
                                std::optional<std::chrono::sys_seconds> last_fire,
                                std::chrono::sys_seconds now, const NextFireFunction& next);

}  // namespace travet::schedule
