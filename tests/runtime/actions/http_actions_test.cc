#include "runtime/actions/http_actions.h"

#include <gtest/gtest.h>

#include <set>

#include "runtime/actions/http_client.h"
#include "runtime/core/logger.h"
#include "tests/fakes/fake_clock.h"
#include "tests/fakes/temp_dir.h"
#include "tools/mock_office/mock_office.h"

namespace travet::actions {
namespace {

using mock_office::MockOffice;

// A port nothing listens on: bound once by a server that is then stopped.
int ClosedPort() {
  MockOffice office;
  EXPECT_TRUE(office.Start().ok());
  int port = office.port();
  office.Stop();
  return port;
}

class HttpActionsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(office_.Start().ok());
    ctx_.http = &client_;
    ctx_.work_dir = dir_.path();
    ctx_.idempotency_key = "run-7/post";
  }

  Result<Value> Run(const Value& params) { return action_.run(params, ctx_); }
  std::string Url(const std::string& path) const { return office_.url() + path; }
  mock_office::ReceivedRequest Last() const { return office_.Received().back(); }

  MockOffice office_;
  HttpClient client_;
  ActionContext ctx_;
  testing::TempDir dir_;
  ActionDef action_ = HttpActions().front();
};

TEST_F(HttpActionsTest, RowDescribesHttpRequest) {
  EXPECT_EQ(action_.spec.name, "http.request");
  EXPECT_TRUE(action_.side_effect);
  ASSERT_EQ(action_.spec.one_of.size(), 1u);
  EXPECT_EQ(action_.spec.one_of[0].names,
            (std::vector<std::string>{"json", "body", "form", "file"}));
}

TEST_F(HttpActionsTest, GetEncodesQuery) {
  auto out = Run({{"url", Url("/api/invoices")},
                  {"query", {{"number", "A&B 1/é"}, {"n", 5}, {"tag", {"x", "y"}}}}});
  ASSERT_TRUE(out.has_value()) << out.error().message();
  EXPECT_EQ((*out)["status"], 200);
  EXPECT_EQ((*out)["json"], Value::array());
  EXPECT_EQ(Last().target, "/api/invoices?n=5&number=A%26B%201%2F%C3%A9&tag=x&tag=y");
}

TEST_F(HttpActionsTest, QueryIsAppendedToExistingQueryAndFiltersRecords) {
  ASSERT_TRUE(Run({{"method", "POST"}, {"url", Url("/api/invoices")}, {"json", {{"n", "A&B"}}}}));
  auto out = Run({{"url", Url("/api/invoices?x=1")}, {"query", {{"n", "A&B"}}}});
  ASSERT_TRUE(out.has_value()) << out.error().message();
  EXPECT_EQ(Last().target, "/api/invoices?x=1&n=A%26B");
  EXPECT_EQ((*out)["json"], Value::array());  // x=1 matches no record
}

TEST_F(HttpActionsTest, PostJsonStoresRecord) {
  auto out = Run({{"method", "POST"},
                  {"url", Url("/api/invoices")},
                  {"json", {{"number", "F-1"}, {"total", "12.50"}}},
                  {"expect", {201, 200}}});
  ASSERT_TRUE(out.has_value()) << out.error().message();
  EXPECT_EQ((*out)["status"], 201);
  EXPECT_EQ((*out)["headers"]["content-type"], "application/json");
  EXPECT_EQ((*out)["json"], (Value{{"id", 1}, {"number", "F-1"}, {"total", "12.50"}}));
  EXPECT_EQ((*out)["body"], R"({"id":1,"number":"F-1","total":"12.50"})");
  EXPECT_EQ(office_.Records("invoices"), (std::vector<Value>{(*out)["json"]}));
  EXPECT_EQ(Last().headers["content-type"], "application/json");
}

