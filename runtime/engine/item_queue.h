#pragma once

#include <chrono>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "runtime/core/clock.h"
#include "runtime/core/result.h"
#include "runtime/core/value.h"
#include "runtime/engine/row_source.h"
#include "runtime/store/store.h"

namespace travet::engine {

// Which work item of a loop runs next here, and the row it goes through.
// Items of a loop that other workers may help with (see shared()) are taken
// as the store hands them out (Store::ClaimItem), so that each runs in one
// place; the others are taken in turn, index after index. Not thread-safe.
class ItemQueue {
 public:
  using Reopen = std::function<Result<std::unique_ptr<RowSource>>()>;

  struct Settings {
    store::Store* store = nullptr;
    std::string run_id;
    std::string loop_path;
    // Who claims the items (the run's lease owner); empty: taken in turn.
    std::string owner;
    Clock* clock = nullptr;
    // The items an earlier attempt left, by path ("each[3]"): taken in turn,
    // an item starts as it was left.
    const std::map<std::string, store::WorkItem>* known = nullptr;
    int attempt = 0;  // the run's: fences what the queue saves
  };

  struct Next {
    store::WorkItem item;
    Value value;
  };

  // `rows`, positioned at their start, outlive the queue; `reopen` gives
  // them again from the start, for a claim of an item already passed (one
  // whose worker's claim lapsed).
  ItemQueue(Settings settings, RowSource& rows, Reopen reopen);
  // Gives the items claimed ahead and not started back (pending), so that a
  // stopped loop lists them as not started and others may take them.
  ~ItemQueue();
  ItemQueue(const ItemQueue&) = delete;
  ItemQueue& operator=(const ItemQueue&) = delete;

  // Whether the items are claimed through the store: a loop at the top of
  // its bot, in a run whose executor claims items.
  bool shared() const { return shared_; }
  // How many items the loop has.
  size_t size() const { return rows_->size(); }

  // The next item to start here and its row; nullopt when none is left to
  // start (for a shared loop: none claimable now). Errors: the store, a row
  // that cannot be read.
  Result<std::optional<Next>> Take();

  // The row of item `index` (from the start again when it was passed).
  Result<Value> Row(size_t index);

  // For a shared loop: whether an item of it is running elsewhere (a
  // worker's claim); the loop is not done until it ended.
  Result<bool> RunningElsewhere();

  // For a shared loop: every item of the loop as stored, by index.
  Result<std::vector<store::WorkItem>> Stored();

 private:
  // The next item claimed for this executor, from those claimed ahead or
  // from the store; nullopt when none is claimable.
  Result<std::optional<store::WorkItem>> Claimed();

  Settings settings_;
  bool shared_ = false;
  RowSource* rows_;
  std::unique_ptr<RowSource> reopened_;
  Reopen reopen_;
  size_t position_ = 0;  // the index of the row rows_->Next() gives
  size_t next_ = 0;      // in turn: the index of the next item
  // Shared: items claimed ahead, and how many to claim at once next. Items
  // that end quickly double it (up to 64), a slow one sets it back to one,
  // so that workers helping with a batch of slow items find them pending.
  std::deque<store::WorkItem> ahead_;
  int batch_ = 1;
  std::optional<std::chrono::steady_clock::time_point> last_take_;
};

}  // namespace travet::engine
