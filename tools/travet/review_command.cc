#include <iomanip>
#include <iostream>

#include "runtime/core/duration.h"
#include "runtime/core/line_escape.h"
#include "runtime/review/corrections.h"
#include "runtime/review/task_json.h"
#include "runtime/store/store.h"
#include "tools/travet/command.h"
#include "tools/travet/operator_name.h"
#include "tools/travet/review_stats.h"
#include "tools/travet/store_failure.h"

namespace travet::cli {
namespace {

struct ReviewArgs {
  StoreFlag store;
  bool json = false;
  std::string id, queue, state, as, reason, since, lease = "15m";
  std::vector<std::string> sets;
  bool force = false;
};

// Exit status for a store error: someone else got there first → 4.
int Fail(const char* what, const Status& status) {
  return StoreFailure("review", what, status);
}

// Due and expiry times, escalation and sampling: what an operator triages by.
void PrintTimes(const store::ReviewTask& t) {
  if (!t.due_at.empty()) {
    std::cout << "due       " << t.due_at
              << (t.escalated_at.empty() ? "" : "  ESCALATED at " + t.escalated_at) << "\n";
  }
  if (!t.expires_at.empty())
    std::cout << "expires   " << t.expires_at << "\n";
  if (t.sampled)
    std::cout << "sampled   a QA check of a confident extraction\n";
  if (t.approvals_required > 1) {
    std::cout << "approvals " << t.approvals_required
              << (t.first_approver.empty() ? "" : ", first by " + t.first_approver) << "\n";
  }
}

void PrintTask(const store::ReviewTask& t) {
  std::cout << "task      " << t.id << " (" << store::TaskStateName(t.state) << ")\nqueue     "
            << t.queue << "\nrun       " << t.run_id << " at " << t.step_path << "\n";
  if (!t.document.empty())
    std::cout << "document  " << t.document << (t.page ? ", page " + std::to_string(t.page) : "")
              << "\n";
  if (!t.instructions.empty())
    std::cout << "check     " << t.instructions << "\n";
  PrintTimes(t);
  if (!t.claimed_by.empty())
    std::cout << "claimed   by " << t.claimed_by << " until " << t.lease_until << "\n";
  if (!t.decided_by.empty())
    std::cout << "decided   by " << t.decided_by << " at " << t.decided_at << "\n";
  std::cout << "\nfields:\n";
  for (const auto& [name, f] : t.fields.items()) {
    std::cout << "  " << std::left << std::setw(16) << name << std::setw(24)
              << (f["value"].is_string() ? f["value"].get<std::string>() : f["value"].dump());
    if (f.contains("confidence") && f["confidence"].is_number()) {
      std::cout << " conf " << std::setw(3) << std::fixed << std::setprecision(0)
                << f["confidence"].get<double>();
    }
    if (f.contains("accepted") && !f["accepted"].get<bool>())
      std::cout << "  CHECK";
    if (f.contains("valid"))
      std::cout << (f["valid"].get<bool>() ? "  valid" : "  INVALID");
    if (f.contains("verdict") && f["verdict"] != "ok")
      std::cout << " (" << f["verdict"].get<std::string>() << ")";
    if (f.contains("box"))
      std::cout << "  box " << f["box"].dump();
    if (f.contains("raw"))
      std::cout << "  raw '" << f["raw"].get<std::string>() << "'";
    std::cout << "\n";
  }
}

int List(store::Store& s, const ReviewArgs& a) {
  store::TaskFilter filter;
  if (!a.queue.empty())
    filter.queue = a.queue;
  filter.state = store::ParseTaskState(a.state.empty() ? "pending" : a.state);
  if (!filter.state)
    return Fail("list", InvalidArgument("unknown state '" + a.state + "'"));
  auto tasks = s.ListTasks(filter);
  if (!tasks)
    return Fail("list", tasks.error());
  if (a.json) {
    Value list = Value::array();
    for (const auto& t : *tasks)
      list.push_back(review::TaskJson(t));
    std::cout << list.dump(2) << "\n";
    return kExitOk;
  }
  for (const auto& t : *tasks) {
    std::cout << std::left << std::setw(17) << t.id << std::setw(12) << t.queue << std::setw(9)
              << store::TaskStateName(t.state) << std::setw(4) << t.fields.size() << " fields  "
              << t.run_id << " " << t.step_path << (t.sampled ? "  [sample]" : "")
              << (t.escalated_at.empty() ? "" : "  [escalated]") << "\n";
  }
  return kExitOk;
}

int Decide(store::Store& s, const ReviewArgs& a, bool approve) {
  auto task = s.GetTask(a.id);
  if (!task)
    return Fail(approve ? "approve" : "reject", task.error());
  store::Decision decision;
  decision.approve = approve;
  decision.actor = OperatorName(a.as);
  decision.reason = a.reason;
  if (approve) {
    auto corrections = review::ParseCorrections(a.sets, task->fields, a.force);
    if (!corrections)
      return Fail("approve", corrections.error());
    decision.corrections = *corrections;
  }
  auto decided = s.DecideTask(a.id, decision, DefaultClock().Now());
  if (!decided)
    return Fail(approve ? "approve" : "reject", decided.error());
  if (decided->state == store::TaskState::kPending) {
    std::cout << "task " << a.id << " approved by " << EscapeControls(decision.actor)
              << "; it needs a second approver\n";
    return kExitOk;
  }
  // The run goes back in the queue; `travet runs resume` (or a worker) takes it.
  Status requeued =
      s.Transition(decided->run_id, store::RunState::kWaitingReview, store::RunState::kQueued);
  std::cout << "task " << a.id << " " << store::TaskStateName(decided->state) << " by "
            << EscapeControls(decision.actor) << "\n";
  if (requeued.ok())
    std::cout << "run " << decided->run_id << " is queued: travet runs resume " << decided->run_id
              << "\n";
  return kExitOk;
}

// Escalates overdue tasks and expires old ones, as of now; for cron.
int Sweep(store::Store& s, const ReviewArgs& a) {
  auto report = s.SweepTasks(DefaultClock().Now());
  if (!report)
    return Fail("sweep", report.error());
  auto ids = [](const std::vector<store::ReviewTask>& tasks) {
    Value list = Value::array();
    for (const auto& t : tasks)
      list.push_back(t.id);
    return list;
  };
  if (a.json) {
    std::cout << Value{{"escalated", ids(report->escalated)},
                       {"expired", ids(report->expired)},
                       {"requeued_runs", report->requeued_runs}}
                     .dump(2)
              << "\n";
    return kExitOk;
  }
  for (const auto& t : report->expired)
    std::cout << "task " << t.id << " expired undecided (run " << t.run_id << ")\n";
  for (const auto& t : report->escalated)
    std::cout << "task " << t.id << " escalated: queue " << t.queue << ", priority " << t.priority
              << "\n";
  for (const auto& run : report->requeued_runs)
    std::cout << "run " << run << " is queued: travet runs resume " << run << "\n";
  std::cout << report->escalated.size() << " escalated, " << report->expired.size() << " expired\n";
  return kExitOk;
}

int History(store::Store& s, const ReviewArgs& a) {
  auto entries = s.TaskHistory(a.id);
  if (!entries)
    return Fail("history", entries.error());
  // Every task's log starts with its creation, and the log outlives the
  // task: no entries means no such task, not an empty history.
  if (entries->empty()) {
    auto task = s.GetTask(a.id);
    if (!task)
      return Fail("history", task.error());
  }
  Value list = Value::array();
  for (const auto& e : *entries)
    list.push_back(review::AuditEntryJson(e));
  if (a.json) {
    std::cout << list.dump(2) << "\n";
    return kExitOk;
  }
  // Actors are as long as they come ("bot:RUN" is over 30): the column is
  // as wide as the longest, so an actor never runs into its action.
  size_t width = 12;
  for (const auto& v : list)
    width = std::max(width, EscapeControls(v["actor"].get<std::string>()).size() + 2);
  for (const auto& v : list) {
    // The actor is whatever `--as` was given: escaped, so it cannot forge lines.
    std::cout << v["time"].get<std::string>() << "  " << std::left
              << std::setw(static_cast<int>(width)) << EscapeControls(v["actor"].get<std::string>())
              << std::setw(v.contains("field") || v.contains("note") ? 9 : 0)
              << v["action"].get<std::string>();
    if (v.contains("field"))
      std::cout << EscapeControls(v["field"].get<std::string>()) << ": " << v["old"].dump()
                << " -> " << v["new"].dump();
    if (v.contains("note"))
      std::cout << " " << EscapeControls(v["note"].get<std::string>());
    std::cout << "\n";
  }
  return kExitOk;
}

int Dispatch(const std::string& verb, const ReviewArgs& a) {
  bool reads = verb == "list" || verb == "history" || verb == "stats";
  auto opened =
      store::OpenStore(a.store.url, reads ? store::StoreAccess::kRead : store::StoreAccess::kWrite);
  if (!opened)
    return Fail(verb.c_str(), opened.error());
  store::Store& s = **opened;
  if (verb == "list")
    return List(s, a);
  if (verb == "history")
    return History(s, a);
  if (verb == "sweep")
    return Sweep(s, a);
  if (verb == "stats")
    return ReviewStatsCommand(s, {a.queue, a.since, a.json});
  if (verb == "approve" || verb == "reject")
    return Decide(s, a, verb == "approve");
  if (verb == "claim") {
    auto lease = ParseDuration(a.lease);
    if (!lease)
      return Fail("claim", lease.error());
    auto t = s.ClaimTask(a.id, OperatorName(a.as), DefaultClock().Now(), *lease);
    if (!t)
      return Fail("claim", t.error());
    std::cout << "task " << t->id << " claimed by " << t->claimed_by << " until " << t->lease_until
              << "\n";
    return kExitOk;
  }
  if (verb == "release") {
    Status r = s.ReleaseTask(a.id, OperatorName(a.as), DefaultClock().Now());
    if (!r.ok())
      return Fail("release", r);
    std::cout << "task " << a.id << " released\n";
    return kExitOk;
  }
  auto t = s.GetTask(a.id);
  if (!t)
    return Fail("show", t.error());
  if (a.json)
    std::cout << review::TaskJson(*t).dump(2) << "\n";
  else
    PrintTask(*t);
  return kExitOk;
}

}  // namespace

std::function<int()> SetupReview(CLI::App& cmd) {
  auto a = std::make_shared<ReviewArgs>();
  auto verb = std::make_shared<std::string>();
  cmd.require_subcommand(1);
  struct Verb {
    const char* name;
    const char* help;
    bool takes_id;
  };
  const Verb verbs[] = {
      {"list", "List tasks waiting for a person (default: pending)", false},
      {"show", "Show a task: fields with confidence, verdict, document, page, boxes", true},
      {"claim", "Claim a task (a lease, default 15m) so nobody else decides it", true},
      {"release", "Give a claimed task back", true},
      {"approve", "Approve a task, with corrections (--set field=value)", true},
      {"reject", "Reject a task (--reason TEXT); the waiting step fails", true},
      {"history", "The audit log of a task", true},
      {"stats", "How often operators changed values, per queue and field; QA error rates", false},
      {"sweep", "Escalate tasks past their due time, expire those past expiry (for cron)", false},
  };
  for (const Verb& v : verbs) {
    CLI::App* sub = cmd.add_subcommand(v.name, v.help);
    a->store.Add(*sub);
    sub->add_flag("--json", a->json, "Print JSON");
    std::string name = v.name;
    if (name != "stats" && name != "sweep")
      sub->add_option("--as", a->as, "Operator name (default: the logged-in user)");
    if (v.takes_id)
      sub->add_option("ID", a->id, "The task id")->required();
    sub->callback([verb, name] { *verb = name; });
    if (name == "list") {
      sub->add_option("--queue", a->queue, "Only this queue");
      sub->add_option("--state", a->state,
                      "pending (default), claimed, approved, rejected, expired");
    } else if (name == "stats") {
      sub->add_option("--queue", a->queue, "Only this queue");
      sub->add_option("--since", a->since, "Only decisions from this date (YYYY-MM-DD) on");
    } else if (name == "claim") {
      sub->add_option("--lease", a->lease, "How long the claim lasts")->capture_default_str();
    } else if (name == "approve") {
      sub->add_option("--set", a->sets, "Correct a field: field=value (repeatable)");
      sub->add_flag("--force", a->force, "Keep a corrected value that fails its validator");
    } else if (name == "reject") {
      sub->add_option("--reason", a->reason, "Why")->required();
    }
  }
  cmd.footer(
      "Exit status: 0 done, 2 bad arguments or unknown task, 4 someone else claimed or decided "
      "it.");
  return [a, verb] { return Dispatch(*verb, *a); };
}

}  // namespace travet::cli
