// The server over real HTTP on 127.0.0.1: routing, problems, request ids,
// roles over every route, CSRF, OpenAPI, runs through the workers, metrics.
// Who the caller is comes from a stand-in for the sign-in (the bearer token
// names a role); sign-in itself is tested in auth_routes_test.cc.
#include <gtest/gtest.h>

#include <chrono>
#include <set>
#include <thread>

#include "runtime/server/routes.h"
#include "tests/runtime/server/server_fixture.h"

namespace travet::server {
namespace {

using testing::As;
using testing::JsonOf;
using testing::ServerFixture;
using testing::ServerSetup;
using testing::StandInAuthenticate;

ServerSetup StandIn() {
  ServerSetup setup;
  setup.authenticate = StandInAuthenticate;
  return setup;
}

TEST(ServerTest, AnswersHealthWithARequestId) {
  ServerFixture server(StandIn());
  auto client = server.Client();
  auto r = client.Get("/healthz");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(JsonOf(r)["status"], "ok");
  EXPECT_EQ(r->get_header_value("X-Request-Id").size(), 16u);
  r = client.Get("/readyz", {{"X-Request-Id", "ticket-4711"}});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->get_header_value("X-Request-Id"), "ticket-4711");
  r = client.Get("/healthz", {{"X-Request-Id", "<script>"}});
  ASSERT_TRUE(r);
  EXPECT_NE(r->get_header_value("X-Request-Id"), "<script>");
}

TEST(ServerTest, UnknownPathsAndMethodsAreProblems) {
  ServerFixture server(StandIn());
  auto client = server.Client();
  auto r = client.Get("/api/v1/nothing-here", As("admin"));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 404);
  EXPECT_EQ(r->get_header_value("Content-Type"), "application/problem+json");
  const Value problem = JsonOf(r);
  EXPECT_EQ(problem["type"], "urn:travet:problem:not-found");
  EXPECT_EQ(problem["status"], 404);
  EXPECT_TRUE(problem["title"].is_string());
  r = client.Delete("/api/v1/bots", As("admin"));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 405);
  EXPECT_EQ(r->get_header_value("Allow"), "GET");
  EXPECT_EQ(JsonOf(r)["type"], "urn:travet:problem:method-not-allowed");
}

// A concrete path for a route: its {parameters} filled with a value.
std::string Concrete(const Route& route) {
  std::string path = route.path;
  for (const std::string& name : PathParameters(route.path)) {
    path.replace(path.find("{" + name + "}"), name.size() + 2, name == "bot" ? "echo" : "x-1");
  }
  return path;
}

httplib::Result Call(httplib::Client& client, const Route& route, const httplib::Headers& headers) {
  const std::string path = Concrete(route);
  const std::string method = route.method;
  if (method == "GET") {
    return client.Get(path, headers);
  }
  if (method == "DELETE") {
    return client.Delete(path, headers);
  }
  if (method == "PUT") {
    return client.Put(path, headers, "{}", "application/json");
  }
  if (method == "PATCH") {
    return client.Patch(path, headers, "{}", "application/json");
  }
  return client.Post(path, headers, "{}", "application/json");
}

// Every route of the table, called by nobody, each role and a refused token:
// a route for kAnyone never answers 401/403; another answers 401 without
// credentials or with a stale token, 403 to a role it does not admit, and
// neither to one it admits.
TEST(ServerTest, TheRoleMatrixHoldsOnEveryRoute) {
  ServerFixture server(StandIn());
  auto client = server.Client();
  for (const Route& route : ApiRoutes()) {
    SCOPED_TRACE(std::string(route.method) + " " + route.path);
    auto anonymous = Call(client, route, {});
    ASSERT_TRUE(anonymous);
    if (route.access == kAnyone) {
      EXPECT_NE(anonymous->status, 401);
      EXPECT_NE(anonymous->status, 403);
      continue;
    }
    EXPECT_EQ(anonymous->status, 401);
    auto stale = Call(client, route, {{"Authorization", "Bearer stale"}});
    ASSERT_TRUE(stale);
    EXPECT_EQ(stale->status, 401);
    for (const auto& [name, role] :
         {std::pair{"operator", kOperator}, {"developer", kDeveloper}, {"admin", kAdmin}}) {
      auto r = Call(client, route, As(name));
      ASSERT_TRUE(r);
      if ((route.access & role) != 0) {
        EXPECT_NE(r->status, 401) << name;
        EXPECT_NE(r->status, 403) << name << ": " << r->body;
      } else {
        EXPECT_EQ(r->status, 403) << name;
        EXPECT_EQ(JsonOf(r)["type"], "urn:travet:problem:forbidden");
      }
    }
  }
}

