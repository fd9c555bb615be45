#include "tools/bench/serve_bench_approve.h"

#include <chrono>
#include <cstdio>
#include <memory>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "runtime/core/value.h"
#include "runtime/engine/worker.h"
#include "tools/bench/serve_bench_server.h"
#include "tools/bench/serve_bench_stats.h"

namespace travet::bench {
namespace {

using ApproveClock = std::chrono::steady_clock;

// A review, then a step after it: the run succeeds once resumed.
constexpr char kApproveBot[] = R"(bot: invoice-check
steps:
  - id: checked
    uses: review
    with:
      queue: fatture
      instructions: Compare with the scan
      fields:
        vat: { value: "01234567890", raw: "0l234567890", confidence: 55, page: 1, box: [10, 20, 200, 40], valid: false, type: partita_iva }
        total: { value: "1464.00", confidence: 96, valid: true, type: amount }
  - id: after
    uses: set
    with: { vat: "${{ steps.checked.fields.vat }}", reviewer: "${{ steps.checked.reviewer }}" }
)";

constexpr auto kStoreLook = std::chrono::microseconds(500);
constexpr auto kWaitLimit = std::chrono::seconds(60);
constexpr unsigned kPauseSeed = 20261208;

// A server whose runs wait for review, and who acts on them.
struct ApproveSetup {
  std::string admin;                   // starts the runs
  std::string reviewer;                // claims and approves
  std::unique_ptr<store::Store> look;  // a connection of its own, as another client's
  std::vector<std::string> runs;       // waiting for review
};

struct ApproveTiming {
  double answer_ms = 0;  // the approve request itself
  double done_ms = 0;    // until the store shows the run succeeded
};

double MsFrom(ApproveClock::time_point since) {
  return std::chrono::duration<double, std::milli>(ApproveClock::now() - since).count();
}

// Looks at the run every 0.5 ms until it is in `state`; errors when it
// ends in another final state or takes more than kWaitLimit.
Status AwaitState(store::Store& store, const std::string& run, store::RunState state) {
  const auto give_up = ApproveClock::now() + kWaitLimit;
  while (ApproveClock::now() < give_up) {
    auto record = store.GetRun(run);
    if (!record) {
      return record.error();
    }
    if (record->state == state) {
      return Status::Ok();
    }
    if (store::IsFinal(record->state)) {
      return Internal("run " + run + " ended " + std::string(store::RunStateName(record->state)) +
                      ": " + record->error);
    }
    std::this_thread::sleep_for(kStoreLook);
  }
  return Internal("run " + run + " is not " + std::string(store::RunStateName(state)) +
                  " after 60 s");
}

// Queues `count` runs over the API and waits until each waits for review.
Result<std::vector<std::string>> StartWaitingRuns(const BenchServer& server, store::Store& look,
                                                  const std::string& admin, int count) {
  auto client = server.Client();
  std::vector<std::string> runs;
  for (int i = 0; i < count; ++i) {
    auto r = client->Post("/api/v1/bots/invoice-check/runs", BearerHeaders(admin), "{}",
                          "application/json");
    if (!r || r->status != 202) {
      return Internal("starting a run: " + (r ? r->body : httplib::to_string(r.error())));
    }
    runs.push_back(Value::parse(r->body, nullptr, false).value("id", ""));
  }
  for (const std::string& run : runs) {
    TRAVET_RETURN_IF_ERROR(AwaitState(look, run, store::RunState::kWaitingReview));
  }
  return runs;
}

// A POST to a task's `verb` with If-Match; the answer's ETag.
Result<std::string> Act(httplib::Client& client, const std::string& token, const std::string& task,
                        const std::string& verb, const std::string& etag) {
  auto r = client.Post("/api/v1/review/tasks/" + task + "/" + verb, BearerHeaders(token, etag),
                       "{}", "application/json");
  if (!r || r->status != 200) {
    return Internal(verb + " " + task + ": " + (r ? r->body : httplib::to_string(r.error())));
  }
  return r->get_header_value("ETag");
}

// Reads, claims and approves the task of `run` as an operator does; times
// the approval until the run succeeded.
Result<ApproveTiming> ApproveOne(httplib::Client& client, store::Store& look,
                                 const std::string& token, const std::string& run) {
  auto task = look.FindTask(run, "checked");
  if (!task || !*task) {
    return Internal("no task of run " + run);
  }
  const std::string id = (**task).id;
  auto shown = client.Get("/api/v1/review/tasks/" + id, BearerHeaders(token));
  if (!shown || shown->status != 200) {
    return Internal("show " + id + ": " + (shown ? shown->body : "no answer"));
  }
  auto claimed = Act(client, token, id, "claim", shown->get_header_value("ETag"));
  if (!claimed) {
    return claimed.error();
  }
  ApproveTiming timing;
  const auto start = ApproveClock::now();
  auto approved = Act(client, token, id, "approve", *claimed);
  timing.answer_ms = MsFrom(start);
  if (!approved) {
    return approved.error();
  }
  TRAVET_RETURN_IF_ERROR(AwaitState(look, run, store::RunState::kSucceeded));
  timing.done_ms = MsFrom(start);
  return timing;
}

// Starts the server, its users and `options.runs` runs waiting for review.
Result<ApproveSetup> SetUpApprovals(BenchServer& server, const ApproveBenchOptions& options) {
  TRAVET_RETURN_IF_ERROR(server.Open({{"invoice-check.yaml", kApproveBot}}));
  ApproveSetup setup;
  auto admin = server.AddUser({.name = "root", .role = store::Role::kAdmin});
  auto reviewer = server.AddUser({.name = "ugo", .queues = {"fatture"}});
  if (!admin || !reviewer) {
    return admin ? reviewer.error() : admin.error();
  }
  setup.admin = *admin;
  setup.reviewer = *reviewer;
  TRAVET_RETURN_IF_ERROR(server.Start({.poll = options.poll}));
  auto look = store::OpenStore(server.StoreUrl(), store::StoreAccess::kRead);
  if (!look) {
    return look.error();
  }
  setup.look = std::move(*look);
  auto runs = StartWaitingRuns(server, *setup.look, setup.admin, options.runs);
  if (!runs) {
    return runs.error();
  }
  setup.runs = std::move(*runs);
  return setup;
}

// Approves each run's task after a random pause shorter than the workers'
// idle pause: an operator's click comes at any moment of their cycle.
Result<std::vector<ApproveTiming>> Approve(const BenchServer& server, const ApproveSetup& setup,
                                           Millis poll) {
  std::mt19937 random(kPauseSeed);
  std::uniform_int_distribution<long long> pause(0, poll.count());
  auto client = server.Client();
  std::vector<ApproveTiming> timings;
  for (const std::string& run : setup.runs) {
    std::this_thread::sleep_for(Millis(pause(random)));
    auto timing = ApproveOne(*client, *setup.look, setup.reviewer, run);
    if (!timing) {
      return timing.error();
    }
    timings.push_back(*timing);
  }
  return timings;
}

}  // namespace

int RunApproveBench(const ApproveBenchOptions& options) {
  BenchServer server("approve");
  auto setup = SetUpApprovals(server, options);
  auto timings = setup ? Approve(server, *setup, options.poll) : setup.error();
  if (!timings) {
    std::fprintf(stderr, "serve_bench: approval: %s\n", timings.error().message().c_str());
    return 1;
  }
  std::vector<double> answer_ms;
  std::vector<double> done_ms;
  for (const ApproveTiming& t : *timings) {
    answer_ms.push_back(t.answer_ms);
    done_ms.push_back(t.done_ms);
  }
  const bool serve_default = options.poll == engine::WorkerOptions{}.poll;
  std::printf("approval -> run succeeded, 2 workers polling every %lld ms when idle%s:\n",
              static_cast<long long>(options.poll.count()),
              serve_default ? " (travet serve's default)" : "");
  std::printf("  approve sent -> succeeded in the store  %s  target p50 <= 100 ms\n",
              LatencyLine(done_ms).c_str());
  std::printf("  the approve request alone               %s\n", LatencyLine(answer_ms).c_str());
  return 0;
}

}  // namespace travet::bench
