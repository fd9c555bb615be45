// Signing in over real HTTP: the session cookie and its flags, CSRF, sign
// out, a new session id at each sign-in, the throttle, API tokens.
#include <gtest/gtest.h>

#include "runtime/auth/passwords.h"
#include "runtime/auth/tokens.h"
#include "runtime/core/clock.h"
#include "tests/runtime/server/server_fixture.h"

namespace travet::server {
namespace {

using testing::JsonOf;
using testing::ServerFixture;
using testing::ServerSetup;

constexpr char kPassword[] = "correct horse battery";

void AddUser(store::Store& store, const std::string& name, store::Role role) {
  auto hash = auth::HashPassword(kPassword);
  ASSERT_TRUE(hash.has_value()) << hash.error().ToString();
  ASSERT_TRUE(store.CreateUser({.name = name, .role = role, .queues = {"fatture"}}, *hash).ok());
}

std::string Token(store::Store& store, const std::string& user) {
  auto token = auth::NewApiToken();
  auto id = auth::NewTokenId();
  EXPECT_TRUE(token.has_value() && id.has_value());
  EXPECT_TRUE(store
                  .AddToken({.id = *id,
                             .user = user,
                             .hash = auth::HashSecret(*token),
                             .created_at = FormatRfc3339(DefaultClock().Now())})
                  .ok());
  return *token;
}

httplib::Result SignIn(httplib::Client& client, const std::string& user,
                       const std::string& password, const std::string& from = "",
                       const std::string& forwarded_for = "") {
  httplib::Headers headers;
  if (!from.empty()) {
    headers.emplace("Cookie", from);
  }
  if (!forwarded_for.empty()) {
    headers.emplace("X-Forwarded-For", forwarded_for);
  }
  const Value body = {{"user", user}, {"password", password}};
  return client.Post("/api/v1/session", headers, body.dump(), "application/json");
}

// The session id of a Set-Cookie value "travet_session=ID; HttpOnly; ...".
std::string SessionId(const std::string& set_cookie) {
  const std::string prefix = "travet_session=";
  EXPECT_TRUE(set_cookie.starts_with(prefix)) << set_cookie;
  return set_cookie.substr(prefix.size(), set_cookie.find(';') - prefix.size());
}

class SignInTest : public ::testing::Test {
 protected:
  SignInTest() {
    AddUser(server_.store(), "anna", store::Role::kDeveloper);
    AddUser(server_.store(), "ugo", store::Role::kOperator);
  }
  ServerFixture server_{ServerSetup{}};
};

TEST_F(SignInTest, ASignInSetsAStrictHttpOnlyCookieAndAnswersTheCsrfToken) {
  auto client = server_.Client();
  auto r = SignIn(client, "anna", kPassword);
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  const std::string cookie = r->get_header_value("Set-Cookie");
  EXPECT_NE(cookie.find("; HttpOnly"), std::string::npos) << cookie;
  EXPECT_NE(cookie.find("; SameSite=Strict"), std::string::npos) << cookie;
  EXPECT_NE(cookie.find("; Path=/"), std::string::npos) << cookie;
  EXPECT_EQ(cookie.find("Secure"), std::string::npos) << "plain HTTP: a Secure cookie is lost";
  const Value body = JsonOf(r);
  EXPECT_EQ(body["user"], "anna");
  EXPECT_EQ(body["role"], "developer");
  const std::string csrf = body["csrf_token"];
  EXPECT_GE(csrf.size(), 32u);
  EXPECT_EQ(r->body.find(SessionId(cookie)), std::string::npos) << "the id is only in the cookie";

  const httplib::Headers with_cookie = {{"Cookie", "travet_session=" + SessionId(cookie)}};
  auto me = JsonOf(client.Get("/api/v1/session", with_cookie));
  EXPECT_EQ(me["user"], "anna");
  EXPECT_EQ(me["csrf_token"], csrf) << "a page loaded again asks for the token";
  auto refused = client.Post("/api/v1/bots/echo/runs", with_cookie, "{}", "application/json");
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 403);
  EXPECT_EQ(JsonOf(refused)["type"], "urn:travet:problem:csrf");
  httplib::Headers with_token = with_cookie;
  with_token.emplace("X-CSRF-Token", csrf);
  auto started = client.Post("/api/v1/bots/echo/runs", with_token, "{}", "application/json");
  ASSERT_TRUE(started);
  EXPECT_EQ(started->status, 202) << started->body;
}

TEST_F(SignInTest, BehindATlsProxyTheCookieIsSecure) {
  auto client = server_.Client();
  const Value body = {{"user", "anna"}, {"password", kPassword}};
  auto r = client.Post("/api/v1/session", {{"X-Forwarded-Proto", "https"}}, body.dump(),
                       "application/json");
  ASSERT_TRUE(r);
  EXPECT_NE(r->get_header_value("Set-Cookie").find("; Secure"), std::string::npos);
}

TEST_F(SignInTest, AWrongPasswordAndAnUnknownUserGetTheSameAnswer) {
  auto client = server_.Client();
  auto wrong = SignIn(client, "anna", "not the password at all");
  auto nobody = SignIn(client, "nobody", kPassword);
  ASSERT_TRUE(wrong && nobody);
  EXPECT_EQ(wrong->status, 401);
  EXPECT_EQ(nobody->status, 401);
  EXPECT_EQ(JsonOf(wrong)["detail"], JsonOf(nobody)["detail"]);
  EXPECT_EQ(JsonOf(wrong)["title"], JsonOf(nobody)["title"]);
  EXPECT_FALSE(wrong->has_header("Set-Cookie"));
}

// A session id planted before sign-in (session fixation) is not the one
// the sign-in hands out; signing out ends the session for good.
TEST_F(SignInTest, EachSignInIsANewSessionAndSignOutEndsIt) {
  auto client = server_.Client();
  auto first = SignIn(client, "anna", kPassword, "travet_session=planted-by-someone");
  ASSERT_TRUE(first);
  const std::string id = SessionId(first->get_header_value("Set-Cookie"));
  EXPECT_NE(id, "planted-by-someone");
  auto second = SignIn(client, "anna", kPassword);
  ASSERT_TRUE(second);
  EXPECT_NE(SessionId(second->get_header_value("Set-Cookie")), id);

  const httplib::Headers cookie = {{"Cookie", "travet_session=" + id},
                                   {"X-CSRF-Token", JsonOf(first)["csrf_token"]}};
  auto out = client.Delete("/api/v1/session", cookie);
  ASSERT_TRUE(out);
  EXPECT_EQ(out->status, 204);
  EXPECT_NE(out->get_header_value("Set-Cookie").find("Max-Age=0"), std::string::npos);
  auto after = client.Get("/api/v1/session", cookie);
  ASSERT_TRUE(after);
  EXPECT_EQ(after->status, 401);
}

TEST_F(SignInTest, RepeatedFailuresAreThrottledWithRetryAfter) {
  auto client = server_.Client();
  for (int i = 0; i < 5; ++i) {
    auto r = SignIn(client, "ugo", "guessing password " + std::to_string(i));
    ASSERT_TRUE(r);
    ASSERT_EQ(r->status, 401);
  }
  auto r = SignIn(client, "ugo", kPassword);  // even the right one, now
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 429);
  EXPECT_EQ(JsonOf(r)["type"], "urn:travet:problem:too-many-attempts");
  const std::string retry_after = r->get_header_value("Retry-After");
  ASSERT_FALSE(retry_after.empty());
  EXPECT_GT(std::stoi(retry_after), 0);
  auto other = SignIn(client, "anna", kPassword);  // another user is not held up
  ASSERT_TRUE(other);
  EXPECT_EQ(other->status, 200);
}