TEST(ServerTest, ACookieSessionNeedsItsCsrfTokenToChangeAnything) {
  ServerFixture server(StandIn());
  auto client = server.Client();
  const httplib::Headers cookie = {{"Cookie", "travet_session=as-developer"}};
  auto read = client.Get("/api/v1/bots", cookie);
  ASSERT_TRUE(read);
  EXPECT_EQ(read->status, 200);  // reading needs no token
  auto r = client.Post("/api/v1/bots/echo/runs", cookie, "{}", "application/json");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 403);
  EXPECT_EQ(JsonOf(r)["type"], "urn:travet:problem:csrf");
  httplib::Headers wrong = cookie;
  wrong.emplace("X-CSRF-Token", "good-csrg");
  r = client.Post("/api/v1/bots/echo/runs", wrong, "{}", "application/json");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 403);
  httplib::Headers right = cookie;
  right.emplace("X-CSRF-Token", "good-csrf");
  r = client.Post("/api/v1/bots/echo/runs", right, "{}", "application/json");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 202) << r->body;
}

TEST(ServerTest, TheOpenApiDocumentDescribesEveryRoute) {
  ServerFixture server(StandIn());
  auto client = server.Client();
  auto r = client.Get("/api/v1/openapi.json");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200);
  const Value doc = JsonOf(r);
  EXPECT_EQ(doc["openapi"], "3.1.0");
  std::set<std::string> operation_ids;
  size_t operations = 0;
  for (const auto& [path, methods] : doc["paths"].items()) {
    for (const auto& [method, op] : methods.items()) {
      ++operations;
      operation_ids.insert(op["operationId"].get<std::string>());
    }
  }
  EXPECT_EQ(operations, ApiRoutes().size());
  EXPECT_EQ(operation_ids.size(), operations) << "operationIds must be unique";
  for (const Route& route : ApiRoutes()) {
    std::string method = route.method;
    for (char& c : method) {
      c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    ASSERT_TRUE(doc["paths"].contains(route.path)) << route.path;
    const Value& op = doc["paths"][route.path][method];
    ASSERT_TRUE(op.is_object()) << route.method << " " << route.path;
    EXPECT_TRUE(op["responses"].contains(std::to_string(route.success))) << route.path;
    EXPECT_EQ(op.contains("security") && op["security"].empty(), route.access == kAnyone);
  }
}

// A run queued through the API is executed by the server's worker.
TEST(ServerTest, ARunQueuedThroughTheApiIsExecuted) {
  ServerFixture server(StandIn());
  auto client = server.Client();
  auto r = client.Post("/api/v1/bots/echo/runs", As("developer"),
                       R"({"inputs": {"name": "Torino"}})", "application/json");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 202) << r->body;
  const std::string location = r->get_header_value("Location");
  const std::string id = JsonOf(r)["id"];
  EXPECT_EQ(location, "/api/v1/runs/" + id);
  Value run;
  for (int i = 0; i < 200 && run["state"] != "succeeded"; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    run = JsonOf(client.Get(location, As("developer")));
  }
  ASSERT_EQ(run["state"], "succeeded") << run.dump();
  ASSERT_EQ(run["steps"].size(), 1u);
  EXPECT_EQ(run["steps"][0]["output"]["greeting"], "hello Torino");
  auto list = JsonOf(client.Get("/api/v1/runs?bot=echo&state=succeeded", As("admin")));
  ASSERT_EQ(list["runs"].size(), 1u);
  EXPECT_EQ(list["runs"][0]["id"], id);
}

TEST(ServerTest, BadInputsAndUnknownBotsAreProblemsAndStartNothing) {
  ServerFixture server(StandIn());
  auto client = server.Client();
  auto r = client.Post("/api/v1/bots/echo/runs", As("developer"), R"({"inputs": {"nmae": "x"}})",
                       "application/json");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 400);
  EXPECT_NE(JsonOf(r)["detail"].get<std::string>().find("nmae"), std::string::npos) << r->body;
  r = client.Post("/api/v1/bots/echo/runs", As("developer"), "[1, 2", "application/json");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 400);
  r = client.Post("/api/v1/bots/nobody/runs", As("developer"), "{}", "application/json");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 404);
  auto runs = server.store().ListRuns({});
  ASSERT_TRUE(runs.has_value());
  EXPECT_TRUE(runs->empty());
}

