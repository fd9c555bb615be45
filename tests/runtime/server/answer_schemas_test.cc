// The answers a real server gives, checked against the schemas the OpenAPI
// document declares for them (ajv, draft 2020-12, with Node.js from
// tests/js): a client generated from the document reads what the server
// writes. Every named answer schema must meet at least one real answer.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <thread>

#include "runtime/server/openapi.h"
#include "runtime/server/routes.h"
#include "tests/runtime/server/server_fixture.h"

namespace travet::server {
namespace {

namespace fs = std::filesystem;
using testing::As;
using testing::JsonOf;
using testing::ServerFixture;
using testing::ServerSetup;

const fs::path kChecker = fs::path(TRAVET_SOURCE_DIR) / "tests/js/check_answers.mjs";

struct AnswerVerdict {
  int exit_code = -1;
  std::string output;
};

// Records each answer with the route path it was asked through.
class AnswerLog {
 public:
  explicit AnswerLog(httplib::Client& client) : client_(client) {}

  Value Ask(const std::string& method, const std::string& route, const std::string& path,
            const httplib::Headers& headers, const std::string& body = "") {
    httplib::Result r = method == "get"     ? client_.Get(path, headers)
                        : method == "patch" ? client_.Patch(path, headers, body, "application/json")
                                            : client_.Post(path, headers, body, "application/json");
    EXPECT_TRUE(r) << method << " " << path;
    if (!r) {
      return Value();
    }
    EXPECT_LT(r->status, 300) << method << " " << path << ": " << r->body;
    const Value answer = JsonOf(r);
    answers_.push_back(
        {{"method", method}, {"path", route}, {"status", r->status}, {"body", answer}});
    last_etag_ = r->get_header_value("ETag");
    return answer;
  }

  const Value& answers() const { return answers_; }
  const std::string& last_etag() const { return last_etag_; }