// Behind a reverse proxy every client connects from the proxy's address: the
// throttle of one client's guesses must not hold up another, and a client
// must not escape its own by writing X-Forwarded-For itself.
void GuessFiveTimes(httplib::Client& client, const std::string& forwarded_for) {
  for (int i = 0; i < 5; ++i) {
    auto r = SignIn(client, "ugo", "guessing password " + std::to_string(i), "", forwarded_for);
    ASSERT_TRUE(r);
    ASSERT_EQ(r->status, 401);
  }
}

TEST(SignInBehindAProxyTest, EachClientIsThrottledByItsOwnAddress) {
  ServerSetup setup;
  setup.trusted_proxies = {"127.0.0.1"};
  ServerFixture server(setup);
  AddUser(server.store(), "ugo", store::Role::kOperator);
  auto client = server.Client();
  GuessFiveTimes(client, "198.51.100.1");
  auto guesser = SignIn(client, "ugo", kPassword, "", "198.51.100.1");
  ASSERT_TRUE(guesser);
  EXPECT_EQ(guesser->status, 429);
  auto forged = SignIn(client, "ugo", kPassword, "", "203.0.113.9, 198.51.100.1");
  ASSERT_TRUE(forged);
  EXPECT_EQ(forged->status, 429);
  auto colleague = SignIn(client, "ugo", kPassword, "", "198.51.100.2");
  ASSERT_TRUE(colleague);
  EXPECT_EQ(colleague->status, 200);
}

TEST(SignInBehindAProxyTest, AnUntrustedPeerCannotChooseItsAddress) {
  ServerFixture server(ServerSetup{});
  AddUser(server.store(), "ugo", store::Role::kOperator);
  auto client = server.Client();
  GuessFiveTimes(client, "198.51.100.1");
  auto r = SignIn(client, "ugo", kPassword, "", "198.51.100.2");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 429);
}

TEST_F(SignInTest, AnApiTokenActsWithItsUsersRoleAndNeedsNoCsrf) {
  auto client = server_.Client();
  const httplib::Headers developer = {
      {"Authorization", "Bearer " + Token(server_.store(), "anna")}};
  auto started = client.Post("/api/v1/bots/echo/runs", developer, "{}", "application/json");
  ASSERT_TRUE(started);
  EXPECT_EQ(started->status, 202) << started->body;
  EXPECT_FALSE(JsonOf(client.Get("/api/v1/session", developer)).contains("csrf_token"))
      << "a token's caller has no session, so no CSRF token";
  const httplib::Headers op = {{"Authorization", "Bearer " + Token(server_.store(), "ugo")}};
  auto refused = client.Post("/api/v1/bots/echo/runs", op, "{}", "application/json");
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 403);
  auto unknown = client.Get("/api/v1/bots", {{"Authorization", "Bearer trv_not-a-token"}});
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->status, 401);
}

}  // namespace
}  // namespace travet::server