TEST_F(HttpActionsTest, ReplyNestedTooDeepFailsTheStep) {
  // The backend echoes the record, {"id":1,"x":[[..., 12 bytes before the
  // first bracket: the 101st level is at byte 12 + 99.
  std::string deep = std::string(150, '[') + std::string(150, ']');
  auto out = Run({{"method", "POST"},
                  {"url", Url("/api/invoices")},
                  {"body", "{\"x\": " + deep + "}"},
                  {"headers", {{"Content-Type", "application/json"}}}});
  ASSERT_FALSE(out.has_value());
  EXPECT_EQ(out.error().code(), StatusCode::kFailed);
  EXPECT_EQ(out.error().message(),
            "POST " + Url("/api/invoices") +
                ": HTTP 201 with Content-Type application/json, but the body nests deeper than "
                "100 levels (at byte 111)");
}

TEST_F(HttpActionsTest, FormIsUrlEncoded) {
  auto out = Run({{"method", "POST"},
                  {"url", Url("/api/suppliers")},
                  {"form", {{"name", "Rossi & C."}, {"city", "Torino"}}}});
  ASSERT_TRUE(out.has_value()) << out.error().message();
  EXPECT_EQ(Last().body, "city=Torino&name=Rossi%20%26%20C.");
  EXPECT_EQ(Last().headers["content-type"], "application/x-www-form-urlencoded");
  EXPECT_EQ(office_.Records("suppliers")[0]["name"], "Rossi & C.");
}

TEST_F(HttpActionsTest, BodyKeepsCustomContentType) {
  ASSERT_TRUE(Run({{"method", "POST"}, {"url", Url("/api/notes")}, {"json", {{"text", "a"}}}}));
  auto out = Run({{"method", "PUT"},
                  {"url", Url("/api/notes/1")},
                  {"headers", {{"Content-Type", "application/vnd.travet+json"}}},
                  {"body", R"({"text":"ciao"})"}});
  ASSERT_TRUE(out.has_value()) << out.error().message();
  EXPECT_EQ(Last().method, "PUT");
  EXPECT_EQ(Last().body, R"({"text":"ciao"})");
  EXPECT_EQ(Last().headers["content-type"], "application/vnd.travet+json");
  EXPECT_EQ(office_.Records("notes")[0], (Value{{"id", 1}, {"text", "ciao"}}));
}

TEST_F(HttpActionsTest, BodyDefaultsToPlainText) {
  auto out = Run({{"method", "POST"}, {"url", Url("/api/notes")}, {"body", "ciao"}});
  ASSERT_FALSE(out.has_value());
  EXPECT_EQ(out.error().code(), StatusCode::kFailed);
  EXPECT_EQ(out.error().message(),
            "POST " + Url("/api/notes") +
                ": HTTP 415 Unsupported Media Type (expected 2xx): {\"detail\":\"unsupported "
                "Content-Type 'text/plain; charset=utf-8' (send JSON, a URL-encoded form or "
                "multipart)\",\"status\":415,\"title\":\"Unsupported Media Type\",\"type\":"
                "\"about:blank\"}");
}

TEST_F(HttpActionsTest, LongBodyIsCutInMessages) {
  auto out = Run({{"method", "POST"},
                  {"url", Url("/api/notes")},
                  {"json", {{"text", std::string(300, 'x')}}},
                  {"expect", 200}});
  ASSERT_FALSE(out.has_value());
  std::string excerpt = R"({"id":1,"text":")" + std::string(200 - 16, 'x') + "...";
  EXPECT_EQ(out.error().message(),
            "POST " + Url("/api/notes") + ": HTTP 201 Created (expected 200): " + excerpt);
}

TEST_F(HttpActionsTest, ASecretIsMaskedBeforeTheExcerptIsCut) {
  auto mask = std::make_shared<SecretMask>();
  mask->Add("canary-XYZW-1234");
  Logger logger(mask);
  ctx_.logger = &logger;
  // {"id":1,"text":"xx...x then the secret across the 200th character.
  std::string text = std::string(200 - 16 - 8, 'x') + "canary-XYZW-1234";
  auto out = Run({{"method", "POST"},
                  {"url", Url("/api/notes")},
                  {"json", {{"text", text}}},
                  {"expect", 200}});
  ASSERT_FALSE(out.has_value());
  EXPECT_EQ(out.error().message().find("canary"), std::string::npos) << out.error().message();
  EXPECT_NE(out.error().message().find("x***\"}"), std::string::npos) << out.error().message();
}

