#include "runtime/engine/item_queue.h"

#include <algorithm>
#include <utility>

namespace travet::engine {
namespace {

// A loop at the top of the bot: a worker reaches it by replaying the run's
// checkpoints of the steps before it (RunClaimedItem). One inside another
// step is left to the run's executor.
bool AtTop(const std::string& loop_path) {
  return loop_path.find_first_of(".[") == std::string::npos;
}

}  // namespace

ItemQueue::ItemQueue(Settings settings, RowSource& rows, Reopen reopen)
    : settings_(std::move(settings)),
      shared_(!settings_.owner.empty() && AtTop(settings_.loop_path)),
      rows_(&rows),
      reopen_(std::move(reopen)) {}

ItemQueue::~ItemQueue() {
  if (ahead_.empty())
    return;
  std::vector<store::WorkItem> back(ahead_.begin(), ahead_.end());
  for (auto& item : back) {
    item.state = store::ItemState::kPending;
    item.owner.clear();
  }
  // Refused when the run or an item was taken over since: then the new
  // holder has them already.
  (void)settings_.store->SaveWorkItems(settings_.run_id, back, settings_.attempt);
}

Result<std::optional<ItemQueue::Next>> ItemQueue::Take() {
  store::WorkItem item;
  if (shared_) {
    auto claimed = Claimed();
    if (!claimed || !*claimed)
      return claimed ? Result<std::optional<Next>>(std::nullopt) : claimed.error();
    item = std::move(**claimed);
  } else {
    if (next_ == rows_->size())
      return std::optional<Next>();
    item.index = static_cast<int>(next_++);
    item.loop_path = settings_.loop_path;
    if (settings_.known) {
      if (auto known = settings_.known->find(item.Path()); known != settings_.known->end())
        item = known->second;
    }
    item.loop_path = settings_.loop_path;
    item.index = static_cast<int>(next_ - 1);
  }
  Result<Value> value = Row(static_cast<size_t>(item.index));
  if (!value)
    return value.error().WithContext("'foreach' of " + settings_.loop_path);
  return std::optional<Next>(Next{std::move(item), std::move(*value)});
}

Result<std::optional<store::WorkItem>> ItemQueue::Claimed() {
  // An item that ended within this took little enough for a transaction
  // per item to matter (about 0.2 ms each); measured by the time between takes.
  constexpr auto kQuick = std::chrono::milliseconds(20);
  constexpr int kMostAhead = 64;
  const auto now = std::chrono::steady_clock::now();
  if (last_take_)
    batch_ = now - *last_take_ < kQuick ? std::min(2 * batch_, kMostAhead) : 1;
  last_take_ = now;
  if (ahead_.empty()) {
    auto claim = settings_.store->ClaimItem({.run_id = settings_.run_id,
                                             .loop_path = settings_.loop_path,
                                             .owner = settings_.owner,
                                             .now = settings_.clock->Now(),
                                             .count = batch_});
    if (!claim)
      return claim.error();
    if (!*claim)
      return std::optional<store::WorkItem>();
    ahead_.push_back(std::move((*claim)->item));
    for (auto& more : (*claim)->more)
      ahead_.push_back(std::move(more));
  }
  store::WorkItem item = std::move(ahead_.front());
  ahead_.pop_front();
  return std::optional<store::WorkItem>(std::move(item));
}

Result<Value> ItemQueue::Row(size_t index) {
  if (index >= rows_->size())
    return FailedPrecondition("item " + std::to_string(index) + " is past the loop's " +
                              std::to_string(rows_->size()) + " rows");
  if (index < position_) {
    auto again = reopen_();
    if (!again)
      return again.error();
    reopened_ = std::move(*again);
    rows_ = reopened_.get();
    position_ = 0;
  }
  for (; position_ < index; ++position_) {
    auto skipped = rows_->Next();
    if (!skipped)
      return skipped.error();
  }
  auto row = rows_->Next();
  if (!row)
    return row.error();
  ++position_;
  return **row;
}

Result<bool> ItemQueue::RunningElsewhere() {
  auto running = settings_.store->ListWorkItems(
      settings_.run_id, {.state = store::ItemState::kRunning, .loop_path = settings_.loop_path});
  if (!running)
    return running.error();
  return !running->empty();
}

Result<std::vector<store::WorkItem>> ItemQueue::Stored() {
  return settings_.store->ListWorkItems(settings_.run_id, {.loop_path = settings_.loop_path});
}

}  // namespace travet::engine
