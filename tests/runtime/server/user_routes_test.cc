// Users over real HTTP on 127.0.0.1 with the real sign-in: an admin adds a
// user who signs in, changes their role, disables them; the last enabled
// admin stays; API tokens made over HTTP work as bearer tokens; passwords
// set over HTTP end the user's sessions; and no answer holds a hash.
#include <gtest/gtest.h>

#include "runtime/auth/accounts.h"
#include "runtime/auth/tokens.h"
#include "tests/runtime/server/server_fixture.h"

namespace travet::server {
namespace {

using testing::JsonOf;
using testing::ServerFixture;
using testing::ServerSetup;

constexpr char kUserPassword[] = "correct horse battery";
constexpr char kNewPassword[] = "another long password";

// A signed-in browser: its cookie and CSRF token.
struct Browser {
  httplib::Headers headers;  // Cookie and X-CSRF-Token
  int status = 0;            // of the sign-in
};

class UserRoutesTest : public ::testing::Test {
 protected:
  UserRoutesTest() : client_(server_.Client()) {
    EXPECT_TRUE(auth::AddUser(server_.store(), {"root", "admin", {}, kUserPassword}).ok());
    auto token = auth::IssueToken(server_.store(), "root");
    EXPECT_TRUE(token.has_value());
    admin_ = {{"Authorization", "Bearer " + (token ? token->token : "")}};
  }

  // Checks that no answer shows a password hash or a token hash.
  void ExpectNoHash(const httplib::Result& r) {
    ASSERT_TRUE(r);
    EXPECT_EQ(r->body.find("argon2"), std::string::npos) << r->body;
    EXPECT_EQ(r->body.find("hash"), std::string::npos) << r->body;
    for (const std::string& hash : token_hashes_) {
      EXPECT_EQ(r->body.find(hash), std::string::npos) << r->body;
    }
  }

  // The request as the admin, its status in last_status_, its body as JSON.
  Value AsAdmin(const std::string& method, const std::string& path, const Value& body = nullptr) {
    const std::string text = body.is_null() ? "" : body.dump();
    httplib::Result r = method == "GET"      ? client_.Get(path, admin_)
                        : method == "DELETE" ? client_.Delete(path, admin_)
                        : method == "PATCH"  ? client_.Patch(path, admin_, text, "application/json")
                        : method == "PUT"    ? client_.Put(path, admin_, text, "application/json")
                                             : client_.Post(path, admin_, text, "application/json");
    ExpectNoHash(r);
    last_status_ = r ? r->status : 0;
    return JsonOf(r);
  }

  Browser SignInAs(const std::string& user, const std::string& password) {
    const Value body = {{"user", user}, {"password", password}};
    auto r = client_.Post("/api/v1/session", body.dump(), "application/json");
    Browser browser;
    if (!r) {
      return browser;
    }
    browser.status = r->status;
    const std::string cookie = r->get_header_value("Set-Cookie");
    browser.headers = {{"Cookie", cookie.substr(0, cookie.find(';'))}};
    if (r->status == 200) {
      browser.headers.emplace("X-CSRF-Token", JsonOf(r)["csrf_token"].get<std::string>());
    }
    return browser;
  }

  int StatusOf(const httplib::Result& r) { return r ? r->status : 0; }

