// Runs: resume one, send its failed work items back. Over HTTP neither
// executes anything in the request: the run is left (or put) queued and the
// server's workers, woken by the dispatcher, claim it as they claim any run.
#include "runtime/actions/bot_loading.h"
#include "runtime/engine/item_retry.h"
#include "runtime/engine/run_lease.h"
#include "runtime/server/routes.h"
#include "runtime/server/server_context.h"
#include "runtime/store/run_json.h"

namespace travet::server {
namespace {

// The item keys of a retry's body: {"items": ["k1", ...]}; none (or no body):
// every failed item, as `travet runs retry` without --items.
Result<std::vector<std::string>> RetryKeys(const ApiRequest& request) {
  const Value body = BodyJson(request.body);
  const auto refuse = [] {
    return InvalidArgument(
        "the body must be empty or a JSON object with \"items\": a list of work item keys");
  };
  if (!body.is_object() || (body.contains("items") && !body["items"].is_array())) {
    return refuse();
  }
  std::vector<std::string> keys;
  for (const Value& key : body.value("items", Value::array())) {
    if (!key.is_string()) {
      return refuse();
    }
    keys.push_back(key.get<std::string>());
  }
  return keys;
}

ApiResponse QueuedAnswer(const store::RunRecord& run, const Value& extra = Value::object()) {
  Value answer = store::RunJson(run);
  answer.update(extra);
  ApiResponse response = JsonResponse(202, answer);
  response.headers.emplace_back("Location", "/api/v1/runs/" + run.id);
  return response;
}

}  // namespace

ApiResponse ResumeRunLater(const ApiRequest& request, ServerContext& context) {
  auto run = context.store.GetRun(request.params.at("id"));
  if (!run) {
    return ProblemOf(run.error());
  }
  const Status claimable = engine::CheckClaimable(*run, context.clock.Now());
  if (!claimable.ok()) {
    return Problem(409, "conflict", "The run cannot be resumed now", claimable.message());
  }
  return QueuedAnswer(*run);
}

ApiResponse RetryRunItems(const ApiRequest& request, ServerContext& context) {
  const std::string& id = request.params.at("id");
  auto keys = RetryKeys(request);
  if (!keys) {
    return ProblemOf(keys.error());
  }
  auto run = context.store.GetRun(id);
  if (!run) {
    return ProblemOf(run.error());
  }
  // The bot as the workers will execute it: from the file the run records.
  const lang::LoadResult loaded = actions::LoadBot(run->bot_file);
  if (!loaded.ok()) {
    return Problem(
        409, "conflict", "The run's bot does not load",
        "run " + id + ": " + (loaded.errors.empty() ? run->bot_file : loaded.errors.front()));
  }
  auto reopened = engine::SendItemsBack(*loaded.bot, id, *keys, context.store);
  if (!reopened) {
    return ProblemOf(reopened.error());
  }
  run = context.store.GetRun(id);
  if (!run) {
    return ProblemOf(run.error());
  }
  Value items = Value::array();
  for (const store::WorkItem& item : *reopened) {
    items.push_back(store::WorkItemJson(item));
  }
  return QueuedAnswer(*run, {{"retried", std::move(items)}});
}

}  // namespace travet::server
