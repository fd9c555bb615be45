#pragma once

#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>

#include "runtime/core/clock.h"
#include "runtime/core/result.h"
#include "runtime/store/store.h"

namespace travet::engine {

// A new lease owner for this process: "host:pid:random" (6 random hex
// digits, so a reused pid is still another owner).
std::string NewLeaseOwner();
// The owner this process claims runs as, made once by NewLeaseOwner.
const std::string& ProcessLeaseOwner();

// Whether `owner` ("host:pid:random") names a process on this host that no
// longer exists (same hostname, kill(pid, 0) fails with ESRCH). False for
// another host, a living process (a zombie counts as living) and a text that
// is not an owner.
bool IsDeadLocalOwner(std::string_view owner);

// How long a claim holds without renewal, and how often it is renewed.
struct LeaseTiming {
  Millis length{30000};
  Millis heartbeat{10000};
};

// Keeps the lease of a claimed run (or work item) alive: renews it from a
// background thread every `heartbeat` (wall time) until destroyed. Once the
// store refuses a renewal (taken over, cancelled) it stops renewing and Check
// reports the refusal. Transient store errors are tried again at the next
// beat. Check is thread-safe.
class LeaseKeeper {
 public:
  // Renews with `renew`, which returns the store's answer.
  LeaseKeeper(std::function<Status()> renew, Millis heartbeat);
  // Renews the lease of `claimed` for `timing.length` at each beat.
  LeaseKeeper(store::Store& store, Clock& clock, const store::RunRecord& claimed,
              LeaseTiming timing);
  ~LeaseKeeper();
  LeaseKeeper(const LeaseKeeper&) = delete;
  LeaseKeeper& operator=(const LeaseKeeper&) = delete;

  // Ok while the lease is held; the store's refusal once it was lost.
  Status Check() const;

 private:
  void Beat();

  std::function<Status()> renew_;
  Millis heartbeat_;
  mutable std::mutex mu_;
  std::condition_variable wake_;
  bool stopping_ = false;
  Status lost_;
  std::thread thread_;  // last: started once the members above exist
};

// Ok when a worker's ClaimNextRun will take run `run`: it is queued, or
// running with a lease that lapsed by `now` or held by a dead process of
// this host. Else kFailedPrecondition saying who has it or what it waits
// for: "run r-1 is being executed by H:P:X until T", "run r-1 waits for a
// review decision", "run r-1 is failed and can no longer change".
Status CheckClaimable(const store::RunRecord& run, TimePoint now);

// Claims the next run for a worker owning `lease.owner`: first a running
// run whose lease holder is a dead process on this host (at once, without
// waiting for its lease to lapse), else Store::ClaimNextRun. nullopt when
// nothing is claimable.
Result<std::optional<store::RunRecord>> ClaimNextRun(store::Store& store,
                                                     const store::LeaseTerms& lease);

}  // namespace travet::engine
