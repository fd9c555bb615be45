#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/core/result.h"
#include "runtime/store/review_types.h"
#include "runtime/store/sqlite/connection.h"

namespace travet::store::sqlite {

// The columns ReadTask expects, in order, for "SELECT <kTaskColumns> FROM
// review_tasks ...".
extern const std::string_view kTaskColumns;

// The task in the current row of `q` (selected with kTaskColumns), as stored:
// a lapsed claim still reads kClaimed. kInternal for a damaged row.
Result<ReviewTask> ReadTask(const Query& q, const std::string& path);

// Every task `q` yields.
Result<std::vector<ReviewTask>> ReadTasks(Query& q, const std::string& path);

// The stored task `id`; kNotFound "no task 't-9'" when there is none.
Result<ReviewTask> LoadTask(Connection& db, std::string_view id);

// Writes the fields a claim, decision, escalation or expiry changes (state,
// claim, decision, first approver, queue, priority, escalated_at) back to the
// row of `task.id`.
Status SaveTaskState(Connection& db, const ReviewTask& task);

// Appends `entries` to the audit log; their `seq` is ignored.
Status AppendAudit(Connection& db, const std::vector<AuditEntry>& entries);

// Changes a task by a rule of review_rules.h: what the rule did to the task,
// as audit entries; an error leaves the task as it was.
using TaskRule = std::function<Result<std::vector<AuditEntry>>(ReviewTask&)>;
// More to write in the same transaction once the task changed (e.g. its run).
using TaskFollowUp = std::function<Status(const ReviewTask&)>;

// Reads task `id`, applies `rule`, writes the task and its audit entries and
// runs `then`, in one BEGIN IMMEDIATE transaction (so racing connections each
// see the outcome of the ones before); `durable` commits with
// synchronous=FULL. Returns the changed task.
Result<ReviewTask> ChangeTaskOnce(Connection& db, std::string_view id, const TaskRule& rule,
                                  bool durable, const TaskFollowUp& then = {});

// The audit entries of task `id` in the order they were appended.
Result<std::vector<AuditEntry>> LoadAudit(Connection& db, std::string_view id);

}  // namespace travet::store::sqlite
