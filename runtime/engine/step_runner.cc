#include "runtime/engine/step_runner.h"

#include "runtime/actions/action_table.h"
#include "runtime/actions/csv_rows.h"
#include "runtime/engine/large_output.h"
#include "runtime/engine/retry_policy.h"

namespace travet::engine {
namespace {

bool Truthy(const Value& v) {
  if (v.is_null())
    return false;
  if (v.is_boolean())
    return v.get<bool>();
  if (v.is_string()) {
    const auto& s = v.get_ref<const std::string&>();
    return !s.empty() && s != "false";
  }
  return true;  // numbers, lists and maps, as in Lua
}

Value ErrorValue(const Status& failure, const std::string& path) {
  return {{"message", failure.message()},
          {"step", path},
          {"code", std::string(StatusCodeName(failure.code()))}};
}

// The failure a checkpoint recorded, with the code its output kept.
Status RecordedFailure(const store::Checkpoint& done) {
  std::string code;
  if (done.output.is_object() && done.output.contains("code") && done.output["code"].is_string())
    code = done.output["code"].get<std::string>();
  return {ParseStatusCode(code), done.error};
}

std::string FormatMillis(Millis d) {
  if (d.count() < 1000)
    return std::to_string(d.count()) + "ms";
  return std::to_string(d.count() / 1000) + "." + std::to_string(d.count() % 1000 / 100) + "s";
}

// The deadline that a step's `timeout:` sets from now; none without one.
expr::Deadline StepDeadline(const lang::Step& step, const Clock* clock) {
  if (!step.timeout)
    return {};
  return {clock, clock->Now() + *step.timeout};
}

Status TookTooLong(const lang::Step& step, const std::string& path) {
  return Timeout(path + " took longer than its timeout of " + FormatMillis(*step.timeout));
}

// Whether `failure` came of the clock passing `deadline`, not of a limit.
bool PastDeadline(const Status& failure, const expr::Deadline& deadline) {
  return failure.code() == StatusCode::kTimeout && deadline.clock != nullptr &&
         deadline.clock->Now() > deadline.at;
}

// Actions return errors as values; a library exception that slips through one
// (a JSON type mismatch on an unexpected parameter value) fails the step
// instead of ending the runner with the run half done.
Result<Value> RunGuarded(const actions::ActionDef& action, const Value& params,
                         actions::ActionContext& ctx) {
  try {
    return action.run(params, ctx);
  } catch (const std::exception& e) {
    return Internal(action.spec.name + ": unexpected error: " + e.what());
  }
}

}  // namespace

std::string StepPath(const std::string& prefix, const lang::Step& step, size_t index) {
  return prefix + (step.id.empty() ? "step" + std::to_string(index + 1) : step.id);
}

StepRunner::StepRunner(StepRunnerDeps deps, RunData& data) : deps_(std::move(deps)), data_(data) {
  BindData();
}

void StepRunner::BindData() {
  scope_.Bind("inputs", &data_.inputs);
  scope_.Bind("vars", &data_.vars);
  scope_.Bind("env", &data_.env);
  scope_.Bind("secrets", &data_.secrets);
  scope_.Bind("steps", &data_.steps);
  scope_.Bind("run", &data_.run);
}

Status StepRunner::RunBlock(const std::vector<lang::Step>& steps, const std::string& prefix) {
  for (size_t i = 0; i < steps.size(); ++i) {
    TRAVET_RETURN_IF_ERROR(RunStep(steps[i], StepPath(prefix, steps[i], i)));
  }
  return Status::Ok();
}

Status StepRunner::RunStep(const lang::Step& step, const std::string& path) {
  if (std::optional<Status> restored = Restore(step, path))
    return *restored;
  replaying_ = false;  // what fails from here on fails now
  if (deps_.interrupt && interrupted_.ok())
    interrupted_ = deps_.interrupt();
  if (!interrupted_.ok())
    return interrupted_;
  if (!step.if_expr.empty()) {
    auto run = EvaluateCondition(step.if_expr);
    if (!run)
      return HandleFailure(step, path, run.error().WithContext("'if' of " + path));
    if (!*run) {
      Record(step, path, Value::object(), {.status = store::StepStatus::kSkipped});
      return Status::Ok();
    }
  }
  if (step.is_loop())
    return RunLoop(step, path);
  return RunAction(step, path);
}

std::optional<Status> StepRunner::Restore(const lang::Step& step, const std::string& path) {
  if (step.is_loop())
    return std::nullopt;  // its iterations are restored one by one
  auto it = deps_.done.find(path);
  if (it == deps_.done.end())
    return std::nullopt;
  const store::Checkpoint& done = it->second;
  if (done.rederive)
    return std::nullopt;
  if (done.status == store::StepStatus::kFailed) {
    // It ran and failed: running it again would repeat what it did (a POST
    // the backend received before it answered 500). Its failure is replayed
    // instead, so that whatever handled it (on_error, continue_on_error, the
    // loop's handler) restores in turn, and a run it failed fails again.
    replaying_ = true;
    return HandleFailure(step, path, RecordedFailure(done));
  }
  if (!step.id.empty())
    data_.steps[step.id] = done.output;
  if (step.uses == "stop")
    return Stopped(done.output.value("outcome", std::string("stopped")));
  if (step.uses == "set" && done.output.is_object()) {
    for (const auto& [name, value] : done.output.items())
      data_.vars[name] = value;
  }
  return Status::Ok();
}

Result<Value> StepRunner::EvaluateText(const std::string& text) {
  if (expr::HasExpression(text))
    return deps_.evaluator->Render(Value(text), scope_);
  return deps_.evaluator->Evaluate(text, scope_);
}

Result<bool> StepRunner::EvaluateCondition(const std::string& text) {
  auto v = EvaluateText(text);
  if (!v)
    return v.error();
  return Truthy(*v);
}

void StepRunner::BindLoopVar(const std::string& name, const Value* value) {
  if (value)
    scope_.Bind(name, value);
  else
    scope_.Unbind(name);
}

Result<std::unique_ptr<RowSource>> StepRunner::LoopRows(const lang::Step& step,
                                                        const std::string& path) {
  auto items = step.foreach_list ? deps_.evaluator->Render(*step.foreach_list, scope_)
                                 : EvaluateText(step.foreach_expr);
  if (!items)
    return items.error().WithContext("'foreach' of " + path);
  if (actions::IsRowsRef(*items))
    return StreamedLoopRows(step, path, *items);
  if (items->is_object()) {
    Value entries = Value::array();
    for (const auto& [key, value] : items->items())
      entries.push_back({{"key", key}, {"value", value}});
    *items = std::move(entries);
  }
  if (!items->is_array()) {
    return InvalidArgument("'foreach' of " + path + " must give a list, not " +
                           std::string(items->type_name()));
  }
  return ListRows(std::move(*items));
}

Result<std::unique_ptr<RowSource>> StepRunner::StreamedLoopRows(const lang::Step& step,
                                                                const std::string& path,
                                                                const Value& ref) {
  auto parsed = actions::ParseRowsRef(ref);
  if (parsed && Restorable(step, path, parsed->count))
    return NullRows(parsed->count);
  auto rows = StreamedRows(ref, deps_.work_dir);
  if (!rows)
    return rows.error().WithContext("'foreach' of " + path);
  return rows;
}

bool StepRunner::Restorable(const lang::Step& loop, const std::string& path, size_t count) const {
  for (size_t i = 0; i < count; ++i) {
    const std::string item_path = path + "[" + std::to_string(i) + "]";
    if (loop.items) {
      auto item = deps_.items.find(item_path);
      if (item == deps_.items.end() || !store::IsFinal(item->second.state))
        return false;
      continue;
    }
    for (size_t j = 0; j < loop.steps.size(); ++j) {
      const lang::Step& inner = loop.steps[j];
      auto done = deps_.done.find(StepPath(item_path + ".", inner, j));
      if (inner.is_loop() || done == deps_.done.end() || done->second.rederive ||
          done->second.status == store::StepStatus::kFailed || inner.uses == "stop") {
        return false;
      }
    }
  }
  return true;
}

Status StepRunner::RunLoop(const lang::Step& step, const std::string& path) {
  auto rows = LoopRows(step, path);
  if (!rows)
    return HandleFailure(step, path, rows.error());
  if (step.items)
    return RunItems(step, path, **rows);
  const Value* outer = scope_.Find(step.as);  // a loop inside a loop may reuse a name
  long long failed = 0;
  const size_t count = (*rows)->size();
  for (size_t i = 0; i < count; ++i) {
    std::string item_path = path + "[" + std::to_string(i) + "]";
    auto item = (*rows)->Next();
    if (!item) {
      BindLoopVar(step.as, outer);
      return HandleFailure(step, path, item.error().WithContext("'foreach' of " + path));
    }
    BindLoopVar(step.as, *item);
    Status s = RunBlock(step.steps, item_path + ".");
    if (!s.ok() && !IsWaitOrStop(s) && interrupted_.ok()) {
      ++failed;
      s = HandleFailure(step, item_path, s);
    }
    if (!s.ok()) {
      BindLoopVar(step.as, outer);
      return s;
    }
  }
  BindLoopVar(step.as, outer);
  if (!step.id.empty())
    data_.steps[step.id] = {{"count", count}, {"failed", failed}};
  return Status::Ok();
}

Status StepRunner::RunAction(const lang::Step& step, const std::string& path) {
  const actions::ActionDef* action = actions::FindAction(step.uses);
  if (!action)
    return HandleFailure(step, path, InvalidArgument("unknown action '" + step.uses + "'"));
  // A script reads its names itself; everything else is a template, whose
  // expressions count against the step's `timeout:` too.
  const expr::Deadline deadline = StepDeadline(step, deps_.clock);
  Result<Value> params = step.uses == "script"
                             ? Result<Value>(step.with)
                             : deps_.evaluator->Render(step.with, scope_, deadline);
  if (!params) {
    return HandleFailure(step, path,
                         PastDeadline(params.error(), deadline) ? TookTooLong(step, path)
                                                                : params.error().WithContext(path));
  }
  if (action->side_effect && !only_item_.empty() && !path.starts_with(only_item_)) {
    return FailedPrecondition(path + " has no checkpoint: it would run again, with " + step.uses +
                              "'s side effect, to reach " +
                              only_item_.substr(0, only_item_.size() - 1) +
                              "; left to the run's executor");
  }
  ++steps_run_;
  // What came before is saved before the world changes, or the world stays.
  if (action->side_effect && !Flush().ok())
    return unsaved_;
  TimePoint start = deps_.clock->Now();
  StepEnd end;
  end.side_effect = action->side_effect;
  Result<Value> output = AttemptWithRetries(*action, *params, step, path, end.attempts);
  Observe(step, deps_.clock->Now() - start, output);
  end.duration = std::chrono::duration_cast<Millis>(deps_.clock->Now() - start);
  if (output) {
    Status same = SameAsBefore(path, *params, *output);
    if (!same.ok())
      output = same;
  } else if (auto done = deps_.done.find(path);
             done != deps_.done.end() && done->second.output.contains("$omitted")) {
    output = output.error().WithContext(
        path + " was read again on the resume (outputs over 1 MiB are not stored)");
  }
  return Conclude(step, path, std::move(output), end);
}

void StepRunner::Observe(const lang::Step& step, TimePoint::duration took,
                         const Result<Value>& output) const {
  if (!deps_.observe)
    return;
  StepObservation seen{step.uses, std::chrono::duration<double>(took).count()};
  // ocr.read and ocr.extract list the pages they read.
  if (output && step.uses.starts_with("ocr.") && output->is_object() && output->contains("pages") &&
      (*output)["pages"].is_array()) {
    seen.pages = static_cast<long long>((*output)["pages"].size());
  }
  deps_.observe(seen);
}

Result<Value> StepRunner::AttemptWithRetries(const actions::ActionDef& action, const Value& params,
                                             const lang::Step& step, const std::string& path,
                                             int& attempt) {
  attempt = 1;
  Result<Value> output = Attempt(action, params, step, path);
  lang::RetryPolicy policy = step.retry.value_or(lang::RetryPolicy{});
  while (!output && ShouldRetry(policy, output.error(), attempt)) {
    Millis delay = RetryDelay(policy, attempt);
    deps_.log->Write(LogLevel::kWarning, path,
                     "attempt " + std::to_string(attempt) + " of " +
                         std::to_string(policy.attempts) + " failed: " + output.error().message() +
                         "; retrying in " + FormatMillis(delay));
    deps_.clock->SleepFor(delay);
    ++attempt;
    output = Attempt(action, params, step, path);
  }
  return output;
}

Status StepRunner::Conclude(const lang::Step& step, const std::string& path, Result<Value> output,
                            StepEnd end) {
  if (!output && output.error().code() == StatusCode::kSuspended) {
    // Not a failure: the run waits here and this step runs again on resume.
    (void)Flush();
    deps_.log->Write(LogLevel::kInfo, path, output.error().message());
    return output.error();
  }
  if (!output && output.error().code() == StatusCode::kStopped) {
    // Not a failure either: the item or run ends here, as the bot asked.
    deps_.log->Write(LogLevel::kInfo, path, "stopped: " + output.error().message());
    end.side_effect = true;  // saved at once: what follows is not run again
    Record(step, path, {{"outcome", output.error().message()}}, end);
    return output.error();
  }
  if (!output) {
    Value code = {{"code", std::string(StatusCodeName(output.error().code()))}};
    end.status = store::StepStatus::kFailed;
    end.error = output.error().message();
    Record(step, path, std::move(code), end);
    return HandleFailure(step, path, output.error());
  }
  // Progress for a terminal; not stored.
  deps_.log->Write(LogLevel::kDebug, path, step.uses + " done in " + FormatMillis(end.duration));
  Record(step, path, std::move(*output), end);
  return Status::Ok();
}

Result<Value> StepRunner::Attempt(const actions::ActionDef& action, const Value& params,
                                  const lang::Step& step, const std::string& path) {
  actions::ActionContext ctx;
  ctx.run_id = deps_.run_id;
  ctx.step_path = path;
  ctx.idempotency_key = deps_.run_id + ":" + path + deps_.key_suffix;
  ctx.work_dir = deps_.work_dir;
  ctx.deadline = StepDeadline(step, deps_.clock).at;
  ctx.clock = deps_.clock;
  ctx.logger = &deps_.log->logger();
  ctx.http = deps_.http;
  ctx.evaluator = deps_.evaluator;
  ctx.scope = &scope_;
  ctx.vars = &data_.vars;
  ctx.review = deps_.review;
  ctx.ocr = deps_.ocr;
  deps_.log->set_current_step(path);
  Result<Value> out = RunGuarded(action, params, ctx);
  // An action stopped at the deadline (a script) failed with kTimeout; one
  // that returned late succeeded too late. Either way the step took too long.
  const bool finished_or_stopped = out || out.error().code() == StatusCode::kTimeout;
  if (finished_or_stopped && step.timeout && deps_.clock->Now() > ctx.deadline) {
    return TookTooLong(step, path);
  }
  return out;
}

Status StepRunner::SameAsBefore(const std::string& path, const Value& params,
                                const Value& output) const {
  auto done = deps_.done.find(path);
  if (done == deps_.done.end() || !done->second.rederive)
    return Status::Ok();
  std::string what = path;
  if (params.is_object() && params.contains("path") && params["path"].is_string())
    what += ": '" + params["path"].get<std::string>() + "'";
  return SameRead(what, done->second.output, output);
}

Status StepRunner::HandleFailure(const lang::Step& step, const std::string& path,
                                 const Status& failure) {
  if (IsWaitOrStop(failure) || !interrupted_.ok())
    return failure;  // neither a wait, a `stop` step nor an interruption is handled
  // A replayed failure was logged when it happened.
  if (replaying_)
    deps_.log->Write(LogLevel::kDebug, path, "failed before the resume: " + failure.message());
  else
    deps_.log->Write(LogLevel::kError, path, "failed: " + failure.message());
  if (!step.id.empty())
    data_.steps[step.id] = {{"error", deps_.log->mask().Mask(failure.message())}};
  if (!step.on_error.empty())
    return RunHandler(step.on_error, path + ".on_error", failure);
  if (step.continue_on_error) {
    deps_.log->Write(LogLevel::kWarning, path, "continuing (continue_on_error)");
    return Status::Ok();
  }
  return failure;
}

Status StepRunner::RunOnlyItem(const std::vector<lang::Step>& steps, store::WorkItem& item) {
  only_item_ = item.Path() + ".";
  for (size_t i = 0; i < steps.size(); ++i) {
    const lang::Step& step = steps[i];
    const std::string path = StepPath("", step, i);
    if (path != item.loop_path) {
      Status s = RunStep(step, path);
      if (!s.ok()) {
        return FailedPrecondition("cannot reach work item " + item.Path() + ": " + path +
                                  " did not restore (" + s.message() + ")");
      }
      continue;
    }
    if (!step.is_loop() || !step.items)
      return FailedPrecondition(path + " is not a loop with items: true");
    auto rows = LoopRows(step, path);
    if (!rows)
      return rows.error();
    ItemQueue queue({.store = deps_.store, .run_id = deps_.run_id, .loop_path = path}, **rows,
                    [this, &step, &path] { return LoopRows(step, path); });
    auto value = queue.Row(static_cast<size_t>(item.index));
    if (!value)
      return value.error().WithContext("'foreach' of " + path);
    BindLoopVar(step.as, &*value);
    Status s = RunItem(step, *value, item);
    (void)Flush();
    return s.ok() ? unsaved_ : s;
  }
  return NotFound("the bot has no step " + item.loop_path);
}

Status StepRunner::RunHandler(const std::vector<lang::Step>& handler, const std::string& path,
                              const Status& failure) {
  Value error = ErrorValue(failure, path);
  error["message"] = deps_.log->mask().Mask(failure.message());
  const Value* outer = scope_.Find("error");
  scope_.Bind("error", &error);
  Status s = RunBlock(handler, path + ".");
  BindLoopVar("error", outer);
  return s;
}

Status StepRunner::Flush() {
  if (!pending_.empty()) {
    Status saved = pending_.size() == 1
                       ? deps_.store->SaveCheckpoint(deps_.run_id, pending_[0], deps_.attempt)
                       : deps_.store->SaveCheckpoints(deps_.run_id, pending_, deps_.attempt);
    if (!saved.ok())
      Unsaved(pending_.back().step_path, "checkpoint", saved);
    pending_.clear();
  }
  // After the checkpoints: an item saved as finished has all its steps saved.
  if (!pending_items_.empty()) {
    Status saved = deps_.store->SaveWorkItems(deps_.run_id, pending_items_, deps_.attempt);
    if (!saved.ok())
      Unsaved(pending_items_.back().Path(), "work item", saved);
    pending_items_.clear();
  }
  return unsaved_;
}

void StepRunner::Unsaved(const std::string& path, const std::string& what, const Status& saved) {
  deps_.log->Write(LogLevel::kError, path, what + " not saved: " + saved.message());
  if (!unsaved_.ok())
    return;
  // Nothing more runs on a record the store did not keep: a resume would not
  // know that this step ran, and would run it again.
  unsaved_ = Status(saved.code(), "the " + what + " of " + path + " could not be saved: " +
                                      saved.message() + "; the run stopped there");
  if (interrupted_.ok())
    interrupted_ = unsaved_;
}

void StepRunner::Record(const lang::Step& step, const std::string& path, Value output,
                        const StepEnd& end) {
  const store::StepStatus status = end.status;
  const bool side_effect = end.side_effect;
  store::Checkpoint cp;
  cp.step_path = path;
  cp.status = status;
  cp.attempts = end.attempts;
  cp.duration_ms = end.duration.count();
  const SecretMask& mask = deps_.log->mask();
  cp.error = mask.empty() ? end.error : mask.Mask(end.error);
  // A large read is read again on a resume rather than stored (large_output.h).
  const bool large = !side_effect && status == store::StepStatus::kSucceeded && IsLargeRead(output);
  cp.output = large ? ReadSummary(output) : output;
  if (!mask.empty())
    cp.rederive = MaskStrings(cp.output, mask) && !side_effect;
  cp.rederive = cp.rederive || large;
  if (!only_item_.empty() && !path.starts_with(only_item_)) {
    // Derived again to reach the item; the run's executor saves its own.
    if (!step.id.empty() && status != store::StepStatus::kFailed)
      data_.steps[step.id] = std::move(output);
    return;
  }
  pending_.push_back(std::move(cp));
  constexpr size_t kBatch = 256;
  if (side_effect || status == store::StepStatus::kFailed || pending_.size() >= kBatch)
    (void)Flush();
  if (!step.id.empty() && status != store::StepStatus::kFailed)
    data_.steps[step.id] = std::move(output);
}

}  // namespace travet::engine
