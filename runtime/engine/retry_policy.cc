#include "runtime/engine/retry_policy.h"

#include <algorithm>

namespace travet::engine {

bool ShouldRetry(const lang::RetryPolicy& policy, const Status& status, int attempt) {
  return !status.ok() && status.retryable() && attempt < policy.attempts;
}

Millis RetryDelay(const lang::RetryPolicy& policy, int attempt) {
  if (policy.backoff == lang::Backoff::kFixed)
    return std::min(policy.delay, policy.max_delay);
  long long factor = 1LL << std::min(attempt - 1, 30);
  long long ms = policy.delay.count();
  if (ms > 0 && factor > policy.max_delay.count() / ms)
    return policy.max_delay;
  return std::min(Millis(ms * factor), policy.max_delay);
}

}  // namespace travet::engine
