#include "runtime/engine/run_lease.h"

#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstdio>
#include <random>
#include <utility>

namespace travet::engine {
namespace {

std::string HostName() {
  char name[256] = {};
  if (gethostname(name, sizeof name - 1) != 0)
    return "localhost";
  return name;
}

}  // namespace

std::string NewLeaseOwner() {
  static thread_local std::mt19937_64 rng{std::random_device{}()};
  char suffix[8];
  std::snprintf(suffix, sizeof suffix, "%06llx", static_cast<unsigned long long>(rng() & 0xFFFFFF));
  return HostName() + ":" + std::to_string(getpid()) + ":" + suffix;
}

const std::string& ProcessLeaseOwner() {
  static const std::string kOwner = NewLeaseOwner();
  return kOwner;
}

bool IsDeadLocalOwner(std::string_view owner) {
  // From the right: the host name is whatever precedes pid and suffix.
  size_t last = owner.rfind(':');
  if (last == std::string_view::npos || last == 0)
    return false;
  size_t middle = owner.rfind(':', last - 1);
  if (middle == std::string_view::npos || owner.substr(0, middle) != HostName())
    return false;
  std::string_view digits = owner.substr(middle + 1, last - middle - 1);
  long long pid = 0;
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), pid);
  if (ec != std::errc() || end != digits.data() + digits.size() || pid <= 0)
    return false;
  return kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH;
}

Status CheckClaimable(const store::RunRecord& run, TimePoint now) {
  const std::string state(store::RunStateName(run.state));
  switch (run.state) {
    case store::RunState::kQueued:
      return {};
    case store::RunState::kRunning: {
      const std::optional<TimePoint> until = ParseRfc3339(run.lease_until);
      if (!until || *until <= now || IsDeadLocalOwner(run.lease_owner))
        return {};
      return FailedPrecondition("run " + run.id + " is being executed by " + run.lease_owner +
                                " until " + run.lease_until);
    }
    case store::RunState::kWaitingReview:
      return FailedPrecondition("run " + run.id +
                                " waits for a review decision; a decision queues it again");
    default:
      return FailedPrecondition("run " + run.id + " is " + state +
                                " and can no longer change; retry its failed work items or "
                                "start a new run");
  }
}

LeaseKeeper::LeaseKeeper(std::function<Status()> renew, Millis heartbeat)
    : renew_(std::move(renew)), heartbeat_(heartbeat), thread_([this] { Beat(); }) {}

LeaseKeeper::LeaseKeeper(store::Store& store, Clock& clock, const store::RunRecord& claimed,
                         LeaseTiming timing)
    : LeaseKeeper(
          [&store, &clock, id = claimed.id, attempt = claimed.attempt, owner = claimed.lease_owner,
           timing] {
            return store.RenewLease(id, attempt, {owner, clock.Now(), timing.length});
          },
          timing.heartbeat) {}

LeaseKeeper::~LeaseKeeper() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

Status LeaseKeeper::Check() const {
  std::lock_guard lock(mu_);
  return lost_;
}

void LeaseKeeper::Beat() {
  std::unique_lock lock(mu_);
  while (lost_.ok()) {
    if (wake_.wait_for(lock, heartbeat_, [this] { return stopping_; }))
      return;
    lock.unlock();
    Status renewed = renew_();
    lock.lock();
    // A busy or unreadable store may recover by the next beat; a refusal
    // (taken over, cancelled, gone) is final.
    if (renewed.code() == StatusCode::kFailedPrecondition ||
        renewed.code() == StatusCode::kNotFound) {
      lost_ = renewed;
    }
  }
}

Result<std::optional<store::RunRecord>> ClaimNextRun(store::Store& store,
                                                     const store::LeaseTerms& lease) {
  auto running = store.ListRuns({.state = store::RunState::kRunning, .limit = 0});
  if (!running)
    return running.error();
  // Oldest first, as the store's own order of claiming.
  for (auto it = running->rbegin(); it != running->rend(); ++it) {
    const store::RunRecord& run = *it;
    if (run.lease_owner.empty() || !IsDeadLocalOwner(run.lease_owner))
      continue;
    auto claimed = store.ClaimRun(run.id, lease, run.lease_owner);
    if (claimed)
      return std::optional<store::RunRecord>(std::move(*claimed));
    // Someone else took it first: look further.
  }
  return store.ClaimNextRun(lease);
}

}  // namespace travet::engine
