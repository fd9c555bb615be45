// Review tasks over real HTTP on 127.0.0.1: a bot's `review` step waits in
// the server's worker, operators list, show, claim and decide its task with
// If-Match, and the worker resumes the run. The stand-in for the sign-in
// gives each bearer token a user, a role and review queues.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "runtime/server/routes.h"
#include "tests/runtime/server/server_fixture.h"

namespace travet::server {
namespace {

using testing::JsonOf;
using testing::ServerFixture;
using testing::ServerSetup;

// Reads a VAT number and a total for review in the queue of its input.
constexpr char kReviewBot[] = R"(bot: invoice-check
inputs:
  queue: { type: string, default: fatture }
steps:
  - id: checked
    uses: review
    with:
      queue: "${{ inputs.queue }}"
      instructions: Compare with the scan
      fields:
        vat: { value: "01234567890", raw: "0l234567890", confidence: 55, page: 1, box: [10, 20, 200, 40], valid: false, type: partita_iva, verdict: "check digit is 0, expected 7" }
        total: { value: "1464.00", confidence: 96, valid: true, type: amount }
  - id: after
    uses: set
    with: { vat: "${{ steps.checked.fields.vat }}", reviewer: "${{ steps.checked.reviewer }}" }
)";

// The same, for a queue where two different people must approve.
constexpr char kFourEyesBot[] = R"(bot: payment-check
steps:
  - id: checked
    uses: review
    with:
      queue: fatture
      approvals: 2
      fields: { iban: "IT60X0542811101000000123456" }
)";

struct ReviewUser {
  const char* token;
  const char* name;
  Access role;
  std::vector<std::string> queues;
};

// "Bearer as-<token>" signs in the user of that row.
const ReviewUser kReviewUsers[] = {
    {"operator", "ugo", kOperator, {"fatture"}},
    {"second-operator", "lia", kOperator, {"fatture", "ordini"}},
    {"other-operator", "eva", kOperator, {"ordini"}},
    {"admin", "root", kAdmin, {}},
    {"developer", "anna", kDeveloper, {}},
};

Result<std::optional<Caller>> ReviewAuthenticate(const ApiRequest& request) {
  for (const ReviewUser& user : kReviewUsers) {
    if (request.Header("authorization") == std::string("Bearer as-") + user.token) {
      return std::optional<Caller>(Caller{user.name, user.role, user.queues, false, ""});
    }
  }
  return std::optional<Caller>();
}

httplib::Headers ReviewAs(const std::string& token, const std::string& if_match = "") {
  httplib::Headers headers = {{"Authorization", "Bearer as-" + token}};
  if (!if_match.empty()) {
    headers.emplace("If-Match", if_match);
  }
  return headers;
}

class ReviewRoutesTest : public ::testing::Test {
 protected:
  ReviewRoutesTest() : server_(ReviewSetup()), client_(server_.Client()) {}

  static ServerSetup ReviewSetup() {
    ServerSetup setup;
    setup.bots = {{"invoice-check.yaml", kReviewBot}, {"payment-check.yaml", kFourEyesBot}};
    setup.authenticate = ReviewAuthenticate;
    return setup;
  }

  // Starts a run of `bot` and waits until it waits for review.
  std::string StartRun(const std::string& bot, const Value& inputs = Value::object()) {
    auto r = client_.Post("/api/v1/bots/" + bot + "/runs", ReviewAs("admin"),
                          Value{{"inputs", inputs}}.dump(), "application/json");
    EXPECT_TRUE(r && r->status == 202) << (r ? r->body : "no answer");
    std::string id = JsonOf(r).value("id", "");
    EXPECT_EQ(WaitFor(id, "waiting_review")["state"], "waiting_review");
    return id;
  }

  // Polls the run until it is in `state` (or 10 s passed); returns it.
  Value WaitFor(const std::string& run, const std::string& state) {
    Value answer;
    for (int i = 0; i < 200 && answer["state"] != state; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
      answer = JsonOf(client_.Get("/api/v1/runs/" + run, ReviewAs("admin")));
    }
    return answer;
  }

