// /metrics: the steps the server's workers ran (by action, OCR pages and
// time) and, read from the store at each scrape, the runs by bot and state,
// the work items by state and the review queues.
#include "runtime/server/metrics.h"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "tests/runtime/server/server_fixture.h"

namespace travet::server {
namespace {

using testing::JsonOf;
using testing::ServerFixture;
using testing::ServerSetup;

bool Has(const std::string& text, const std::string& line) {
  return text.find(line + "\n") != std::string::npos;
}

TEST(MetricsTest, StepsAreAHistogramByActionAndOcrStepsCountTheirPages) {
  Metrics metrics;
  metrics.ObserveStep("ocr.read", 1.5, 3);
  metrics.ObserveStep("ocr.extract", 2, 1);
  metrics.ObserveStep("http.request", 0.02, 0);
  const std::string text = metrics.Render();
  EXPECT_TRUE(Has(text, "# TYPE travet_step_duration_seconds histogram")) << text;
  EXPECT_TRUE(Has(text, R"(travet_step_duration_seconds_bucket{action="ocr.read",le="1"} 0)"));
  EXPECT_TRUE(Has(text, R"(travet_step_duration_seconds_bucket{action="ocr.read",le="2.5"} 1)"));
  EXPECT_TRUE(Has(text, R"(travet_step_duration_seconds_bucket{action="ocr.read",le="+Inf"} 1)"));
  EXPECT_TRUE(Has(text, R"(travet_step_duration_seconds_sum{action="ocr.read"} 1.5)"));
  EXPECT_TRUE(Has(text, R"(travet_step_duration_seconds_count{action="http.request"} 1)"));
  EXPECT_TRUE(
      Has(text, R"(travet_step_duration_seconds_bucket{action="http.request",le="0.05"} 1)"));
  EXPECT_TRUE(Has(text, "travet_ocr_pages_total 4"));
  EXPECT_TRUE(Has(text, "travet_ocr_seconds_total 3.5"));
}

// The stand-in sign-in: every bearer token is a developer's.
Result<std::optional<Caller>> AnyDeveloper(const ApiRequest& request) {
  if (request.Header("authorization").empty()) {
    return std::optional<Caller>();
  }
  return std::optional<Caller>(Caller{"dev", kDeveloper, {}, false, ""});
}

const httplib::Headers kAsDeveloper = {{"Authorization", "Bearer dev"}};

// Queues a run of the echo bot over the API and waits until it succeeded;
// returns its id.
std::string RunEcho(httplib::Client& client) {
  auto r = client.Post("/api/v1/bots/echo/runs", kAsDeveloper, "{}", "application/json");
  EXPECT_TRUE(r && r->status == 202);
  std::string id = JsonOf(r)["id"];
  Value run;
  for (int i = 0; i < 200 && run["state"] != "succeeded"; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    run = JsonOf(client.Get("/api/v1/runs/" + id, kAsDeveloper));
  }
  EXPECT_EQ(run["state"], "succeeded") << run.dump();
  return id;
}

TEST(MetricsScrapeTest, AScrapeShowsTheRunsTheirStepsAndTheReviewQueues) {
  ServerSetup setup;
  setup.authenticate = AnyDeveloper;
  ServerFixture server(setup);
  auto client = server.Client();
  const std::string id = RunEcho(client);
  // A queue name is the bots' text: it is escaped as a label value.
  ASSERT_TRUE(
      server.store()
          .CreateTask(
              {.id = "t-1", .run_id = id, .step_path = "check", .queue = "accounting \"north\""})
          .ok());
  auto r = client.Get("/metrics");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200);
  const std::string& text = r->body;
  EXPECT_TRUE(Has(text, "travet_store_up 1")) << text;
  EXPECT_TRUE(Has(text, "# TYPE travet_runs gauge"));
  EXPECT_TRUE(Has(text, R"(travet_runs{bot="echo",state="succeeded"} 1)"));
  EXPECT_TRUE(Has(text, R"(travet_runs{bot="echo",state="queued"} 0)"));
  EXPECT_TRUE(Has(text, R"(travet_work_items{state="pending"} 0)"));
  EXPECT_TRUE(Has(text, R"(travet_step_duration_seconds_count{action="set"} 1)"));
  EXPECT_TRUE(Has(text, R"(travet_step_duration_seconds_bucket{action="set",le="+Inf"} 1)"));
  EXPECT_TRUE(Has(text, R"(travet_review_queue_depth{queue="accounting \"north\""} 1)"));
  EXPECT_NE(text.find(R"(travet_review_oldest_task_age_seconds{queue="accounting \"north\""} )"),
            std::string::npos);
}

}  // namespace
}  // namespace travet::server
