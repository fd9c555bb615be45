// Webhooks over real HTTP on 127.0.0.1, signed in with real API tokens of
// the store's users: a bot with a webhook trigger is started with its inputs
// as the body, and the server's worker runs it.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "runtime/auth/passwords.h"
#include "runtime/auth/tokens.h"
#include "tests/runtime/server/server_fixture.h"

namespace travet::server {
namespace {

using testing::JsonOf;
using testing::ServerFixture;
using testing::ServerSetup;

constexpr char kHookBot[] = R"(bot: order-hook
inputs:
  order: { type: string }
  amount: { type: number, default: 0 }
triggers:
  - cron: "0 8 31 2 *"   # never: the webhook is trigger #2
  - webhook: true
steps:
  - id: noted
    uses: set
    with: { line: "order ${{ inputs.order }}: ${{ inputs.amount }}" }
)";

class WebhookTest : public ::testing::Test {
 protected:
  WebhookTest() {
    developer_ = Bearer("ci", store::Role::kDeveloper);
    operator_ = Bearer("ugo", store::Role::kOperator);
  }

  static ServerSetup HookSetup() {
    ServerSetup setup;  // the real sign-in: sessions and API tokens
    setup.bots.emplace_back("order_hook.yaml", kHookBot);
    return setup;
  }

  // A user with `role` and an API token, as "Authorization: Bearer TOKEN".
  httplib::Headers Bearer(const std::string& name, store::Role role) {
    auto text = [](const Result<std::string>& r) { return r ? *r : std::string(); };
    auto hash = auth::HashPassword("correct horse battery");
    auto token = auth::NewApiToken();
    auto id = auth::NewTokenId();
    EXPECT_TRUE(hash && token && id);
    EXPECT_TRUE(server_.store().CreateUser({.name = name, .role = role}, text(hash)).ok());
    EXPECT_TRUE(server_.store()
                    .AddToken({.id = text(id),
                               .user = name,
                               .hash = auth::HashSecret(text(token)),
                               .created_at = FormatRfc3339(DefaultClock().Now())})
                    .ok());
    return {{"Authorization", "Bearer " + text(token)}};
  }

  httplib::Result Hook(const std::string& bot, const std::string& body,
                       const httplib::Headers& headers) {
    auto client = server_.Client();
    return client.Post("/api/v1/hooks/" + bot, headers, body, "application/json");
  }

  size_t RunCount() {
    auto runs = server_.store().ListRuns({.limit = 0});
    EXPECT_TRUE(runs.has_value());
    return runs ? runs->size() : 0;
  }

  ServerFixture server_{HookSetup()};
  httplib::Headers developer_;
  httplib::Headers operator_;
};

// The body is the inputs; the answer comes before the run, which the
// server's worker then executes to the end.
TEST_F(WebhookTest, AWebhookQueuesARunThatTheWorkerExecutes) {
  auto r = Hook("order-hook", R"({"order": "A-17", "amount": 12.5})", developer_);
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 202) << r->body;
  const std::string id = JsonOf(r)["id"];
  EXPECT_EQ(r->get_header_value("Location"), "/api/v1/runs/" + id);
  EXPECT_EQ(JsonOf(r)["bot"], "order-hook");
  auto client = server_.Client();
  Value run;
  for (int i = 0; i < 200 && run["state"] != "succeeded"; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    run = JsonOf(client.Get("/api/v1/runs/" + id, developer_));
  }
  ASSERT_EQ(run["state"], "succeeded") << run.dump();
  EXPECT_EQ(run["steps"][0]["output"]["line"], "order A-17: 12.5");
}

TEST_F(WebhookTest, OnlyABotWithAWebhookTriggerHasAWebhook) {
  // echo (the fixture's bot) is served but has no webhook trigger: the same
  // answer as a bot that does not exist.
  for (const std::string bot : {"echo", "nobody"}) {
    auto r = Hook(bot, "{}", developer_);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 404);
    EXPECT_EQ(r->get_header_value("Content-Type"), "application/problem+json");
    EXPECT_EQ(JsonOf(r)["detail"],
              "no valid bot named '" + bot + "' with a webhook trigger is served");
  }
  EXPECT_EQ(RunCount(), 0u);
}