// A list input nested deeper than kMaxJsonDepth would be walked recursively
// by every step of the run (copies, checkpoints, Lua) and end the process:
// such a body is refused before it is parsed, and no run is recorded. A body
// over the size limit is refused too; the server goes on answering.
TEST(ServerTest, HostileBodiesAreRefusedAndTheServerGoesOn) {
  ServerSetup setup = StandIn();
  setup.bots.emplace_back("lists.yaml", R"(bot: lists
inputs:
  items: { type: list, default: [] }
steps:
  - id: count
    uses: set
    with: { n: "${{ #inputs.items }}" }
)");
  ServerFixture server(setup);
  auto client = server.Client();
  const std::string deep =
      R"({"inputs": {"items": )" + std::string(5000, '[') + std::string(5000, ']') + "}}";
  auto r = client.Post("/api/v1/bots/lists/runs", As("developer"), deep, "application/json");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 400) << r->body;
  EXPECT_EQ(JsonOf(r)["type"], "urn:travet:problem:invalid-input");
  auto huge = client.Post("/api/v1/bots/echo/runs", As("developer"), std::string(9u << 20, ' '),
                          "application/json");
  ASSERT_TRUE(huge);
  EXPECT_EQ(huge->status, 413);
  auto alive = client.Get("/healthz");
  ASSERT_TRUE(alive);
  EXPECT_EQ(alive->status, 200);
  auto runs = server.store().ListRuns({});
  ASSERT_TRUE(runs.has_value());
  EXPECT_TRUE(runs->empty());
}

TEST(ServerTest, ABotThatDoesNotValidateIsListedWithItsErrorsAndNotRun) {
  ServerSetup setup = StandIn();
  setup.bots.emplace_back("broken.yaml", "bot: broken\nsteps:\n  - uses: no.such.action\n");
  ServerFixture server(setup);
  auto client = server.Client();
  const Value bots = JsonOf(client.Get("/api/v1/bots", As("operator")));
  ASSERT_EQ(bots["bots"].size(), 2u) << bots.dump();
  const Value& broken = bots["bots"][0];
  EXPECT_EQ(broken["name"], "broken");
  EXPECT_EQ(broken["valid"], false);
  ASSERT_FALSE(broken["errors"].empty());
  EXPECT_NE(broken["errors"][0].get<std::string>().find("broken.yaml:3:"), std::string::npos)
      << broken.dump();
  EXPECT_EQ(bots["bots"][1]["valid"], true);
  auto r = client.Post("/api/v1/bots/broken/runs", As("developer"), "{}", "application/json");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 404);
}

TEST(ServerTest, AReloadServesTheBotsFolderAsItIsNow) {
  ServerFixture server(StandIn());
  auto client = server.Client();
  server.dir().Write("bots/second.yaml", std::string(testing::kEchoBot).replace(5, 4, "second"));
  server.Reload();
  Value bots;
  for (int i = 0; i < 100 && bots["bots"].size() < 2; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    bots = JsonOf(client.Get("/api/v1/bots", As("operator")));
  }
  ASSERT_EQ(bots["bots"].size(), 2u) << bots.dump();
  EXPECT_EQ(bots["bots"][1]["name"], "second");
}

TEST(ServerTest, MetricsCountRequestsByRouteAndStatus) {
  ServerFixture server(StandIn());
  auto client = server.Client();
  ASSERT_TRUE(client.Get("/api/v1/runs/r-none", As("developer")));
  auto r = client.Get("/metrics");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_TRUE(r->get_header_value("Content-Type").starts_with("text/plain; version=0.0.4"));
  EXPECT_NE(
      r->body.find(
          R"(travet_http_requests_total{route="/api/v1/runs/{id}",method="GET",status="404"} 1)"),
      std::string::npos)
      << r->body;
  EXPECT_NE(
      r->body.find(
          "travet_http_request_duration_seconds_bucket{route=\"/api/v1/runs/{id}\",le=\"+Inf\"} 1"),
      std::string::npos);
}

}  // namespace
}  // namespace travet::server
