#include "runtime/kpi/figures.h"

#include <algorithm>
#include <set>
#include <span>
#include <utility>

#include "runtime/kpi/operator_time.h"
#include "runtime/kpi/period.h"

namespace travet::kpi {
namespace {

using store::KpiAudit;
using store::KpiItem;
using store::KpiRun;
using store::KpiTask;

// What one review task adds to its month.
struct JudgedTask {
  const KpiTask* task = nullptr;
  bool decided = false;
  std::optional<double> seconds;  // operator time, when measured
  std::set<std::string> corrected;
};

// A finished document, kept until its month's median operator time is known.
struct DocumentWork {
  bool succeeded = false;
  bool reviewed = false;
  double measured_seconds = 0;
  int untimed_tasks = 0;  // decided without a measured time
};

// A document of a run: the steps under `prefix` ("each[3]."; empty: the
// whole run) and how it ended.
struct Document {
  std::string prefix;
  bool finished = false;
  bool succeeded = false;
};

struct Bucket {
  BotMonth figures;
  std::vector<double> task_seconds;
  std::vector<DocumentWork> documents;
  std::map<std::string, FieldCorrections> fields;
};

// Rows sorted by `key` as runs of equal keys, by key.
template <typename Row, typename Key>
std::map<std::string, std::span<const Row>> GroupBy(const std::vector<Row>& rows, Key key) {
  std::map<std::string, std::span<const Row>> groups;
  size_t begin = 0;
  for (size_t i = 1; i <= rows.size(); ++i) {
    if (i == rows.size() || key(rows[i]) != key(rows[begin])) {
      groups[key(rows[begin])] = std::span<const Row>(rows).subspan(begin, i - begin);
      begin = i;
    }
  }
  return groups;
}

template <typename Row>
std::span<const Row> Find(const std::map<std::string, std::span<const Row>>& groups,
                          const std::string& key) {
  auto it = groups.find(key);
  return it == groups.end() ? std::span<const Row>() : it->second;
}

bool After(const std::string& a, const std::string& b) {
  std::optional<TimePoint> ta = ParseRfc3339(a);
  std::optional<TimePoint> tb = ParseRfc3339(b);
  return ta && tb && *ta > *tb;
}

bool BreachedSla(const KpiTask& task) {
  if (task.state == store::TaskState::kExpired || !task.escalated_at.empty())
    return true;
  return !task.due_at.empty() && !task.decided_at.empty() && After(task.decided_at, task.due_at);
}

JudgedTask Judge(const KpiTask& task, std::span<const KpiAudit> audit) {
  JudgedTask judged{&task};
  judged.decided =
      task.state == store::TaskState::kApproved || task.state == store::TaskState::kRejected;
  if (std::optional<Millis> spent = OperatorTime(audit); spent && judged.decided)
    judged.seconds = static_cast<double>(spent->count()) / 1000;
  for (const KpiAudit& entry : audit) {
    if (entry.action == "correct")
      judged.corrected.insert(entry.field);
  }
  return judged;
}

void AddTask(Bucket& bucket, const JudgedTask& judged) {
  BotMonth& f = bucket.figures;
  ++f.review_tasks;
  f.decided_tasks += judged.decided ? 1 : 0;
  f.sla_breaches += BreachedSla(*judged.task) ? 1 : 0;
  if (judged.seconds)
    bucket.task_seconds.push_back(*judged.seconds);
  if (judged.task->state != store::TaskState::kApproved)
    return;  // a rejection judges the document, not its values
  for (const std::string& field : judged.task->fields) {
    FieldCorrections& counts = bucket.fields[field];
    counts.field = field;
    ++counts.approved;
    counts.corrected += judged.corrected.contains(field) ? 1 : 0;
  }
}

// The items that are documents: not a duplicate, and not an item whose
// steps hold another `items: true` loop (its inner items are the documents).
std::vector<Document> DocumentsOf(const KpiRun& run, std::span<const KpiItem> items) {
  std::vector<Document> documents;
  if (items.empty()) {
    bool succeeded = run.state == store::RunState::kSucceeded;
    documents.push_back({"", succeeded || run.state == store::RunState::kFailed, succeeded});
    return documents;
  }
  std::set<std::string> loops;
  for (const KpiItem& item : items)
    loops.insert(item.loop_path);
  for (const KpiItem& item : items) {
    std::string prefix = item.path + ".";
    auto inner = loops.lower_bound(prefix);
    bool container = inner != loops.end() && inner->rfind(prefix, 0) == 0;
    if (container || item.outcome.rfind("duplicate:", 0) == 0)
      continue;
    documents.push_back(
        {prefix, store::IsFinal(item.state), item.state == store::ItemState::kSucceeded});
  }
  return documents;
}

void AddDocument(Bucket& bucket, const Document& document, const std::vector<JudgedTask>& tasks) {
  if (!document.finished)
    return;
  DocumentWork work{document.succeeded};
  for (const JudgedTask& judged : tasks) {
    if (judged.task->step_path.rfind(document.prefix, 0) != 0)
      continue;
    work.reviewed = true;
    if (judged.seconds)
      work.measured_seconds += *judged.seconds;
    else if (judged.decided)
      ++work.untimed_tasks;
  }
  BotMonth& f = bucket.figures;
  ++f.documents;
  f.succeeded += document.succeeded ? 1 : 0;
  f.failed += document.succeeded ? 0 : 1;
  f.reviewed += work.reviewed ? 1 : 0;
  f.straight_through += document.succeeded && !work.reviewed ? 1 : 0;
  bucket.documents.push_back(work);
}

BotMonth Finish(Bucket& bucket, const std::map<std::string, double>& manual_minutes) {
  BotMonth f = std::move(bucket.figures);
  f.timed_tasks = static_cast<long long>(bucket.task_seconds.size());
  f.median_operator_seconds = Median(bucket.task_seconds);
  for (auto& [name, counts] : bucket.fields)
    f.corrections.push_back(std::move(counts));
  if (auto it = manual_minutes.find(f.bot); it != manual_minutes.end())
    f.manual_minutes = it->second;
  std::vector<double> reviewed_minutes;
  for (const DocumentWork& work : bucket.documents) {
    if (!work.succeeded || !work.reviewed)
      continue;
    double seconds =
        work.measured_seconds + work.untimed_tasks * f.median_operator_seconds.value_or(0);
    reviewed_minutes.push_back(seconds / 60);
  }
  f.hours_saved = HoursSaved(f.manual_minutes, f.straight_through, reviewed_minutes);
  return f;
}

}  // namespace

std::optional<double> BotMonth::StraightThroughRate() const {
  if (documents == 0)
    return std::nullopt;
  return static_cast<double>(straight_through) / static_cast<double>(documents);
}

std::optional<double> Median(std::vector<double> values) {
  if (values.empty())
    return std::nullopt;
  size_t middle = values.size() / 2;
  std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(middle),
                   values.end());
  double upper = values[middle];
  if (values.size() % 2 == 1)
    return upper;
  double lower =
      *std::max_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(middle));
  return (lower + upper) / 2;
}