  // The id of the task of `run`, as the admin lists it.
  std::string TaskOf(const std::string& run) {
    const Value list = JsonOf(client_.Get("/api/v1/review/tasks", ReviewAs("admin")));
    for (const Value& task : list["tasks"]) {
      if (task["run_id"] == run) {
        return task["id"];
      }
    }
    ADD_FAILURE() << "no task of run " << run << " in " << list.dump();
    return "";
  }

  std::string ETag(const std::string& task, const std::string& token = "operator") {
    auto r = client_.Get("/api/v1/review/tasks/" + task, ReviewAs(token));
    EXPECT_TRUE(r && r->status == 200) << (r ? r->body : "no answer");
    return r ? r->get_header_value("ETag") : "";
  }

  httplib::Result Act(const std::string& task, const std::string& verb, const std::string& token,
                      const std::string& if_match, const Value& body = Value::object()) {
    return client_.Post("/api/v1/review/tasks/" + task + "/" + verb, ReviewAs(token, if_match),
                        body.dump(), "application/json");
  }

  ServerFixture server_;
  httplib::Client client_;
};

TEST_F(ReviewRoutesTest, AnOperatorListsOnlyTheQueuesTheyWork) {
  const std::string fatture = StartRun("invoice-check");
  const std::string ordini = StartRun("invoice-check", {{"queue", "ordini"}});
  Value list = JsonOf(client_.Get("/api/v1/review/tasks", ReviewAs("operator")));
  ASSERT_EQ(list["tasks"].size(), 1u) << list.dump();
  EXPECT_EQ(list["tasks"][0]["run_id"], fatture);
  EXPECT_EQ(list["tasks"][0]["queue"], "fatture");
  EXPECT_EQ(list["tasks"][0]["bot"], "invoice-check") << "the web page filters by bot";
  list = JsonOf(client_.Get("/api/v1/review/tasks", ReviewAs("second-operator")));
  EXPECT_EQ(list["tasks"].size(), 2u) << list.dump();
  list = JsonOf(client_.Get("/api/v1/review/tasks?queue=ordini&limit=1", ReviewAs("admin")));
  ASSERT_EQ(list["tasks"].size(), 1u) << list.dump();
  EXPECT_EQ(list["tasks"][0]["run_id"], ordini);
  list = JsonOf(client_.Get("/api/v1/review/tasks?state=approved", ReviewAs("operator")));
  EXPECT_TRUE(list["tasks"].empty()) << list.dump();

  auto r = client_.Get("/api/v1/review/tasks?queue=ordini", ReviewAs("operator"));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 403);
  EXPECT_EQ(JsonOf(r)["detail"], "ugo does not work review queue 'ordini'");
  r = client_.Get("/api/v1/review/tasks?state=done", ReviewAs("operator"));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 400);
  EXPECT_EQ(JsonOf(r)["detail"],
            "state: 'done' is not a task state (pending, claimed, approved, rejected, expired)");
}

TEST_F(ReviewRoutesTest, ATaskIsShownWithItsFieldsAndAnETag) {
  const std::string task = TaskOf(StartRun("invoice-check"));
  auto r = client_.Get("/api/v1/review/tasks/" + task, ReviewAs("operator"));
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  const std::string etag = r->get_header_value("ETag");
  EXPECT_EQ(etag.size(), 34u) << etag;
  EXPECT_EQ(etag.front(), '"');
  const Value shown = JsonOf(r);
  EXPECT_EQ(shown["state"], "pending");
  EXPECT_EQ(shown["instructions"], "Compare with the scan");
  EXPECT_EQ(shown["approvals_required"], 1);
  EXPECT_EQ(shown["first_approver"], "");
  const Value& vat = shown["fields"]["vat"];
  EXPECT_EQ(vat["value"], "01234567890");
  EXPECT_EQ(vat["raw"], "0l234567890");
  EXPECT_EQ(vat["confidence"], 55);
  EXPECT_EQ(vat["box"], Value::parse("[10, 20, 200, 40]"));
  EXPECT_EQ(vat["valid"], false);
  EXPECT_EQ(vat["verdict"], "check digit is 0, expected 7");
  EXPECT_EQ(ETag(task), etag) << "an unchanged task keeps its ETag";
}

