#pragma once

// What the KPI figures (runtime/kpi) are computed from: the runs of a period
// with their work items, review tasks and the audit entries that measure
// operators' work, read by Store::ReadKpiFacts in one snapshot. Plain rows,
// no arithmetic: runtime/kpi does that without a store.

#include <optional>
#include <string>
#include <vector>

#include "runtime/store/review_types.h"
#include "runtime/store/store.h"
#include "runtime/store/work_item.h"

namespace travet::store {

// Which runs' facts are read: those of bot `bot` (every bot when none)
// created in [since, until). Bounds are RFC 3339 UTC as the store writes
// times (FormatRfc3339); empty: unbounded.
struct KpiFilter {
  std::optional<std::string> bot{};
  std::string since{};
  std::string until{};
};

struct KpiRun {
  std::string id{};
  std::string bot{};
  std::string bot_file{};
  std::string created_at{};  // RFC 3339 UTC
  RunState state = RunState::kQueued;
};

struct KpiItem {
  std::string run_id{};
  std::string path{};       // WorkItem::Path(): "each[3]"
  std::string loop_path{};  // "each"
  ItemState state = ItemState::kPending;
  std::string outcome{};  // "duplicate: ..." for a document another item processed
};

struct KpiTask {
  std::string id{};
  std::string run_id{};
  std::string step_path{};  // "each[3].read": the item it belongs to is a prefix
  TaskState state = TaskState::kPending;
  std::string due_at{};               // empty: none
  std::string decided_at{};           // empty: undecided
  std::string escalated_at{};         // empty: never escalated
  std::vector<std::string> fields{};  // the names of its fields
};

// An audit entry of action claim, release, approve, reject or correct.
struct KpiAudit {
  std::string task_id{};
  std::string time{};  // RFC 3339 UTC
  std::string actor{};
  std::string action{};
  std::string field{};  // for correct
  std::string note{};   // "renewed" for a claim its holder renewed
};

// Runs by created_at (then id); items by run, loop and index; tasks by run
// and step; audit entries by task, in the order they were appended.
struct KpiFacts {
  std::vector<KpiRun> runs{};
  std::vector<KpiItem> items{};
  std::vector<KpiTask> tasks{};
  std::vector<KpiAudit> audit{};
};

}  // namespace travet::store
