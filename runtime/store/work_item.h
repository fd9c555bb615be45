#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "runtime/core/value.h"

namespace travet::store {

// pending → running → (waiting_review → running)* → succeeded | failed
enum class ItemState { kPending, kRunning, kWaitingReview, kSucceeded, kFailed };

// "pending", "running", "waiting_review", "succeeded" or "failed".
std::string_view ItemStateName(ItemState state);
// The state named `name` (as ItemStateName spells it); nullopt when unknown.
std::optional<ItemState> ParseItemState(std::string_view name);
// Whether `state` is succeeded or failed: the item's work is over.
bool IsFinal(ItemState state);

// One iteration of a `foreach` with `items: true`: a document (a row, a
// record) that is its own unit of work, with its own state, so that one item
// waiting for a person or failing holds up no other.
struct WorkItem {
  std::string loop_path{};  // the loop step's path, e.g. "each"
  int index = 0;            // position in the loop's list
  std::string key{};        // names the item to people: a file name, a record id
  ItemState state = ItemState::kPending;
  int attempts = 0;           // how many times its steps were started
  int retries = 0;            // how many times a person sent it back (runs retry)
  std::string error{};        // why it failed, masked
  std::string outcome{};      // set by a `stop` step, e.g. "skipped: not an application"
  Value output{};             // the outputs of its steps that have an id, by id
  std::string started_at{};   // RFC 3339 UTC; empty until it first ran
  std::string finished_at{};  // empty until succeeded or failed
  // Who runs it while it is running (a lease owner), and until when a
  // worker's claim holds; empty: under the lease of the run's holder.
  std::string owner{};
  std::string lease_until{};
  int claims = 0;      // how often it was claimed: fences an executor that lost it
  int claimed_in = 0;  // the run's attempt when it was last claimed

  // "each[3]": the prefix of the paths of its steps.
  std::string Path() const { return loop_path + "[" + std::to_string(index) + "]"; }
};

// The JSON form of `item` that the loop's output, `travet runs items --json`
// and `runs show --json` give: {loop, index, key, state, attempts, retries,
// error, outcome, output, started_at, finished_at}; text not set is null.
Value WorkItemJson(const WorkItem& item);

// The work item that holds a key of a loop with `unique: true`
// (Store::TakeItemKey).
struct KeyHolder {
  std::string run_id{};
  WorkItem item{};
};

// Which work items ListWorkItems returns.
struct ItemFilter {
  std::optional<ItemState> state{};
  std::optional<std::string> loop_path{};  // the items of this loop only
};

}  // namespace travet::store