TEST_F(ReviewRoutesTest, AClaimAndAnApprovalWithIfMatchResumeTheRun) {
  const std::string run = StartRun("invoice-check");
  const std::string task = TaskOf(run);
  auto r = Act(task, "claim", "operator", ETag(task));
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(JsonOf(r)["claimed_by"], "ugo");
  const std::string claimed = r->get_header_value("ETag");
  EXPECT_EQ(claimed, ETag(task));
  // The actor is who signed in, whatever the body says.
  r = Act(task, "approve", "operator", claimed,
          {{"corrections", {{"vat", "01234567897"}}}, {"actor", "mallory"}});
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(JsonOf(r)["state"], "approved");
  EXPECT_EQ(JsonOf(r)["decided_by"], "ugo");
  const Value finished = WaitFor(run, "succeeded");
  ASSERT_EQ(finished["state"], "succeeded") << finished.dump();
  EXPECT_EQ(finished["steps"][1]["output"]["vat"], "01234567897") << finished.dump();
  EXPECT_EQ(finished["steps"][1]["output"]["reviewer"], "ugo");

  const Value history =
      JsonOf(client_.Get("/api/v1/review/tasks/" + task + "/history", ReviewAs("operator")));
  ASSERT_EQ(history["entries"].size(), 4u) << history.dump();
  EXPECT_EQ(history["entries"][1]["action"], "claim");
  EXPECT_EQ(history["entries"][2]["action"], "correct");
  EXPECT_EQ(history["entries"][2]["field"], "vat");
  EXPECT_EQ(history["entries"][2]["new"], "01234567897");
  EXPECT_EQ(history["entries"][3]["action"], "approve");
  EXPECT_EQ(history["entries"][3]["actor"], "ugo");
}

TEST_F(ReviewRoutesTest, AChangeNeedsTheCurrentETag) {
  const std::string task = TaskOf(StartRun("invoice-check"));
  const std::string etag = ETag(task);
  auto r = Act(task, "claim", "operator", "");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 428);
  EXPECT_EQ(JsonOf(r)["type"], "urn:travet:problem:precondition-required");
  ASSERT_EQ(Act(task, "claim", "operator", etag)->status, 200);
  // Read before the claim: stale now.
  r = Act(task, "approve", "second-operator", etag);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 412);
  EXPECT_EQ(JsonOf(r)["type"], "urn:travet:problem:precondition-failed");
  EXPECT_EQ(r->get_header_value("ETag"), ETag(task));
  r = Act(task, "release", "operator", "W/" + ETag(task));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 412) << "a weak ETag never matches";
  r = Act(task, "release", "operator", "\"other\", " + ETag(task));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(JsonOf(r)["state"], "pending");
}

TEST_F(ReviewRoutesTest, AnotherHoldersClaimIsAConflict) {
  const std::string task = TaskOf(StartRun("invoice-check"));
  ASSERT_EQ(Act(task, "claim", "operator", "*")->status, 200);
  auto r = Act(task, "approve", "second-operator", "*");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 409);
  EXPECT_EQ(JsonOf(r)["type"], "urn:travet:problem:conflict");
  EXPECT_TRUE(JsonOf(r)["detail"].get<std::string>().starts_with("task " + task +
                                                                 " is claimed by ugo until"))
      << r->body;
}

TEST_F(ReviewRoutesTest, AnInvalidCorrectionIsAProblemNamingTheField) {
  const std::string task = TaskOf(StartRun("invoice-check"));
  auto r =
      Act(task, "approve", "operator", ETag(task), {{"corrections", {{"vat", "01234567891"}}}});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 422);
  EXPECT_EQ(JsonOf(r)["type"], "urn:travet:problem:invalid-correction");
  EXPECT_TRUE(JsonOf(r)["detail"].get<std::string>().starts_with(
      "'01234567891' is not a valid partita_iva for field 'vat': "))
      << r->body;
  r = Act(task, "approve", "operator", ETag(task), {{"corrections", {{"iban", "IT60"}}}});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 422);
  EXPECT_EQ(JsonOf(r)["detail"], "the task has no field 'iban'");
  r = Act(task, "approve", "operator", ETag(task), {{"corrections", {{"total", 12}}}});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 400);
  EXPECT_EQ(JsonOf(r)["detail"], "corrections.total must be a string, not 12");
  EXPECT_EQ(JsonOf(client_.Get("/api/v1/review/tasks/" + task, ReviewAs("operator")))["state"],
            "pending");
  r = Act(task, "approve", "operator", ETag(task),
          {{"corrections", {{"vat", "01234567891"}}}, {"force", true}});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(JsonOf(r)["decision_fields"]["vat"], "01234567891");
}