TEST_F(HttpActionsTest, FileIsUploadedAsMultipart) {
  dir_.Write("scans/a.txt", "hello scan");
  auto out = Run({{"method", "POST"}, {"url", Url("/api/documents")}, {"file", "scans/a.txt"}});
  ASSERT_TRUE(out.has_value()) << out.error().message();
  EXPECT_EQ((*out)["json"]["file"]["filename"], "a.txt");
  EXPECT_EQ((*out)["json"]["file"]["size"], 10);
  ASSERT_EQ(Last().files.size(), 1u);
  EXPECT_EQ(Last().files[0].field, "file");
  EXPECT_EQ(Last().files[0].content, "hello scan");
}

TEST_F(HttpActionsTest, FileOutsideWorkDirOrMissingIsRefused) {
  auto escape = Run({{"method", "POST"}, {"url", Url("/api/d")}, {"file", "../secret.txt"}});
  ASSERT_FALSE(escape.has_value());
  EXPECT_EQ(escape.error().code(), StatusCode::kPermissionDenied);
  auto missing = Run({{"method", "POST"}, {"url", Url("/api/d")}, {"file", "missing.pdf"}});
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().code(), StatusCode::kNotFound);
  EXPECT_EQ(missing.error().message(),
            "http.request: parameter 'file': no such file 'missing.pdf'");
  EXPECT_TRUE(office_.Received().empty());
}

TEST_F(HttpActionsTest, HeadersAreSent) {
  auto out = Run({{"url", Url("/api/ping")},
                  {"headers", {{"Authorization", "Bearer s3cret"}, {"X-Count", 3}}}});
  ASSERT_TRUE(out.has_value()) << out.error().message();
  EXPECT_EQ(Last().headers["authorization"], "Bearer s3cret");
  EXPECT_EQ(Last().headers["x-count"], "3");
  EXPECT_EQ((*out)["json"], (Value{{"ok", true}}));
}

