// A `foreach` with `items: true`: each iteration is a work item with its own
// state, saved in the store. An item that waits for a person parks itself
// only; an item that fails fails itself only (up to `max_failures`). The loop
// completes once every item is finished.
#include <thread>

#include "runtime/engine/step_runner.h"

namespace travet::engine {
namespace {

// How the items of one loop stand.
struct ItemTally {
  long long succeeded = 0, failed = 0, waiting = 0;
  std::vector<std::string> waiting_keys;  // the first few, for the run's message

  void Add(const store::WorkItem& item) {
    if (item.state == store::ItemState::kSucceeded) {
      ++succeeded;
    } else if (item.state == store::ItemState::kFailed) {
      ++failed;
    } else {
      ++waiting;
      if (waiting_keys.size() < 3)
        waiting_keys.push_back(item.key);
    }
  }
};

std::string WaitingMessage(const ItemTally& tally, size_t count) {
  std::string keys;
  for (const auto& key : tally.waiting_keys)
    keys += (keys.empty() ? "" : ", ") + key;
  if (static_cast<size_t>(tally.waiting) > tally.waiting_keys.size())
    keys += ", ...";
  return "waiting for review of " + std::to_string(tally.waiting) + " of " + std::to_string(count) +
         " items (" + keys + ")";
}

std::string FailureLimitText(const lang::FailureLimit& limit) {
  std::string number = std::to_string(limit.value);
  number.erase(number.find_last_not_of('0') + 1);  // 10.000000 -> 10.
  if (number.back() == '.')
    number.pop_back();
  return number + (limit.percent ? "%" : "");
}

}  // namespace

Status StepRunner::RunItems(const lang::Step& step, const std::string& path, RowSource& rows) {
  // Workers that help with the items replay the steps before the loop from
  // their checkpoints: those must be saved before any item can be claimed.
  if (!Flush().ok() || !RecordItemsToDo(path, rows.size()).ok())
    return interrupted_.ok() ? unsaved_ : interrupted_;
  ItemQueue queue({.store = deps_.store,
                   .run_id = deps_.run_id,
                   .loop_path = path,
                   .owner = deps_.item_owner,
                   .clock = deps_.clock,
                   .known = &deps_.items,
                   .attempt = deps_.attempt},
                  rows, [this, &step, &path] { return LoopRows(step, path); });
  auto items = step.concurrency > 1 && rows.size() > 1 ? RunItemsAtOnce(step, queue)
                                                       : RunItemsInTurn(step, queue);
  if (!items)  // an interruption is returned as it is; a row that failed, handled
    return HandleFailure(step, path, items.error());
  return ConcludeItems(step, path, *items);
}

Result<std::vector<store::WorkItem>> StepRunner::RunItemsInTurn(const lang::Step& step,
                                                                ItemQueue& queue) {
  const Value* outer = scope_.Find(step.as);
  // Each item starts from the vars the loop began with, as it would in
  // another executor or on another worker: an item is a unit of its own.
  const Value vars = data_.vars;
  std::vector<store::WorkItem> ran;
  for (;;) {
    auto next = NextItem(queue);
    Status s = next ? Status::Ok() : next.error();
    if (s.ok() && !*next)
      break;
    if (s.ok()) {
      data_.vars = vars;
      BindLoopVar(step.as, &(*next)->value);
      s = RunItem(step, (*next)->value, (*next)->item);  // not ok: interrupted, the run stops here
      ran.push_back(std::move((*next)->item));
    }
    if (!s.ok()) {
      BindLoopVar(step.as, outer);
      return s;
    }
  }
  BindLoopVar(step.as, outer);
  data_.vars = vars;
  return LoopItems(queue, std::move(ran));
}

Result<std::optional<ItemQueue::Next>> StepRunner::NextItem(ItemQueue& queue, std::mutex* lock) {
  constexpr Millis kPoll{100};
  for (;;) {
    Result<bool> elsewhere = false;
    {
      std::unique_lock guard = lock ? std::unique_lock(*lock) : std::unique_lock<std::mutex>();
      auto next = queue.Take();
      if (next && *next && (*next)->item.claims > 1) {
        Status loaded = LoadCheckpointsOf((*next)->item);
        if (!loaded.ok())
          return loaded;
      }
      if (!next || *next || !queue.shared())
        return next;
      // Items finished here and not saved yet would look running elsewhere.
      if (!Flush().ok())
        return unsaved_;
      elsewhere = queue.RunningElsewhere();
    }
    if (!elsewhere)
      return elsewhere.error();
    if (!*elsewhere)
      return std::optional<ItemQueue::Next>();
    // Another worker runs an item of this loop: the loop ends when it does,
    // or its claim lapses and the item comes back here.
    if (deps_.interrupt && interrupted_.ok())
      interrupted_ = deps_.interrupt();
    if (!interrupted_.ok())
      return interrupted_;
    std::this_thread::sleep_for(kPoll);  // real time: the others run in it
  }
}

Status StepRunner::LoadCheckpointsOf(const store::WorkItem& item) {
  auto checkpoints = deps_.store->LoadCheckpoints(deps_.run_id);
  if (!checkpoints)
    return checkpoints.error();
  const std::string prefix = item.Path() + ".";
  for (auto& cp : *checkpoints) {
    if (cp.step_path.starts_with(prefix))
      deps_.done.insert_or_assign(cp.step_path, std::move(cp));
  }
  return Status::Ok();
}

Result<std::vector<store::WorkItem>> StepRunner::LoopItems(ItemQueue& queue,
                                                           std::vector<store::WorkItem> ran) {
  if (queue.shared()) {
    (void)Flush();  // the store's rows must hold what ran here
    if (!unsaved_.ok())
      return unsaved_;
    return queue.Stored();
  }
  return ran;
}

Status StepRunner::ConcludeItems(const lang::Step& step, const std::string& path,
                                 const std::vector<store::WorkItem>& items) {
  ItemTally tally;
  Value entries = Value::array();
  for (const auto& item : items) {
    tally.Add(item);
    entries.push_back(store::WorkItemJson(item));
  }
  const size_t count = items.size();
  Value output = {{"count", count},
                  {"succeeded", tally.succeeded},
                  {"failed", tally.failed},
                  {"waiting", tally.waiting},
                  {"items", std::move(entries)}};
  if (!step.id.empty())
    data_.steps[step.id] = std::move(output);
  if (tally.waiting > 0) {
    (void)Flush();
    return Suspended(WaitingMessage(tally, count));
  }
  if (tally.failed > 0) {
    deps_.log->Write(LogLevel::kWarning, path,
                     std::to_string(tally.failed) + " of " + std::to_string(count) +
                         " items failed (see travet runs items " + deps_.run_id + ")");
  }
  if (step.max_failures &&
      step.max_failures->ExceededBy(tally.failed, static_cast<long long>(count))) {
    Status failure = Failed(std::to_string(tally.failed) + " of " + std::to_string(count) +
                            " items failed, more than max_failures " +
                            FailureLimitText(*step.max_failures) + " allows");
    if (!step.continue_on_error)
      return failure;
    deps_.log->Write(LogLevel::kWarning, path, failure.message() + "; continuing");
  }
  return Status::Ok();
}

Status StepRunner::RunItem(const lang::Step& step, const Value& value, store::WorkItem& item) {
  if (store::IsFinal(item.state))
    return Status::Ok();  // done in an earlier attempt: neither run nor replayed
  const std::string item_path = item.Path();
  // The outputs of this item's steps only: none left over from the item before.
  for (const auto& inner : step.steps) {
    if (!inner.id.empty())
      data_.steps.erase(inner.id);
  }
  ++item.attempts;
  if (item.started_at.empty())
    item.started_at = FormatRfc3339(deps_.clock->Now());
  Result<std::string> key = ItemKey(step, value, item);
  // Stored, so masked like a checkpoint: the store never holds a secret.
  const SecretMask& mask = deps_.log->mask();
  item.key = mask.Mask(key ? *key : std::to_string(item.index));
  if (key && step.unique) {
    Result<bool> duplicate = EndIfDuplicate(item);
    if (!duplicate) {
      Unsaved(item_path, "work item", duplicate.error());
      return interrupted_;
    }
    if (*duplicate)
      return Status::Ok();
  }
  Status s = key ? RunBlock(step.steps, item_path + ".") : key.error();
  if (!interrupted_.ok())
    return interrupted_;
  item.output = Value::object();
  for (const auto& inner : step.steps) {
    if (!inner.id.empty() && data_.steps.contains(inner.id))
      item.output[inner.id] = data_.steps[inner.id];
  }
  if (!mask.empty())
    (void)MaskStrings(item.output, mask);
  item.error.clear();
  if (s.ok() || s.code() == StatusCode::kStopped) {
    item.state = store::ItemState::kSucceeded;
    item.outcome = s.ok() ? "" : s.message();
  } else if (s.code() == StatusCode::kSuspended) {
    item.state = store::ItemState::kWaitingReview;
  } else {
    item.state = store::ItemState::kFailed;
    item.error = deps_.log->mask().Mask(s.message());
    if (!step.on_error.empty()) {
      // The loop's handler runs for each failed item; the item stays failed.
      Status handled = RunHandler(step.on_error, item_path + ".on_error", s);
      if (!interrupted_.ok())
        return interrupted_;
      if (!handled.ok() && !IsWaitOrStop(handled)) {
        deps_.log->Write(LogLevel::kError, item_path + ".on_error",
                         "handler failed: " + handled.message());
      }
    }
  }
  if (store::IsFinal(item.state))
    item.finished_at = FormatRfc3339(deps_.clock->Now());
  SaveItem(item);
  return Status::Ok();
}

Result<bool> StepRunner::EndIfDuplicate(store::WorkItem& item) {
  item.state = store::ItemState::kRunning;
  auto holder = deps_.store->TakeItemKey(deps_.run_id, item, deps_.attempt);
  if (!holder)
    return holder.error();
  if (!*holder)
    return false;
  const store::KeyHolder& other = **holder;
  const bool done = other.item.state == store::ItemState::kSucceeded;
  item.state = store::ItemState::kSucceeded;
  item.outcome =
      "duplicate: " + item.key + (done ? " was processed by " : " is being processed by ") +
      (other.run_id == deps_.run_id ? "item " + other.item.Path() + " of this run"
                                    : "run " + other.run_id + " (" + other.item.Path() + ")");
  item.finished_at = FormatRfc3339(deps_.clock->Now());
  deps_.log->Write(LogLevel::kInfo, item.Path(), item.outcome);
  SaveItem(item);
  return true;
}

Result<std::string> StepRunner::ItemKey(const lang::Step& step, const Value& value,
                                        const store::WorkItem& item) {
  if (!step.key_expr.empty()) {
    Result<Value> key = deps_.evaluator->Render(Value(step.key_expr), scope_);
    if (!key)
      return key.error().WithContext("'key' of " + item.Path());
    return key->is_string() ? key->get<std::string>() : key->dump();
  }
  if (value.is_string())
    return value.get<std::string>();
  // A file from file.list is named by its path.
  if (value.is_object() && value.contains("path") && value["path"].is_string())
    return value["path"].get<std::string>();
  if (value.is_number())
    return value.dump();
  return std::to_string(item.index);
}

Status StepRunner::RecordItemsToDo(const std::string& path, size_t count) {
  const std::string first = path + "[";
  auto known = deps_.items.lower_bound(first);
  if (known != deps_.items.end() && known->first.starts_with(first))
    return Status::Ok();  // recorded by an earlier attempt
  // Saved in slices: a streamed table may have a million rows.
  constexpr size_t kSlice = 4096;
  std::vector<store::WorkItem> slice;
  for (size_t i = 0; i < count; ++i) {
    slice.push_back({.loop_path = path, .index = static_cast<int>(i)});
    if (slice.size() == kSlice || i + 1 == count) {
      Status saved = deps_.store->SaveWorkItems(deps_.run_id, slice, deps_.attempt);
      if (!saved.ok()) {
        Unsaved(slice.front().Path(), "work item", saved);
        return saved;
      }
      slice.clear();
    }
  }
  return Status::Ok();
}

void StepRunner::SaveItem(const store::WorkItem& item) {
  pending_items_.push_back(item);
  constexpr size_t kBatch = 256;
  // A parked or failed item is saved at once: a person is about to look.
  if (item.state != store::ItemState::kSucceeded || pending_items_.size() >= kBatch)
    (void)Flush();
}

}  // namespace travet::engine
