#include "tools/mock_office/mock_office.h"

#include <gtest/gtest.h>

#include "runtime/actions/http_client.h"

namespace travet::mock_office {
namespace {

using actions::HttpClient;
using actions::HttpRequest;
using actions::HttpResponse;

class MockOfficeTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(office_.Start().ok()); }

  HttpResponse Call(const std::string& method, const std::string& path,
                    const std::string& body = "", const std::string& key = "") {
    HttpRequest request{.method = method, .url = office_.url() + path, .body = body};
    if (!body.empty())
      request.headers.emplace_back("Content-Type", "application/json");
    if (!key.empty())
      request.headers.emplace_back("Idempotency-Key", key);
    auto response = client_.Send(request);
    EXPECT_TRUE(response.has_value()) << response.error().message();
    return response.has_value() ? *response : HttpResponse{};
  }

  static std::string Header(const HttpResponse& response, const std::string& name) {
    for (const auto& [n, v] : response.headers) {
      if (n == name)
        return v;
    }
    return "";
  }

  MockOffice office_;
  HttpClient client_;
};

TEST_F(MockOfficeTest, CreatesReadsUpdatesAndDeletesRecords) {
  HttpResponse created = Call("POST", "/api/invoices", R"({"number":"F-1"})");
  EXPECT_EQ(created.status, 201);
  EXPECT_EQ(created.body, R"({"id":1,"number":"F-1"})");
  EXPECT_EQ(Call("GET", "/api/invoices/1").body, R"({"id":1,"number":"F-1"})");
  EXPECT_EQ(Call("PATCH", "/api/invoices/1", R"({"total":"9.90"})").body,
            R"({"id":1,"number":"F-1","total":"9.90"})");
  EXPECT_EQ(Call("PUT", "/api/invoices/1", R"({"number":"F-2"})").body,
            R"({"id":1,"number":"F-2"})");
  EXPECT_EQ(Call("GET", "/api/invoices?number=F-2").body, R"([{"id":1,"number":"F-2"}])");
  EXPECT_EQ(Call("GET", "/api/invoices?number=F-1").body, "[]");
  EXPECT_EQ(Call("DELETE", "/api/invoices/1").status, 204);
  EXPECT_EQ(Call("GET", "/api/invoices/1").status, 404);
  EXPECT_TRUE(office_.Records("invoices").empty());
}

TEST_F(MockOfficeTest, InvalidJsonGets400Problem) {
  HttpResponse response = Call("POST", "/api/invoices", "{bad");
  EXPECT_EQ(response.status, 400);
  EXPECT_EQ(Header(response, "Content-Type"), "application/problem+json");
  EXPECT_EQ(Value::parse(response.body)["title"], "Bad Request");
  EXPECT_EQ(Call("POST", "/api/invoices", "[1]").status, 400);
  EXPECT_TRUE(office_.Records("invoices").empty());
}

TEST_F(MockOfficeTest, IdempotencyKeyReplaysOrRefuses) {
  HttpResponse first = Call("POST", "/api/invoices", R"({"n":1})", "k-1");
  HttpResponse again = Call("POST", "/api/invoices", R"({"n":1})", "k-1");
  EXPECT_EQ(again.status, 201);
  EXPECT_EQ(again.body, first.body);
  EXPECT_EQ(Header(again, "Idempotent-Replayed"), "true");
  EXPECT_EQ(Header(first, "Idempotent-Replayed"), "");
  HttpResponse other = Call("POST", "/api/invoices", R"({"n":2})", "k-1");
  EXPECT_EQ(other.status, 422);
  EXPECT_EQ(Header(other, "Content-Type"), "application/problem+json");
  EXPECT_EQ(office_.Records("invoices").size(), 1u);
  EXPECT_EQ(Call("POST", "/api/invoices", R"({"n":1})", "k-2").body, R"({"id":2,"n":1})");
}

TEST_F(MockOfficeTest, InjectedFailuresHitApiRequestsOnly) {
  office_.FailNext(2, 502);
  EXPECT_EQ(Call("GET", "/_control/received").status, 200);
  EXPECT_EQ(Call("GET", "/api/ping").status, 502);
  EXPECT_EQ(Call("POST", "/api/invoices", R"({"n":1})").status, 502);
  EXPECT_EQ(Call("GET", "/api/ping").body, R"({"ok":true})");
  EXPECT_TRUE(office_.Records("invoices").empty());
  EXPECT_EQ(office_.Received().size(), 3u);
}

TEST_F(MockOfficeTest, ControlEndpointsDriveTheOffice) {
  EXPECT_EQ(Call("POST", "/_control/fail", R"({"count":1,"status":503})").status, 200);
  EXPECT_EQ(Call("GET", "/api/ping").status, 503);
  EXPECT_EQ(Call("GET", "/api/ping").status, 200);
  Value received = Value::parse(Call("GET", "/_control/received").body);
  ASSERT_EQ(received.size(), 2u);
  EXPECT_EQ(received[0]["path"], "/api/ping");
  EXPECT_EQ(Call("POST", "/_control/reset", "{}").status, 200);
  EXPECT_TRUE(office_.Received().empty());
  EXPECT_EQ(Call("POST", "/_control/delay", R"({"ms":300})").status, 200);
  auto slow = client_.Send({.url = office_.url() + "/api/ping", .timeout = Millis(100)});
  ASSERT_FALSE(slow.has_value());
  EXPECT_EQ(slow.error().code(), StatusCode::kTimeout);
  EXPECT_EQ(Call("POST", "/_control/fail", "nope").status, 400);
}

TEST_F(MockOfficeTest, ResetForgetsRecordsAndKeys) {
  Call("POST", "/api/invoices", R"({"n":1})", "k-1");
  office_.Reset();
  EXPECT_TRUE(office_.Records("invoices").empty());
  EXPECT_EQ(Call("POST", "/api/invoices", R"({"n":2})", "k-1").status, 201);
}

TEST_F(MockOfficeTest, StartFailsWhenRunningOrPortTaken) {
  Status again = office_.Start();
  EXPECT_EQ(again.code(), StatusCode::kFailedPrecondition);
  MockOffice other;
  Status taken = other.Start(office_.port());
  EXPECT_EQ(taken.code(), StatusCode::kUnavailable);
  EXPECT_EQ(taken.message(),
            "mock office: cannot listen on 127.0.0.1:" + std::to_string(office_.port()));
  office_.Stop();
  office_.Stop();
  EXPECT_TRUE(office_.Start().ok());
  EXPECT_EQ(Call("GET", "/api/ping").status, 200);
}

}  // namespace
}  // namespace travet::mock_office
