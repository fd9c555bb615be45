// Runs: queue one, list, show, cancel.
#include "runtime/engine/run_queue.h"
#include "runtime/engine/runner.h"
#include "runtime/server/routes.h"
#include "runtime/server/run_start.h"
#include "runtime/server/server_context.h"
#include "runtime/store/run_json.h"

namespace travet::server {
namespace {

constexpr int kDefaultPage = 50;
constexpr int kLargestPage = 500;

Result<store::RunFilter> FilterOf(const ApiRequest& request) {
  store::RunFilter filter;
  if (const std::string bot = request.Query("bot"); !bot.empty()) {
    filter.bot = bot;
  }
  if (const std::string state = request.Query("state"); !state.empty()) {
    filter.state = store::ParseRunState(state);
    if (!filter.state) {
      return InvalidArgument("state: '" + state +
                             "' is not a run state (queued, running, waiting_review, succeeded, "
                             "failed, cancelled)");
    }
  }
  for (const auto& [name, field] :
       {std::pair{"since", &filter.since}, {"until", &filter.until}, {"before", &filter.before}}) {
    if (const std::string value = request.Query(name); !value.empty()) {
      *field = value;
    }
  }
  auto limit = QueryCount(request, "limit", kDefaultPage, kLargestPage);
  if (!limit) {
    return limit.error();
  }
  filter.limit = *limit;
  return filter;
}

}  // namespace

ApiResponse QueueRunAnswer(const lang::Bot& bot, const Value& inputs, ServerContext& context,
                           const std::string& idempotency_key) {
  engine::QueueTerms terms{context.work_dir, &context.clock};
  if (!idempotency_key.empty()) {
    terms.run_id = engine::NewRunId(context.clock);
    terms.idempotency_key = idempotency_key;
    terms.key_since = FormatRfc3339(context.clock.Now() - kIdempotencyWindow);
  }
  auto run = engine::QueueRun(context.store, bot, inputs, terms);
  if (!run) {
    return ProblemOf(run.error());
  }
  ApiResponse response = JsonResponse(202, store::RunJson(*run));
  response.headers.emplace_back("Location", "/api/v1/runs/" + run->id);
  if (!terms.run_id.empty() && run->id != terms.run_id) {
    response.headers.emplace_back("Idempotent-Replayed", "true");
  }
  return response;
}

ApiResponse StartRun(const ApiRequest& request, ServerContext& context) {
  const std::string& name = request.params.at("bot");
  const auto bot = context.bots.Find(name);
  if (!bot) {
    return Problem(404, "not-found", "No such bot", "no valid bot named '" + name + "' is served");
  }
  Value body = BodyJson(request.body);
  if (!body.is_object() || (body.contains("inputs") && !body["inputs"].is_object())) {
    return Problem(400, "invalid-input", "The request is not valid",
                   "the body must be a JSON object, with the run's inputs as an object \"inputs\"");
  }
  return QueueRunAnswer(*bot, body.value("inputs", Value::object()), context);
}

ApiResponse ListRuns(const ApiRequest& request, ServerContext& context) {
  auto filter = FilterOf(request);
  if (!filter) {
    return ProblemOf(filter.error());
  }
  auto runs = context.store.ListRuns(*filter);
  if (!runs) {
    return ProblemOf(runs.error());
  }
  Value list = Value::array();
  for (const store::RunRecord& run : *runs) {
    list.push_back(store::RunJson(run));
  }
  Value page = {{"runs", std::move(list)}};
  // A full page may have a next one: it starts after the last run listed.
  page["next"] = static_cast<int>(runs->size()) == filter->limit ? Value(runs->back().id) : Value();
  return JsonResponse(200, page);
}

ApiResponse ShowRun(const ApiRequest& request, ServerContext& context) {
  const std::string& id = request.params.at("id");
  auto run = context.store.GetRun(id);
  if (!run) {
    return ProblemOf(run.error());
  }
  auto checkpoints = context.store.LoadCheckpoints(id);
  auto items = context.store.ListWorkItems(id);
  auto events = context.store.LoadEvents(id);
  for (const Status& s : {checkpoints.status(), items.status(), events.status()}) {
    if (!s.ok()) {
      return ProblemOf(s);
    }
  }
  return JsonResponse(200, store::RunDetailJson(*run, *checkpoints, *items, *events));
}

ApiResponse CancelRun(const ApiRequest& request, ServerContext& context) {
  const std::string& id = request.params.at("id");
  auto run = context.store.GetRun(id);
  if (!run) {
    return ProblemOf(run.error());
  }
  const Status s = context.store.Transition(id, run->state, store::RunState::kCancelled,
                                            "cancelled by " + request.caller.user);
  if (!s.ok()) {
    return Problem(409, "conflict", "The run cannot be cancelled", s.message());
  }
  return JsonResponse(200, {{"id", id}, {"state", "cancelled"}});
}

}  // namespace travet::server
