// Resuming a run and retrying its failed work items over HTTP: the request
// queues, the server's workers execute.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "runtime/core/clock.h"
#include "tests/runtime/server/server_fixture.h"

namespace travet::server {
namespace {

using testing::As;
using testing::JsonOf;
using testing::ServerFixture;
using testing::ServerSetup;

class RunContinueTest : public ::testing::Test {
 protected:
  static ServerSetup BatchSetup() {
    ServerSetup setup;
    setup.authenticate = testing::StandInAuthenticate;
    setup.bots.emplace_back("batch.yaml", testing::kBatchBot);
    return setup;
  }

  // Polls the run until it is in a final state (or 10 s pass).
  Value Finished(const std::string& id) {
    Value run;
    for (int i = 0; i < 200; ++i) {
      run = JsonOf(client_.Get("/api/v1/runs/" + id, As("developer")));
      const std::string state = run.value("state", "");
      if (state == "succeeded" || state == "failed" || state == "cancelled") {
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return run;
  }

  std::string Start() {
    auto r = client_.Post("/api/v1/bots/batch/runs", As("developer"), "{}", "application/json");
    EXPECT_TRUE(r && r->status == 202) << (r ? r->body : "no answer");
    return r ? JsonOf(r).value("id", "") : "";
  }

  ServerFixture server_{BatchSetup()};
  httplib::Client client_ = server_.Client();
};

// The failed item goes back to work, the run is queued again and the
// server's worker finishes it: the item succeeds and the steps after the
// loop run again with it.
TEST_F(RunContinueTest, RetriedItemsAreExecutedByTheServersWorkers) {
  const std::string id = Start();
  Value run = Finished(id);
  ASSERT_EQ(run["state"], "succeeded") << run.dump();
  ASSERT_EQ(run["items"].size(), 3u) << run.dump();
  EXPECT_EQ(run["items"][1]["state"], "failed");

  auto r =
      client_.Post("/api/v1/runs/" + id + "/items/retry", As("developer"), "", "application/json");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 202) << r->body;
  EXPECT_EQ(r->get_header_value("Location"), "/api/v1/runs/" + id);
  const Value answer = JsonOf(r);
  ASSERT_EQ(answer["retried"].size(), 1u) << r->body;
  EXPECT_EQ(answer["retried"][0]["key"], "b");

  run = Finished(id);
  ASSERT_EQ(run["state"], "succeeded") << run.dump();
  for (const Value& item : run["items"]) {
    EXPECT_EQ(item["state"], "succeeded") << item.dump();
  }
  EXPECT_EQ(run["items"][1]["retries"], 1) << run.dump();
  EXPECT_EQ(run["attempt"], 2);
  EXPECT_EQ(run["steps"].back()["output"]["failed"], 0) << run.dump();
}

// Naming items; nothing to retry; a key no item has; a body that is not
// the expected shape; an operator; an unknown run.
TEST_F(RunContinueTest, RetryRefusalsSayWhy) {
  const std::string id = Start();
  ASSERT_EQ(Finished(id)["state"], "succeeded");
  const std::string path = "/api/v1/runs/" + id + "/items/retry";
  auto r = client_.Post(path, As("developer"), R"({"items": ["zz"]})", "application/json");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 404) << r->body;
  EXPECT_NE(JsonOf(r)["detail"].get<std::string>().find("zz"), std::string::npos) << r->body;
  r = client_.Post(path, As("developer"), R"({"items": "b"})", "application/json");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 400) << r->body;
  r = client_.Post(path, As("operator"), "", "application/json");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 403) << r->body;
  r = client_.Post("/api/v1/runs/r-none/items/retry", As("developer"), "", "application/json");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 404) << r->body;

  r = client_.Post(path, As("developer"), R"({"items": ["a"]})", "application/json");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 202) << r->body;  // a named item runs again even when it succeeded
  ASSERT_EQ(Finished(id)["state"], "succeeded");
  r = client_.Post(path, As("developer"), "", "application/json");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 202) << r->body;  // b, still failed
  ASSERT_EQ(Finished(id)["state"], "succeeded");
  r = client_.Post(path, As("developer"), "", "application/json");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 400) << r->body;  // b succeeded on attempt 3: no failed item left
  EXPECT_NE(JsonOf(r)["detail"].get<std::string>().find("no failed work items"), std::string::npos)
      << r->body;
}

// Resume leaves the executing to the workers: a queued run or one whose
// lease lapsed is taken (202), one held by a live executor, one waiting for
// a person and a finished one are not (409, saying why). No workers here, so
// that none takes a run while the test looks at it.
TEST(RunResumeTest, ResumeSaysWhetherTheWorkersWillTakeTheRun) {
  ServerSetup setup;
  setup.authenticate = testing::StandInAuthenticate;
  setup.workers = 0;
  ServerFixture server(std::move(setup));
  httplib::Client client = server.Client();
  store::Store& store = server.store();
  const TimePoint now = DefaultClock().Now();
  const std::string owner = "elsewhere:1:abcdef";
  auto create = [&](const std::string& id) {
    EXPECT_TRUE(store
                    .CreateRun({.id = id,
                                .bot = "echo",
                                .inputs = Value::object(),
                                .created_at = FormatRfc3339(now)})
                    .ok());
  };
  auto claim = [&](const std::string& id, TimePoint at) {
    auto claimed = store.ClaimRun(id, {owner, at, Millis(30000)});
    EXPECT_TRUE(claimed.has_value());
    return claimed ? claimed->attempt : 0;
  };
  create("r-queued");
  create("r-held");
  claim("r-held", now);
  create("r-lapsed");
  claim("r-lapsed", now - std::chrono::hours(1));
  create("r-waiting");
  ASSERT_TRUE(
      store.FinishAttempt("r-waiting", claim("r-waiting", now), store::RunState::kWaitingReview)
          .ok());
  create("r-done");
  ASSERT_TRUE(
      store.FinishAttempt("r-done", claim("r-done", now), store::RunState::kSucceeded).ok());

  const std::pair<const char*, int> cases[] = {{"r-queued", 202}, {"r-lapsed", 202},
                                               {"r-held", 409},   {"r-waiting", 409},
                                               {"r-done", 409},   {"r-none", 404}};
  for (const auto& [id, status] : cases) {
    auto r = client.Post(std::string("/api/v1/runs/") + id + "/resume", As("developer"), "",
                         "application/json");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, status) << id << ": " << r->body;
  }
  auto why = [&](const std::string& id) {
    return JsonOf(client.Post("/api/v1/runs/" + id + "/resume", As("developer"), "",
                              "application/json"))
        .value("detail", "");
  };
  EXPECT_NE(why("r-held").find(owner), std::string::npos);
  EXPECT_NE(why("r-waiting").find("review decision"), std::string::npos);
  EXPECT_NE(why("r-done").find("succeeded"), std::string::npos);
  auto r = client.Post("/api/v1/runs/r-queued/resume", As("operator"), "", "application/json");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 403);
}

}  // namespace
}  // namespace travet::server