 private:
  httplib::Client& client_;
  Value answers_ = Value::array();
  std::string last_etag_;
};

// Runs the checker on the served document and `answers`.
AnswerVerdict Check(const travet::testing::TempDir& dir, const Value& answers) {
  const fs::path document = dir.Write("openapi.json", OpenApiDocument(ApiRoutes(), "test").dump());
  const fs::path file = dir.Write("answers.json", answers.dump());
  const fs::path out = dir.path() / "checker.out";
  const std::string command = "node '" + kChecker.string() + "' '" + document.string() + "' '" +
                              file.string() + "' > '" + out.string() + "' 2>&1";
  const int status = std::system(command.c_str());
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, travet::testing::ReadFile(out)};
}

Value Finished(httplib::Client& client, const std::string& id) {
  Value run;
  for (int i = 0; i < 200; ++i) {
    run = JsonOf(client.Get("/api/v1/runs/" + id, As("developer")));
    if (run.value("state", "") == "succeeded" || run.value("state", "") == "failed") {
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return run;
}

class AnswerSchemasTest : public ::testing::Test {
 protected:
  static ServerSetup BatchServer() {
    ServerSetup setup;
    setup.authenticate = testing::StandInAuthenticate;
    setup.bots.emplace_back("batch.yaml", testing::kBatchBot);
    return setup;
  }

  // Runs, items, bots, schedules, health. (Resume answers a Run too, met
  // here by the start; a queued run to resume would race the worker.)
  std::string AskAboutRuns() {
    log_.Ask("get", "/healthz", "/healthz", {});
    log_.Ask("get", "/readyz", "/readyz", {});
    log_.Ask("get", "/api/v1/session", "/api/v1/session", As("developer"));
    log_.Ask("get", "/api/v1/bots", "/api/v1/bots", As("developer"));
    log_.Ask("get", "/api/v1/bots/{bot}", "/api/v1/bots/batch", As("developer"));
    log_.Ask("post", "/api/v1/bots/validate", "/api/v1/bots/validate", As("developer"),
             Value{{"text", testing::kEchoBot}}.dump());
    log_.Ask("get", "/api/v1/schedules", "/api/v1/schedules", As("developer"));
    log_.Ask("get", "/api/v1/schedules/{bot}", "/api/v1/schedules/batch", As("developer"));
    log_.Ask("post", "/api/v1/hooks/{bot}", "/api/v1/hooks/batch", As("developer"), "{}");
    const std::string id = log_.Ask("post", "/api/v1/bots/{bot}/runs", "/api/v1/bots/batch/runs",
                                    As("developer"), "{}")
                               .value("id", "");
    EXPECT_EQ(Finished(client_, id)["state"], "succeeded");
    log_.Ask("get", "/api/v1/runs", "/api/v1/runs", As("developer"));
    log_.Ask("post", "/api/v1/runs/{id}/items/retry", "/api/v1/runs/" + id + "/items/retry",
             As("developer"));
    EXPECT_EQ(Finished(client_, id)["state"], "succeeded");
    log_.Ask("get", "/api/v1/runs/{id}", "/api/v1/runs/" + id, As("developer"));
    log_.Ask("get", "/api/v1/kpi", "/api/v1/kpi", As("developer"));
    return id;
  }

  // Review tasks: list, show, claim, release, approve (and history).
  void AskAboutReview(const std::string& run_id) {
    for (const char* id : {"t-1", "t-2"}) {
      store::ReviewTask task{.id = id, .run_id = run_id, .step_path = std::string("check-") + id};
      task.fields = {{"total", {{"value", "12,50"}, {"confidence", 62}, {"box", {1, 2, 3, 4}}}}};
      const Status created = server_.store().CreateTask(task);
      ASSERT_TRUE(created.ok()) << created.ToString();
    }
    const std::string task = "/api/v1/review/tasks/t-1";
    log_.Ask("get", "/api/v1/review/tasks", "/api/v1/review/tasks", As("admin"));
    log_.Ask("get", "/api/v1/review/tasks/{id}", task, As("admin"));
    auto with_etag = [&] {
      httplib::Headers headers = As("admin");
      headers.emplace("If-Match", log_.last_etag());
      return headers;
    };
    log_.Ask("post", "/api/v1/review/tasks/{id}/claim", task + "/claim", with_etag());
    log_.Ask("post", "/api/v1/review/tasks/{id}/release", task + "/release", with_etag());
    log_.Ask("post", "/api/v1/review/tasks/{id}/approve", task + "/approve", with_etag(),
             R"({"corrections": {"total": "12,60"}})");
    log_.Ask("get", "/api/v1/review/tasks/{id}", "/api/v1/review/tasks/t-2", As("admin"));
    log_.Ask("post", "/api/v1/review/tasks/{id}/reject", "/api/v1/review/tasks/t-2/reject",
             with_etag(), R"({"reason": "not an invoice"})");
    log_.Ask("get", "/api/v1/review/tasks/{id}/history", task + "/history", As("admin"));
  }

  // Users and tokens.
  void AskAboutUsers() {
    const std::string anna = "/api/v1/users/anna";
    log_.Ask("post", "/api/v1/users", "/api/v1/users", As("admin"),
             R"({"name": "anna", "role": "operator", "queues": ["default"],
                 "password": "correct horse battery"})");
    log_.Ask("get", "/api/v1/users", "/api/v1/users", As("admin"));
    log_.Ask("get", "/api/v1/users/{user}", anna, As("admin"));
    log_.Ask("patch", "/api/v1/users/{user}", anna, As("admin"),
             R"({"queues": ["default", "protocol"]})");
    log_.Ask("post", "/api/v1/users/{user}/disable", anna + "/disable", As("admin"));
    log_.Ask("post", "/api/v1/users/{user}/enable", anna + "/enable", As("admin"));
    log_.Ask("post", "/api/v1/users/{user}/tokens", anna + "/tokens", As("admin"));
    log_.Ask("get", "/api/v1/users/{user}/tokens", anna + "/tokens", As("admin"));
  }

  travet::testing::TempDir dir_;
  ServerFixture server_{BatchServer()};
  httplib::Client client_ = server_.Client();
  AnswerLog log_{client_};
};

TEST_F(AnswerSchemasTest, RealAnswersMatchTheirDeclaredSchemas) {
  ASSERT_TRUE(fs::exists(kChecker));
  const std::string run_id = AskAboutRuns();
  AskAboutReview(run_id);
  AskAboutUsers();
  const AnswerVerdict verdict = Check(dir_, log_.answers());
  EXPECT_EQ(verdict.exit_code, 0) << verdict.output;
  EXPECT_NE(verdict.output.find(" 0 problems"), std::string::npos) << verdict.output;
}

// The check can fail: a run without its state, and a schema no answer met.
TEST_F(AnswerSchemasTest, AnAnswerThatDoesNotMatchIsNamed) {
  Value answers = Value::array();
  answers.push_back({{"method", "get"},
                     {"path", "/api/v1/runs/{id}"},
                     {"status", 200},
                     {"body", {{"id", "r-1"}, {"bot", "batch"}}}});
  const AnswerVerdict verdict = Check(dir_, answers);
  EXPECT_NE(verdict.exit_code, 0) << verdict.output;
  EXPECT_NE(verdict.output.find("GET /api/v1/runs/{id} 200: / must have required property"),
            std::string::npos)
      << verdict.output;
  EXPECT_NE(verdict.output.find("TokenList: no answer was checked against it"), std::string::npos)
      << verdict.output;
}

}  // namespace
}  // namespace travet::server
