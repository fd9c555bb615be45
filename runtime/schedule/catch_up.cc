#include "runtime/schedule/catch_up.h"

#include <deque>

namespace travet::schedule {
namespace {

using std::chrono::sys_seconds;

// How many of the missed fires a policy starts.
size_t FiresKept(lang::CatchUp policy) {
  switch (policy) {
    case lang::CatchUp::kNone:
      return 0;
    case lang::CatchUp::kLast:
      return 1;
    case lang::CatchUp::kAll:
      return kMaxCatchUpFires;
  }
  return 0;
}

}  // namespace

Result<CatchUpPlan> PlanCatchUp(lang::CatchUp policy, std::optional<sys_seconds> last_fire,
                                sys_seconds now, const NextFireFunction& next) {
  CatchUpPlan plan;
  if (!last_fire)
    return plan;
  const size_t keep = FiresKept(policy);
  std::deque<sys_seconds> kept;  // the most recent missed fires, oldest first
  long long missed = 0;
  for (sys_seconds after = *last_fire;;) {
    auto fire = next(after);
    if (!fire && fire.error().code() == StatusCode::kNotFound)
      break;
    if (!fire)
      return fire.error();
    if (*fire <= after)
      return Internal("the next fire after a fire is not later than it");
    if (*fire >= now)
      break;
    ++missed;
    kept.push_back(*fire);
    if (kept.size() > keep)
      kept.pop_front();
    after = *fire;
  }
  plan.start.assign(kept.begin(), kept.end());
  plan.dropped = missed - static_cast<long long>(plan.start.size());
  return plan;
}

}  // namespace travet::schedule