TEST_F(ReviewRoutesTest, ARejectionNeedsAReasonAndFailsTheRun) {
  const std::string run = StartRun("invoice-check");
  const std::string task = TaskOf(run);
  for (const Value& body : {Value::object(), Value{{"reason", "  "}}, Value{{"reason", 3}}}) {
    auto r = Act(task, "reject", "operator", ETag(task), body);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 400) << body.dump();
    EXPECT_EQ(JsonOf(r)["type"], "urn:travet:problem:invalid-input");
  }
  auto r = Act(task, "reject", "operator", ETag(task), {{"reason", "not our supplier"}});
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(JsonOf(r)["reason"], "not our supplier");
  const Value failed = WaitFor(run, "failed");
  ASSERT_EQ(failed["state"], "failed") << failed.dump();
  EXPECT_NE(failed["error"].get<std::string>().find("rejected by ugo: not our supplier"),
            std::string::npos)
      << failed.dump();
}

TEST_F(ReviewRoutesTest, FourEyesNeedTwoDifferentApprovers) {
  const std::string run = StartRun("payment-check");
  const std::string task = TaskOf(run);
  auto r = Act(task, "approve", "operator", ETag(task));
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(JsonOf(r)["state"], "pending");
  EXPECT_EQ(JsonOf(r)["first_approver"], "ugo");
  std::this_thread::sleep_for(std::chrono::milliseconds(150));  // two polls of the worker
  EXPECT_EQ(WaitFor(run, "waiting_review")["state"], "waiting_review") << "one approval is not all";
  r = Act(task, "approve", "operator", ETag(task));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 409);
  EXPECT_EQ(JsonOf(r)["detail"], "task " + task + " needs a second approver other than ugo");
  r = Act(task, "approve", "second-operator", ETag(task, "second-operator"));
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(JsonOf(r)["state"], "approved");
  EXPECT_EQ(JsonOf(r)["decided_by"], "lia");
  EXPECT_EQ(WaitFor(run, "succeeded")["state"], "succeeded");
}

// Another queue's task is as unknown as a missing one; the list refuses
// another queue by name.
TEST_F(ReviewRoutesTest, AnotherQueuesTaskIsNotFound) {
  const std::string task = TaskOf(StartRun("invoice-check"));
  for (const char* path : {"", "/history"}) {
    auto r = client_.Get("/api/v1/review/tasks/" + task + path, ReviewAs("other-operator"));
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 404) << path;
    EXPECT_EQ(JsonOf(r)["detail"], "no task '" + task + "'");
  }
  for (const char* verb : {"claim", "release", "approve", "reject"}) {
    auto r = Act(task, verb, "other-operator", "*", {{"reason", "not mine"}});
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 404) << verb;
  }
  EXPECT_EQ(JsonOf(client_.Get("/api/v1/review/tasks/" + task, ReviewAs("admin")))["state"],
            "pending");
}

TEST_F(ReviewRoutesTest, ADeveloperMayCallNoReviewRoute) {
  size_t review_routes = 0;
  for (const Route& route : ApiRoutes()) {
    if (std::string_view(route.tag) != "review") {
      continue;
    }
    ++review_routes;
    std::string path = route.path;
    if (const size_t id = path.find("{id}"); id != std::string::npos) {
      path.replace(id, 4, "t-000000000000");
    }
    auto r = std::string_view(route.method) == "GET"
                 ? client_.Get(path, ReviewAs("developer", "*"))
                 : client_.Post(path, ReviewAs("developer", "*"), "{}", "application/json");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 403) << route.method << " " << route.path;
  }
  EXPECT_EQ(review_routes, 10u);  // with the validation view's page, check and region
}

}  // namespace
}  // namespace travet::server