std::optional<double> HoursSaved(std::optional<double> manual_minutes, long long straight_through,
                                 const std::vector<double>& reviewed_operator_minutes) {
  if (!manual_minutes)
    return std::nullopt;
  double minutes = static_cast<double>(straight_through) * *manual_minutes;
  for (double spent : reviewed_operator_minutes)
    minutes += std::max(0.0, *manual_minutes - spent);
  return minutes / 60;
}

Result<std::vector<BotMonth>> ComputeKpi(const store::KpiFacts& facts,
                                         const std::map<std::string, double>& manual_minutes) {
  auto items = GroupBy(facts.items, [](const KpiItem& i) { return i.run_id; });
  auto tasks = GroupBy(facts.tasks, [](const KpiTask& t) { return t.run_id; });
  auto audit = GroupBy(facts.audit, [](const KpiAudit& a) { return a.task_id; });
  std::map<std::pair<std::string, std::string>, Bucket> buckets;
  for (const KpiRun& run : facts.runs) {
    Result<std::string> month = KpiMonth(run.created_at);
    if (!month)
      return InvalidArgument("run " + run.id + ": " + month.error().message());
    Bucket& bucket = buckets[{run.bot, *month}];
    bucket.figures.bot = run.bot;
    bucket.figures.month = *month;
    ++bucket.figures.runs;
    std::vector<JudgedTask> judged;
    for (const KpiTask& task : Find(tasks, run.id))
      judged.push_back(Judge(task, Find(audit, task.id)));
    for (const JudgedTask& task : judged)
      AddTask(bucket, task);
    for (const Document& document : DocumentsOf(run, Find(items, run.id)))
      AddDocument(bucket, document, judged);
  }
  std::vector<BotMonth> figures;
  figures.reserve(buckets.size());
  for (auto& [key, bucket] : buckets)
    figures.push_back(Finish(bucket, manual_minutes));
  return figures;
}

}  // namespace travet::kpi