TEST_F(HttpActionsTest, HeaderWithLineBreakIsRefusedWithoutItsValue) {
  auto out = Run({{"url", Url("/api/ping")}, {"headers", {{"X-Token", "s3cret\r\nX-Evil: 1"}}}});
  ASSERT_FALSE(out.has_value());
  EXPECT_EQ(out.error().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(out.error().message(),
            "GET " + Url("/api/ping") + ": header 'X-Token' has a line break in its value");
}

TEST_F(HttpActionsTest, StatusOutsideExpectListFails) {
  auto out = Run({{"method", "POST"},
                  {"url", Url("/api/invoices")},
                  {"json", {{"number", "F-1"}}},
                  {"expect", {200, 202}}});
  ASSERT_FALSE(out.has_value());
  EXPECT_EQ(out.error().code(), StatusCode::kFailed);
  EXPECT_EQ(out.error().message(), "POST " + Url("/api/invoices") +
                                       ": HTTP 201 Created (expected 200 or 202): "
                                       "{\"id\":1,\"number\":\"F-1\"}");
}

TEST_F(HttpActionsTest, ServerErrorIsRetryable) {
  office_.FailNext(1, 503);
  auto out = Run({{"method", "POST"}, {"url", Url("/api/invoices")}, {"json", {{"n", 1}}}});
  ASSERT_FALSE(out.has_value());
  EXPECT_EQ(out.error().code(), StatusCode::kUnavailable);
  EXPECT_TRUE(out.error().retryable());
  EXPECT_EQ(out.error().message(),
            "POST " + Url("/api/invoices") + ": HTTP 503 Service Unavailable");
  EXPECT_TRUE(office_.Records("invoices").empty());
}

TEST_F(HttpActionsTest, TooManyRequestsIsRetryable) {
  office_.FailNext(1, 429);
  auto out = Run({{"url", Url("/api/ping")}});
  ASSERT_FALSE(out.has_value());
  EXPECT_EQ(out.error().code(), StatusCode::kUnavailable);
  EXPECT_EQ(out.error().message(), "GET " + Url("/api/ping") + ": HTTP 429 Too Many Requests");
}

TEST_F(HttpActionsTest, NotFoundFailsWithoutRetry) {
  auto out = Run({{"url", Url("/api/invoices/99")}});
  ASSERT_FALSE(out.has_value());
  EXPECT_EQ(out.error().code(), StatusCode::kFailed);
  EXPECT_FALSE(out.error().retryable());
  EXPECT_EQ(out.error().message(),
            "GET " + Url("/api/invoices/99") +
                ": HTTP 404 Not Found (expected 2xx): {\"detail\":\"no record 99 in "
                "invoices\",\"status\":404,\"title\":\"Not Found\",\"type\":\"about:blank\"}");
}

TEST_F(HttpActionsTest, ExpectedErrorStatusSucceeds) {
  auto out = Run({{"url", Url("/api/invoices/99")}, {"expect", 404}});
  ASSERT_TRUE(out.has_value()) << out.error().message();
  EXPECT_EQ((*out)["status"], 404);
  EXPECT_EQ((*out)["json"]["title"], "Not Found");
}

TEST_F(HttpActionsTest, ConnectionRefusedIsRetryable) {
  std::string url = "http://127.0.0.1:" + std::to_string(ClosedPort()) + "/api/x";
  auto out = Run({{"method", "POST"}, {"url", url}, {"json", {{"n", 1}}}});
  ASSERT_FALSE(out.has_value());
  EXPECT_EQ(out.error().code(), StatusCode::kUnavailable);
  EXPECT_EQ(out.error().message(), "POST " + url + ": Couldn't connect to server");
}

TEST_F(HttpActionsTest, CredentialsInUrlStayOutOfMessages) {
  std::string port = std::to_string(ClosedPort());
  auto out = Run({{"url", "http://user:pw@127.0.0.1:" + port + "/x"}});
  ASSERT_FALSE(out.has_value());
  EXPECT_EQ(out.error().message(),
            "GET http://127.0.0.1:" + port + "/x: Couldn't connect to server");
}

TEST_F(HttpActionsTest, SlowServerTimesOut) {
  office_.SetDelay(Millis(3000));
  auto out = Run({{"url", Url("/api/ping")}, {"timeout", "200ms"}});
  ASSERT_FALSE(out.has_value());
  EXPECT_EQ(out.error().code(), StatusCode::kTimeout);
  EXPECT_EQ(out.error().message(), "GET " + Url("/api/ping") + ": timed out after 200 ms");
}

TEST_F(HttpActionsTest, StepDeadlineCapsTimeout) {
  testing::FakeClock clock;
  ctx_.clock = &clock;
  ctx_.deadline = clock.Now() + Millis(250);
  office_.SetDelay(Millis(3000));
  auto out = Run({{"url", Url("/api/ping")}, {"timeout", "30s"}});
  ASSERT_FALSE(out.has_value());
  EXPECT_EQ(out.error().message(), "GET " + Url("/api/ping") + ": timed out after 250 ms");
  clock.Advance(Millis(300));
  auto late = Run({{"url", Url("/api/ping")}});
  ASSERT_FALSE(late.has_value());
  EXPECT_EQ(late.error().code(), StatusCode::kTimeout);
}

TEST_F(HttpActionsTest, RedirectIsFollowedOverHttpOnly) {
  auto ok = Run({{"url", Url("/_control/redirect")}, {"query", {{"to", Url("/api/ping")}}}});
  ASSERT_TRUE(ok.has_value()) << ok.error().message();
  EXPECT_EQ((*ok)["json"], (Value{{"ok", true}}));
  auto out = Run({{"url", Url("/_control/redirect?to=file:///etc/passwd")}});
  ASSERT_FALSE(out.has_value());
  EXPECT_EQ(out.error().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(out.error().message(), "GET " + Url("/_control/redirect?to=file:///etc/passwd") +
                                       ": protocol not allowed (use http or https)");
}

// libcurl drops Authorization and Cookie on a redirect to another host, and
// sent every other header on: an X-Api-Key reached whoever the first server
// pointed at.
TEST_F(HttpActionsTest, OwnHeadersNeverFollowARedirectToAnotherOrigin) {
  MockOffice other;
  ASSERT_TRUE(other.Start().ok());
  Value headers = {{"X-Api-Key", "k-123"}};
  auto away = Run({{"url", Url("/_control/redirect")},
                   {"query", {{"to", other.url() + "/api/ping"}}},
                   {"headers", headers}});
  ASSERT_FALSE(away.has_value());
  EXPECT_EQ(away.error().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(away.error().message(),
            "GET " + Url("/_control/redirect") + "?to=" + UrlEncode(other.url() + "/api/ping") +
                ": redirected to another origin (" + other.url() +
                "); not followed, because the request carries headers of its own");
  EXPECT_TRUE(other.Received().empty());

  // Within the origin the headers go along; without them, any origin.
  auto home = Run({{"url", Url("/_control/redirect")},
                   {"query", {{"to", Url("/api/invoices")}}},
                   {"headers", headers}});
  ASSERT_TRUE(home.has_value()) << home.error().message();
  EXPECT_EQ(Last().path, "/api/invoices");
  EXPECT_EQ(Last().headers["x-api-key"], "k-123");
  auto plain =
      Run({{"url", Url("/_control/redirect")}, {"query", {{"to", other.url() + "/api/ping"}}}});
  ASSERT_TRUE(plain.has_value()) << plain.error().message();
  ASSERT_EQ(other.Received().size(), 1u);
}

TEST_F(HttpActionsTest, OtherProtocolsAreRefused) {
  for (std::string url : {"ftp://127.0.0.1/x", "file:///etc/passwd", "gopher://127.0.0.1/"}) {
    auto out = Run({{"url", url}});
    ASSERT_FALSE(out.has_value()) << url;
    EXPECT_EQ(out.error().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(out.error().message(), "GET " + url + ": protocol not allowed (use http or https)");
  }
}

TEST_F(HttpActionsTest, BadParametersAreRefused) {
  auto method = Run({{"method", "FETCH"}, {"url", Url("/api/ping")}});
  ASSERT_FALSE(method.has_value());
  EXPECT_EQ(method.error().message(),
            "http.request: parameter 'method' must be one of GET, POST, PUT, PATCH, DELETE, HEAD, "
            "not 'FETCH'");
  auto expect = Run({{"url", Url("/api/ping")}, {"expect", "ok"}});
  ASSERT_FALSE(expect.has_value());
  EXPECT_EQ(expect.error().message(),
            "http.request: parameter 'expect' must be HTTP statuses (e.g. 201, [200, 201] or "
            "\"2xx\"), not 'ok'");
  auto headers = Run({{"url", Url("/api/ping")}, {"headers", {{"X-Count", {1, 2}}}}});
  ASSERT_FALSE(headers.has_value());
  EXPECT_EQ(headers.error().message(),
            "http.request: parameter 'headers.X-Count' must be a string, a number or a boolean, "
            "not array");
  auto url = Run({{"url", "http://exa mple/"}});
  ASSERT_FALSE(url.has_value());
  EXPECT_EQ(url.error().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(url.error().message(), "GET http://exa mple/: bad URL");
}

TEST_F(HttpActionsTest, SameIdempotencyKeyStoresOneRecord) {
  Value params = {{"method", "POST"}, {"url", Url("/api/invoices")}, {"json", {{"n", "F-1"}}}};
  auto first = Run(params);
  auto second = Run(params);
  ASSERT_TRUE(first.has_value() && second.has_value());
  EXPECT_EQ(office_.Records("invoices").size(), 1u);
  EXPECT_EQ((*second)["json"], (*first)["json"]);
  EXPECT_EQ((*second)["headers"]["idempotent-replayed"], "true");
}

TEST_F(HttpActionsTest, IdempotencyKeyDefaultsToContextKey) {
  ASSERT_TRUE(Run({{"method", "DELETE"}, {"url", Url("/api/x/1")}, {"expect", 404}}));
  EXPECT_EQ(Last().headers["idempotency-key"], "run-7/post");
  ASSERT_TRUE(Run({{"method", "PATCH"},
                   {"url", Url("/api/x/1")},
                   {"json", Value::object()},
                   {"expect", 404},
                   {"idempotency_key", "mine"}}));
  EXPECT_EQ(Last().headers["idempotency-key"], "mine");
  ASSERT_TRUE(Run({{"method", "POST"},
                   {"url", Url("/api/x")},
                   {"json", Value::object()},
                   {"headers", {{"idempotency-key", "theirs"}}}}));
  EXPECT_EQ(Last().headers["idempotency-key"], "theirs");
  ASSERT_TRUE(Run({{"method", "POST"},
                   {"url", Url("/api/x")},
                   {"json", Value::object()},
                   {"idempotency_key", ""}}));
  EXPECT_EQ(Last().headers.count("idempotency-key"), 0u);
}

TEST_F(HttpActionsTest, GetAndHeadSendNoIdempotencyKey) {
  ASSERT_TRUE(Run({{"url", Url("/api/ping")}}));
  EXPECT_EQ(Last().headers.count("idempotency-key"), 0u);
  auto head = Run({{"method", "HEAD"}, {"url", Url("/api/ping")}});
  ASSERT_TRUE(head.has_value()) << head.error().message();
  EXPECT_EQ(Last().method, "HEAD");
  EXPECT_EQ((*head)["body"], "");
  EXPECT_EQ(Last().headers.count("idempotency-key"), 0u);
}

TEST_F(HttpActionsTest, ReusedKeyWithOtherBodyIsRefused) {
  ASSERT_TRUE(Run({{"method", "POST"}, {"url", Url("/api/invoices")}, {"json", {{"n", 1}}}}));
  auto out = Run({{"method", "POST"}, {"url", Url("/api/invoices")}, {"json", {{"n", 2}}}});
  ASSERT_FALSE(out.has_value());
  EXPECT_EQ(out.error().code(), StatusCode::kFailed);
  EXPECT_EQ(out.error().message(),
            "POST " + Url("/api/invoices") +
                ": HTTP 422 Unprocessable Entity (expected 2xx): {\"detail\":\"the key was first "
                "used with a different request\",\"status\":422,\"title\":\"Idempotency-Key "
                "reused\",\"type\":\"about:blank\"}");
  EXPECT_EQ(office_.Records("invoices").size(), 1u);
}

TEST_F(HttpActionsTest, OneClientKeepsOneConnection) {
  for (int i = 0; i < 50; ++i) {
    ASSERT_TRUE(Run({{"url", Url("/api/ping")}}));
  }
  EXPECT_EQ(client_.connections_opened(), 1);
  std::set<int> ports;
  for (const auto& r : office_.Received())
    ports.insert(r.remote_port);
  EXPECT_EQ(ports.size(), 1u);
}

TEST_F(HttpActionsTest, WorksWithoutSharedClient) {
  ctx_.http = nullptr;
  auto out = Run({{"url", Url("/api/ping")}});
  ASSERT_TRUE(out.has_value()) << out.error().message();
  EXPECT_EQ((*out)["status"], 200);
}

TEST(HttpClientTest, UrlHelpers) {
  EXPECT_EQ(UrlEncode("a b&c=d/é~._-"), "a%20b%26c%3Dd%2F%C3%A9~._-");
  EXPECT_EQ(RedactUrl("https://u:p@host:1/a@b?x=@"), "https://host:1/a@b?x=@");
  EXPECT_EQ(RedactUrl("http://host/a@b"), "http://host/a@b");
}

}  // namespace
}  // namespace travet::actions
