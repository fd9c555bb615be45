#include "runtime/store/run_json.h"

namespace travet::store {

Value RunJson(const RunRecord& run) {
  return {{"id", run.id},
          {"bot", run.bot},
          {"bot_file", run.bot_file},
          {"state", std::string(RunStateName(run.state))},
          {"inputs", run.inputs},
          {"created_at", run.created_at},
          {"started_at", run.started_at},
          {"finished_at", run.finished_at},
          {"error", run.error},
          {"attempt", run.attempt},
          {"lease_owner", run.lease_owner},
          {"lease_until", run.lease_until},
          {"work_dir", run.work_dir}};
}

Value RunDetailJson(const RunRecord& run, const std::vector<Checkpoint>& checkpoints,
                    const std::vector<WorkItem>& items, const std::vector<Event>& events) {
  Value v = RunJson(run);
  v["steps"] = Value::array();
  for (const auto& cp : checkpoints) {
    v["steps"].push_back({{"path", cp.step_path},
                          {"status", std::string(StepStatusName(cp.status))},
                          {"attempts", cp.attempts},
                          {"duration_ms", cp.duration_ms},
                          {"output", cp.output},
                          {"error", cp.error}});
  }
  v["items"] = Value::array();
  for (const auto& item : items) {
    v["items"].push_back(WorkItemJson(item));
  }
  v["events"] = Value::array();
  for (const auto& e : events) {
    v["events"].push_back(
        {{"time", e.time}, {"level", e.level}, {"step", e.step_path}, {"message", e.message}});
  }
  return v;
}

}  // namespace travet::store