TEST_F(WebhookTest, BadInputsAreRefusedAsStartRunRefusesThem) {
  auto r = Hook("order-hook", R"({"amount": 3})", developer_);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 400);
  EXPECT_EQ(JsonOf(r)["type"], "urn:travet:problem:invalid-input");
  EXPECT_EQ(JsonOf(r)["detail"], "missing input 'order'") << r->body;
  r = Hook("order-hook", R"({"order": "A-1", "amuont": 3})", developer_);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 400);
  EXPECT_NE(JsonOf(r)["detail"].get<std::string>().find("amuont"), std::string::npos) << r->body;
  r = Hook("order-hook", R"({"order": "A-1", "amount": "much"})", developer_);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 400);
  for (const char* body : {"[1, 2]", "\"A-1\"", "{\"order\": "}) {
    r = Hook("order-hook", body, developer_);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 400) << body;
    EXPECT_EQ(JsonOf(r)["detail"], "the body must be a JSON object of the run's inputs");
  }
  EXPECT_EQ(RunCount(), 0u);
}

// A webhook is called by another system: it needs an API token of a role
// that may start runs.
TEST_F(WebhookTest, AWebhookNeedsATokenOfARoleThatStartsRuns) {
  auto r = Hook("order-hook", R"({"order": "A-1"})", {});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 401);
  r = Hook("order-hook", R"({"order": "A-1"})", {{"Authorization", "Bearer trv_forged"}});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 401);
  r = Hook("order-hook", R"({"order": "A-1"})", operator_);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 403);
  EXPECT_EQ(RunCount(), 0u);
}

// A caller that retries a delivery (a timeout, a lost answer) sends the same
// Idempotency-Key: the first run is answered again and no other is queued,
// even when the retries come at the same time.
TEST_F(WebhookTest, OneIdempotencyKeyStartsOneRun) {
  httplib::Headers keyed = developer_;
  keyed.emplace("Idempotency-Key", "delivery-7f3a");
  auto first = Hook("order-hook", R"({"order": "A-7"})", keyed);
  ASSERT_TRUE(first);
  ASSERT_EQ(first->status, 202) << first->body;
  EXPECT_FALSE(first->has_header("Idempotent-Replayed"));
  const std::string id = JsonOf(first)["id"];
  std::vector<std::thread> retries;
  std::vector<std::string> ids(6);
  for (size_t i = 0; i < ids.size(); ++i) {
    retries.emplace_back([&, i] {
      auto r = Hook("order-hook", R"({"order": "A-7"})", keyed);
      ids[i] = r && r->status == 202 && r->get_header_value("Idempotent-Replayed") == "true"
                   ? r->get_header_value("Location")
                   : "";
    });
  }
  for (std::thread& t : retries) {
    t.join();
  }
  for (const std::string& location : ids) {
    EXPECT_EQ(location, "/api/v1/runs/" + id);
  }
  EXPECT_EQ(RunCount(), 1u);
  httplib::Headers other = developer_;
  other.emplace("Idempotency-Key", "delivery-8b21");
  auto next = Hook("order-hook", R"({"order": "A-8"})", other);
  ASSERT_TRUE(next);
  EXPECT_EQ(next->status, 202);
  EXPECT_NE(JsonOf(next)["id"], id);
  httplib::Headers too_long = developer_;
  too_long.emplace("Idempotency-Key", std::string(256, 'k'));
  auto refused = Hook("order-hook", R"({"order": "A-9"})", too_long);
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 400);
  EXPECT_EQ(JsonOf(refused)["detail"],
            "Idempotency-Key must be 1 to 255 printable ASCII characters");
  EXPECT_EQ(RunCount(), 2u);
}

TEST_F(WebhookTest, APausedWebhookStartsNothing) {
  ASSERT_TRUE(
      server_.store().PauseTrigger({"order-hook", "webhook#2", "anna", DefaultClock().Now()}));
  auto r = Hook("order-hook", R"({"order": "A-1"})", developer_);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 409);
  EXPECT_EQ(JsonOf(r)["type"], "urn:travet:problem:paused");
  EXPECT_EQ(RunCount(), 0u);
  ASSERT_TRUE(
      server_.store().ResumeTrigger({"order-hook", "webhook#2", "anna", DefaultClock().Now()}));
  r = Hook("order-hook", R"({"order": "A-1"})", developer_);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 202) << r->body;
}

}  // namespace
}  // namespace travet::server