  ServerFixture server_{ServerSetup{}};
  httplib::Client client_;
  httplib::Headers admin_;
  std::vector<std::string> token_hashes_;
  int last_status_ = 0;
};

TEST_F(UserRoutesTest, AUserAddedOverHttpSignsInChangesRoleAndIsDisabled) {
  Value anna = AsAdmin("POST", "/api/v1/users",
                       {{"name", "anna"},
                        {"role", "operator"},
                        {"queues", {"fatture"}},
                        {"password", kUserPassword}});
  ASSERT_EQ(last_status_, 201) << anna.dump();
  EXPECT_EQ(anna["name"], "anna");
  EXPECT_EQ(anna["role"], "operator");
  EXPECT_EQ(anna["queues"], Value({"fatture"}));
  EXPECT_EQ(anna["disabled"], false);
  EXPECT_FALSE(anna.contains("password"));

  Browser browser = SignInAs("anna", kUserPassword);
  ASSERT_EQ(browser.status, 200);
  EXPECT_EQ(
      StatusOf(client_.Post("/api/v1/bots/echo/runs", browser.headers, "{}", "application/json")),
      403);
  anna = AsAdmin("PATCH", "/api/v1/users/anna", {{"role", "developer"}});
  ASSERT_EQ(last_status_, 200) << anna.dump();
  EXPECT_EQ(anna["role"], "developer");
  EXPECT_EQ(anna["queues"], Value({"fatture"})) << "what the body leaves out stays";
  EXPECT_EQ(
      StatusOf(client_.Post("/api/v1/bots/echo/runs", browser.headers, "{}", "application/json")),
      202)
      << "the session has the new role at once";

  anna = AsAdmin("POST", "/api/v1/users/anna/disable");
  ASSERT_EQ(last_status_, 200);
  EXPECT_EQ(anna["disabled"], true);
  EXPECT_EQ(StatusOf(client_.Get("/api/v1/session", browser.headers)), 401);
  EXPECT_EQ(SignInAs("anna", kUserPassword).status, 401);
  AsAdmin("POST", "/api/v1/users/anna/enable");
  ASSERT_EQ(last_status_, 200);
  EXPECT_EQ(SignInAs("anna", kUserPassword).status, 200);

  const Value list = AsAdmin("GET", "/api/v1/users");
  ASSERT_EQ(list["users"].size(), 2u);
  EXPECT_EQ(list["users"][0]["name"], "anna");
  EXPECT_EQ(list["users"][1]["name"], "root");
  EXPECT_EQ(AsAdmin("GET", "/api/v1/users/root")["role"], "admin");
}

TEST_F(UserRoutesTest, TheLastEnabledAdminCannotBeDisabledOrDemoted) {
  Value problem = AsAdmin("POST", "/api/v1/users/root/disable");
  EXPECT_EQ(last_status_, 409);
  EXPECT_EQ(problem["detail"],
            "user root is the last enabled admin; make another user admin first");
  AsAdmin("PATCH", "/api/v1/users/root", {{"role", "developer"}});
  EXPECT_EQ(last_status_, 409);
  AsAdmin("PATCH", "/api/v1/users/root", {{"queues", {"fatture"}}});
  EXPECT_EQ(last_status_, 200) << "an admin who stays admin may change";

  AsAdmin("POST", "/api/v1/users",
          {{"name", "bea"}, {"role", "admin"}, {"password", kUserPassword}});
  ASSERT_EQ(last_status_, 201);
  AsAdmin("POST", "/api/v1/users/bea/disable");
  ASSERT_EQ(last_status_, 200);
  AsAdmin("POST", "/api/v1/users/root/disable");
  EXPECT_EQ(last_status_, 409) << "a disabled admin is no admin to fall back on";
  AsAdmin("POST", "/api/v1/users/bea/enable");
  AsAdmin("PATCH", "/api/v1/users/bea", {{"role", "operator"}});
  EXPECT_EQ(last_status_, 200);
  AsAdmin("PATCH", "/api/v1/users/bea", {{"role", "admin"}});
  AsAdmin("POST", "/api/v1/users/root/disable");
  EXPECT_EQ(last_status_, 200) << "with bea an admin, root may go";
  AsAdmin("GET", "/api/v1/users");
  EXPECT_EQ(last_status_, 401) << "root's token is refused now";
}

TEST_F(UserRoutesTest, BadRequestsAreProblems) {
  const Value anna = {{"name", "anna"}, {"role", "operator"}, {"password", kUserPassword}};
  AsAdmin("POST", "/api/v1/users", anna);
  ASSERT_EQ(last_status_, 201);
  Value problem = AsAdmin("POST", "/api/v1/users", anna);
  EXPECT_EQ(last_status_, 409);
  EXPECT_EQ(problem["detail"], "user 'anna' already exists");
  problem = AsAdmin("POST", "/api/v1/users",
                    {{"name", "bea"}, {"role", "root"}, {"password", kUserPassword}});
  EXPECT_EQ(last_status_, 422);
  EXPECT_EQ(problem["detail"], "unknown role 'root' (operator, developer or admin)");
  problem = AsAdmin(
      "POST", "/api/v1/users",
      {{"name", "bea"}, {"role", "operator"}, {"queues", {""}}, {"password", kUserPassword}});
  EXPECT_EQ(last_status_, 422);
  EXPECT_EQ(problem["detail"], "user bea: a queue name is empty");
  AsAdmin("POST", "/api/v1/users",
          {{"name", "b a"}, {"role", "operator"}, {"password", kUserPassword}});
  EXPECT_EQ(last_status_, 422);
  problem = AsAdmin("POST", "/api/v1/users",
                    {{"name", "bea"}, {"role", "operator"}, {"password", "short"}});
  EXPECT_EQ(last_status_, 422);
  EXPECT_EQ(problem["detail"], "the password is too short: 5 characters, at least 12");
  AsAdmin("POST", "/api/v1/users", {{"name", "bea"}, {"role", "operator"}});
  EXPECT_EQ(last_status_, 400);
  AsAdmin(
      "POST", "/api/v1/users",
      {{"name", "bea"}, {"role", "operator"}, {"queues", "fatture"}, {"password", kUserPassword}});
  EXPECT_EQ(last_status_, 400);
  auto r = client_.Post("/api/v1/users", admin_, "{\"name\": ", "application/json");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 400);
  EXPECT_EQ(r->get_header_value("Content-Type"), "application/problem+json");
  AsAdmin("PATCH", "/api/v1/users/anna", {{"role", "boss"}});
  EXPECT_EQ(last_status_, 422);
  AsAdmin("PATCH", "/api/v1/users/anna", Value::object());
  EXPECT_EQ(last_status_, 400);
  for (const auto& [method, path] : {std::pair{"GET", "/api/v1/users/zoe"},
                                     {"PATCH", "/api/v1/users/zoe"},
                                     {"POST", "/api/v1/users/zoe/disable"},
                                     {"PUT", "/api/v1/users/zoe/password"},
                                     {"GET", "/api/v1/users/zoe/tokens"},
                                     {"POST", "/api/v1/users/zoe/tokens"},
                                     {"DELETE", "/api/v1/users/zoe/tokens"},
                                     {"DELETE", "/api/v1/users/anna/tokens/tk-000000000000"}}) {
    problem = AsAdmin(method, path, {{"role", "operator"}, {"password", kNewPassword}});
    EXPECT_EQ(last_status_, 404) << method << " " << path;
    EXPECT_EQ(problem["type"], "urn:travet:problem:not-found");
  }
}

TEST_F(UserRoutesTest, ATokenMadeOverHttpIsABearerTokenUntilRevoked) {
  AsAdmin("POST", "/api/v1/users",
          {{"name", "anna"}, {"role", "developer"}, {"password", kUserPassword}});
  ASSERT_EQ(last_status_, 201);
  const Value made = AsAdmin("POST", "/api/v1/users/anna/tokens");
  ASSERT_EQ(last_status_, 201) << made.dump();
  const std::string token = made["token"];
  token_hashes_.push_back(auth::HashSecret(token));
  EXPECT_TRUE(token.starts_with("trv_")) << token;
  EXPECT_EQ(made["user"], "anna");
  const std::string id = made["id"];
  const httplib::Headers bearer = {{"Authorization", "Bearer " + token}};
  auto me = client_.Get("/api/v1/session", bearer);
  ASSERT_TRUE(me);
  ASSERT_EQ(me->status, 200);
  EXPECT_EQ(JsonOf(me)["user"], "anna");
  EXPECT_EQ(StatusOf(client_.Post("/api/v1/bots/echo/runs", bearer, "{}", "application/json")),
            202);

  const Value tokens = AsAdmin("GET", "/api/v1/users/anna/tokens");
  ASSERT_EQ(tokens["tokens"].size(), 1u);
  EXPECT_EQ(tokens["tokens"][0]["id"], id);
  EXPECT_FALSE(tokens["tokens"][0].contains("token"));
  EXPECT_TRUE(tokens["tokens"][0]["last_used_at"].is_string()) << "it was used";
  const Value second = AsAdmin("POST", "/api/v1/users/anna/tokens");
  token_hashes_.push_back(auth::HashSecret(second["token"].get<std::string>()));
  AsAdmin("DELETE", "/api/v1/users/anna/tokens/" + id);
  EXPECT_EQ(last_status_, 204);
  EXPECT_EQ(StatusOf(client_.Get("/api/v1/session", bearer)), 401);
  EXPECT_EQ(AsAdmin("GET", "/api/v1/users/anna/tokens")["tokens"].size(), 1u);
  EXPECT_EQ(AsAdmin("DELETE", "/api/v1/users/anna/tokens")["revoked"], 1);
  AsAdmin("POST", "/api/v1/users/anna/disable");
  AsAdmin("POST", "/api/v1/users/anna/tokens");
  EXPECT_EQ(last_status_, 409) << "a disabled user gets no token";
}

// As `travet users passwd`: a new password ends every session of the user.
TEST_F(UserRoutesTest, APasswordSetByAnAdminEndsTheUsersSessions) {
  AsAdmin("POST", "/api/v1/users",
          {{"name", "anna"}, {"role", "operator"}, {"password", kUserPassword}});
  const Browser browser = SignInAs("anna", kUserPassword);
  ASSERT_EQ(browser.status, 200);
  AsAdmin("PUT", "/api/v1/users/anna/password", {{"password", "short"}});
  EXPECT_EQ(last_status_, 422);
  EXPECT_EQ(StatusOf(client_.Get("/api/v1/session", browser.headers)), 200);
  AsAdmin("PUT", "/api/v1/users/anna/password", {{"password", kNewPassword}});
  EXPECT_EQ(last_status_, 204);
  EXPECT_EQ(StatusOf(client_.Get("/api/v1/session", browser.headers)), 401);
  EXPECT_EQ(SignInAs("anna", kUserPassword).status, 401);
  EXPECT_EQ(SignInAs("anna", kNewPassword).status, 200);
}

TEST_F(UserRoutesTest, ASignedInUserChangesTheirOwnPassword) {
  AsAdmin("POST", "/api/v1/users",
          {{"name", "anna"}, {"role", "operator"}, {"password", kUserPassword}});
  const Browser browser = SignInAs("anna", kUserPassword);
  ASSERT_EQ(browser.status, 200);
  const auto change = [&](const std::string& current, const std::string& fresh) {
    const Value body = {{"current_password", current}, {"new_password", fresh}};
    return client_.Put("/api/v1/session/password", browser.headers, body.dump(),
                       "application/json");
  };
  auto r = change("wrong password!", kNewPassword);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 403);
  EXPECT_EQ(JsonOf(r)["title"], "The current password is wrong");
  EXPECT_EQ(StatusOf(change(kUserPassword, "short")), 422);
  r = change(kUserPassword, kNewPassword);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 204) << r->body;
  EXPECT_NE(r->get_header_value("Set-Cookie").find("Max-Age=0"), std::string::npos);
  EXPECT_EQ(StatusOf(client_.Get("/api/v1/session", browser.headers)), 401);
  EXPECT_EQ(SignInAs("anna", kNewPassword).status, 200);
  AsAdmin("GET", "/api/v1/users/anna");  // an admin's look shows no hash either
}

}  // namespace
}  // namespace travet::server
