#include "tools/bench/serve_bench_list.h"

#include <cstdio>
#include <memory>
#include <string>

#include "runtime/core/value.h"
#include "runtime/server/http_server.h"
#include "tools/bench/serve_bench_server.h"
#include "tools/bench/serve_bench_stats.h"

namespace travet::bench {
namespace {

constexpr char kListQueue[] = "fatture";
constexpr int kListLimit = 100;  // the route's default page
constexpr int kListWarmUp = 50;
constexpr int kListAlone = 500;  // requests of one client alone
constexpr int kHttpOk = 200;
constexpr int kHttpBusy = 429;

std::string ListPath() {
  return std::string("/api/v1/review/tasks?queue=") + kListQueue +
         "&limit=" + std::to_string(kListLimit);
}

// Fields as an OCR step leaves them: values with their evidence.
Value ListedFields(int i) {
  return Value::parse(R"({
    "vat": {"value": "01234567890", "raw": "0l234567890", "confidence": 55, "page": 1,
            "box": [10, 20, 200, 40], "valid": false, "type": "partita_iva",
            "verdict": "check digit is 0, expected 7"},
    "total": {"value": ")" +
                      std::to_string(1000 + i) +
                      R"(.00", "confidence": 96, "valid": true, "type": "amount"}})");
}

// One run waiting for review with `tasks` pending tasks in the queue, made
// before the server starts (its workers never see the run queued).
Status FillQueue(store::Store& store, int tasks) {
  const std::string run = "r-list-bench";
  TRAVET_RETURN_IF_ERROR(store.CreateRun({.id = run, .bot = "invoice-check"}));
  TRAVET_RETURN_IF_ERROR(
      store.Transition(run, store::RunState::kQueued, store::RunState::kRunning));
  TRAVET_RETURN_IF_ERROR(
      store.Transition(run, store::RunState::kRunning, store::RunState::kWaitingReview));
  for (int i = 0; i < tasks; ++i) {
    store::ReviewTask task;
    task.run_id = run;
    task.step_path = "each[" + std::to_string(i) + "].checked";
    task.queue = kListQueue;
    task.fields = ListedFields(i);
    task.instructions = "Compare with the scan";
    TRAVET_RETURN_IF_ERROR(store.CreateTask(task));
  }
  return Status::Ok();
}

// GET of the list on one connection: kOk for a 200 with a full page.
OpFactory HttpList(const BenchServer& server, const std::string& token) {
  return [&server, token](int) {
    std::shared_ptr<httplib::Client> client = server.Client();
    const httplib::Headers headers = BearerHeaders(token);
    return [client, headers] {
      auto r = client->Get(ListPath(), headers);
      if (r && r->status == kHttpBusy) {
        return Outcome::kBusy;
      }
      return r && r->status == kHttpOk && r->body.size() > 2 ? Outcome::kOk : Outcome::kFailed;
    };
  };
}

OpFactory StoreList(store::Store& store) {
  return [&store](int) {
    return [&store] {
      const store::TaskFilter filter{
          .queue = kListQueue, .state = store::TaskState::kPending, .limit = kListLimit};
      auto tasks = store.ListTasks(filter);
      return tasks && tasks->size() == kListLimit ? Outcome::kOk : Outcome::kFailed;
    };
  };
}

void PrintLoad(const char* what, const LoadResult& load) {
  std::printf("  %-22s %7.0f req/s  %s", what,
              static_cast<double>(load.ok_ms.size()) / load.seconds,
              LatencyLine(load.ok_ms).c_str());
  if (load.busy > 0 || load.failed > 0) {
    std::printf("  + %d answered 429, %d failed", load.busy, load.failed);
  }
  std::printf("\n");
}

void PrintRatios(const char* what, const LoadResult& http, const LoadResult& direct) {
  std::printf("  %-22s p50 %.2fx  p99 %.2fx  throughput %.2fx\n", what,
              Percentile(http.ok_ms, 0.5) / Percentile(direct.ok_ms, 0.5),
              Percentile(http.ok_ms, 0.99) / Percentile(direct.ok_ms, 0.99),
              (static_cast<double>(http.ok_ms.size()) / http.seconds) /
                  (static_cast<double>(direct.ok_ms.size()) / direct.seconds));
}

// One client alone, then `clients` at once, over HTTP and straight to the
// store.
struct ListLoads {
  LoadResult http_alone;
  LoadResult store_alone;
  LoadResult http;
  LoadResult store;
};

ListLoads MeasureLists(BenchServer& server, const std::string& token,
                       const ListBenchOptions& options) {
  const int per_client = std::max(1, options.requests / options.clients);
  ListLoads loads;
  loads.http_alone = RunLoad(1, kListAlone, HttpList(server, token));
  loads.store_alone = RunLoad(1, kListAlone, StoreList(server.store()));
  loads.http = RunLoad(options.clients, per_client, HttpList(server, token));
  loads.store = RunLoad(options.clients, per_client, StoreList(server.store()));
  return loads;
}

void PrintLists(const ListLoads& loads, const ListBenchOptions& options) {
  const int inflight =
      options.max_inflight > 0 ? options.max_inflight : server::DefaultMaxInflight();
  std::printf(
      "review list: GET %s, %d pending tasks;\n"
      "  server: %d requests at once (--max-inflight), %d HTTP threads, 2 idle workers\n",
      ListPath().c_str(), options.tasks, inflight, inflight + server::kSpareHttpThreads);
  PrintLoad("HTTP, 1 client", loads.http_alone);
  PrintLoad("store, 1 thread", loads.store_alone);
  PrintRatios("HTTP / store, alone", loads.http_alone, loads.store_alone);
  char what[64];
  std::snprintf(what, sizeof what, "HTTP, %d clients", options.clients);
  PrintLoad(what, loads.http);
  std::snprintf(what, sizeof what, "store, %d threads", options.clients);
  PrintLoad(what, loads.store);
  PrintRatios("HTTP / store, at once", loads.http, loads.store);
}

// The server over a store with the queue filled; the operator's API token.
Result<std::string> StartListServer(BenchServer& server, const ListBenchOptions& options) {
  TRAVET_RETURN_IF_ERROR(server.Open({}));
  TRAVET_RETURN_IF_ERROR(FillQueue(server.store(), options.tasks));
  auto token = server.AddUser({.name = "ugo", .queues = {kListQueue}});
  if (!token) {
    return token.error();
  }
  // Request lines are made as `travet serve` makes them, then dropped.
  TRAVET_RETURN_IF_ERROR(
      server.Start({.max_inflight = options.max_inflight, .log = [](const std::string&) {}}));
  return token;
}

}  // namespace

int RunListBench(const ListBenchOptions& options) {
  BenchServer server("list");
  auto token = StartListServer(server, options);
  if (!token) {
    std::fprintf(stderr, "serve_bench: review list: %s\n", token.error().message().c_str());
    return 1;
  }
  if (RunLoad(1, kListWarmUp, HttpList(server, *token)).failed > 0) {
    std::fprintf(stderr, "serve_bench: GET %s failed\n", ListPath().c_str());
    return 1;
  }
  const ListLoads loads = MeasureLists(server, *token, options);
  PrintLists(loads, options);
  const int failed =
      loads.http_alone.failed + loads.store_alone.failed + loads.http.failed + loads.store.failed;
  return failed > 0 ? 1 : 0;
}

}  // namespace travet::bench
