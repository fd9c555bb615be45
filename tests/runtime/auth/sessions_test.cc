#include "runtime/auth/sessions.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "runtime/auth/passwords.h"
#include "runtime/auth/tokens.h"
#include "runtime/store/sqlite/sqlite_store.h"
#include "tests/fakes/fake_clock.h"
#include "tests/fakes/temp_dir.h"

namespace travet::auth {
namespace {

using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;

constexpr std::string_view kPassword = "correct horse battery";

// One Argon2id hash of kPassword for every test (each takes a tenth of a
// second or more).
const std::string& PasswordHash() {
  static const std::string kHash = *HashPassword(kPassword);
  return kHash;
}

// Sessions over a SQLite store in a temp folder, on a FakeClock, with
// operator anna and disabled developer dario, both with kPassword.
class SessionsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Result<std::unique_ptr<store::Store>> opened =
        store::OpenSqliteStore((dir_.path() / "travet.db").string(), clock_);
    ASSERT_TRUE(opened) << opened.error().message();
    store_ = std::move(*opened);
    sessions_ = std::make_unique<Sessions>(*store_, clock_);
    ASSERT_TRUE(
        store_
            ->CreateUser({.name = "anna", .role = store::Role::kOperator, .queues = {"accounting"}},
                         PasswordHash())
            .ok());
    ASSERT_TRUE(
        store_
            ->CreateUser({.name = "dario", .role = store::Role::kDeveloper, .disabled = true},
                         PasswordHash())
            .ok());
  }

  // Logs anna in from 10.0.0.1 and returns the session.
  SessionGrant LogIn() {
    LoginResult login = sessions_->Login("anna", kPassword, "10.0.0.1");
    EXPECT_TRUE(login.grant) << login.grant.error().message();
    return login.grant ? *login.grant : SessionGrant{};
  }

  // A new API token of `user`, stored as the CLI stores it.
  std::string NewToken(const std::string& user) {
    std::string token = *NewApiToken();
    EXPECT_TRUE(
        store_->AddToken({.id = *NewTokenId(), .user = user, .hash = HashSecret(token)}).ok());
    return token;
  }

  // Everything the store's files hold, the write-ahead log included.
  std::string StoreBytes() const {
    std::string bytes;
    for (const auto& entry : std::filesystem::directory_iterator(dir_.path()))
      bytes += testing::ReadFile(entry.path());
    return bytes;
  }

  testing::TempDir dir_;
  testing::FakeClock clock_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<Sessions> sessions_;
};

TEST_F(SessionsTest, LogsInAndAuthenticatesTheSession) {
  SessionGrant grant = LogIn();
  EXPECT_EQ(grant.session_id.size(), 43u);
  EXPECT_EQ(grant.csrf_token.size(), 43u);
  EXPECT_NE(grant.session_id, grant.csrf_token);

  Result<Identity> who = sessions_->Authenticate(grant.session_id);
  ASSERT_TRUE(who) << who.error().message();
  EXPECT_EQ(who->user.name, "anna");
  EXPECT_EQ(who->user.role, store::Role::kOperator);
  EXPECT_EQ(who->user.queues, std::vector<std::string>{"accounting"});
  EXPECT_EQ(who->csrf_token, grant.csrf_token);
  // Every login is a session of its own.
  EXPECT_NE(LogIn().session_id, grant.session_id);
}

TEST_F(SessionsTest, UnknownUserWrongPasswordAndDisabledUserGetTheSameAnswer) {
  for (auto [user, password] : {std::pair<std::string_view, std::string_view>{"zoe", kPassword},
                                {"anna", "correct horse batterz"},
                                {"dario", kPassword}}) {
    LoginResult login = sessions_->Login(user, password, "10.0.0.1");
    ASSERT_FALSE(login.grant) << user;
    EXPECT_EQ(login.grant.error().code(), StatusCode::kPermissionDenied) << user;
    EXPECT_EQ(login.grant.error().message(), "wrong user name or password") << user;
    EXPECT_EQ(login.retry_after, seconds(0));
  }
}

TEST_F(SessionsTest, FiveFailuresFromOneAddressHoldOffThatAddress) {
  TimePoint first = clock_.Now();
  for (int i = 0; i < 5; ++i) {
    EXPECT_FALSE(sessions_->Login("anna", "wrong password!", "10.0.0.1").grant);
    clock_.Advance(seconds(1));
  }
  // Even the right password is refused now, before it is checked.
  LoginResult held = sessions_->Login("anna", kPassword, "10.0.0.1");
  ASSERT_FALSE(held.grant);
  EXPECT_EQ(held.grant.error().code(), StatusCode::kUnavailable);
  EXPECT_EQ(held.grant.error().message(), "too many failed logins; try again in 895 s");
  EXPECT_EQ(held.retry_after, seconds(895));
  // A refused login is no failure: the wait does not grow.
  EXPECT_EQ(store_->CountRecentFailures("anna", "10.0.0.1", first)->from_address, 5);

  // Another address is not held off, and its success leaves 10.0.0.1 held.
  EXPECT_TRUE(sessions_->Login("anna", kPassword, "10.0.0.2").grant);
  EXPECT_FALSE(sessions_->Login("anna", kPassword, "10.0.0.1").grant);

  // Once the first failure is 15 minutes old, four count: a try is allowed.
  clock_.Advance(std::chrono::duration_cast<Millis>(first + minutes(15) - clock_.Now()));
  ASSERT_TRUE(sessions_->Login("anna", kPassword, "10.0.0.1").grant);
  EXPECT_EQ(store_->CountRecentFailures("anna", "10.0.0.1", first)->from_address, 0);
}

TEST_F(SessionsTest, TwentyFailuresFromAnywhereHoldOffTheUser) {
  // As other server processes would have recorded them, from 20 addresses.
  for (int i = 0; i < 20; ++i) {
    ASSERT_TRUE(
        store_->RecordLoginFailure("anna", "10.0.1." + std::to_string(i), clock_.Now()).ok());
    clock_.Advance(seconds(30));
  }
  LoginResult held = sessions_->Login("anna", kPassword, "10.0.2.1");
  ASSERT_FALSE(held.grant);
  EXPECT_EQ(held.grant.error().message(), "too many failed logins; try again in 300 s");
  EXPECT_EQ(held.retry_after, seconds(300));
  // Names that are no user are held off alike.
  for (int i = 0; i < 5; ++i)
    EXPECT_FALSE(sessions_->Login("zoe", "wrong password!", "10.0.0.9").grant);
  EXPECT_EQ(sessions_->Login("zoe", "wrong password!", "10.0.0.9").grant.error().code(),
            StatusCode::kUnavailable);

  clock_.Advance(seconds(300));
  EXPECT_TRUE(sessions_->Login("anna", kPassword, "10.0.2.1").grant);
}

TEST_F(SessionsTest, ASessionUnusedForHalfAnHourEnds) {
  SessionGrant grant = LogIn();
  clock_.Advance(minutes(29));
  ASSERT_TRUE(sessions_->Authenticate(grant.session_id));
  clock_.Advance(minutes(29));  // 58 minutes old, but used 29 minutes ago
  ASSERT_TRUE(sessions_->Authenticate(grant.session_id));
  clock_.Advance(minutes(30));
  Result<Identity> expired = sessions_->Authenticate(grant.session_id);
  ASSERT_FALSE(expired);
  EXPECT_EQ(expired.error().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(expired.error().message(), "the session expired: unused for 30 min");
  EXPECT_EQ(sessions_->Authenticate(grant.session_id).error().message(), "no such session");
}

TEST_F(SessionsTest, ASessionEndsTwelveHoursAfterLoginHoweverUsed) {
  SessionGrant grant = LogIn();
  for (int i = 0; i < 35; ++i) {  // used every 20 minutes: 11 h 40 min
    clock_.Advance(minutes(20));
    ASSERT_TRUE(sessions_->Authenticate(grant.session_id)) << i;
  }
  clock_.Advance(minutes(19));
  ASSERT_TRUE(sessions_->Authenticate(grant.session_id));
  clock_.Advance(minutes(1));
  EXPECT_EQ(sessions_->Authenticate(grant.session_id).error().message(),
            "the session expired: older than 12 h");
}

TEST_F(SessionsTest, LogoutAndAPasswordChangeEndSessions) {
  SessionGrant first = LogIn(), second = LogIn();
  ASSERT_TRUE(sessions_->Logout(first.session_id).ok());
  EXPECT_EQ(sessions_->Authenticate(first.session_id).error().message(), "no such session");
  EXPECT_TRUE(sessions_->Logout(first.session_id).ok());
  ASSERT_TRUE(sessions_->Authenticate(second.session_id));

  ASSERT_TRUE(store_->SetPassword("anna", *HashPassword("a new password, longer")).ok());
  EXPECT_EQ(sessions_->Authenticate(second.session_id).error().message(), "no such session");
  EXPECT_FALSE(sessions_->Login("anna", kPassword, "10.0.0.1").grant);
  EXPECT_TRUE(sessions_->Login("anna", "a new password, longer", "10.0.0.1").grant);
}

TEST_F(SessionsTest, DisablingAUserEndsItsSessionsAndRefusesItsTokens) {
  SessionGrant grant = LogIn();
  std::string token = NewToken("anna");
  ASSERT_TRUE(store_->SetDisabled("anna", true).ok());
  EXPECT_EQ(sessions_->Authenticate(grant.session_id).error().message(), "no such session");
  Result<Identity> refused = sessions_->AuthenticateToken(token);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(refused.error().message(), "user anna is disabled");
}

TEST_F(SessionsTest, AuthenticatesApiTokens) {
  std::string token = NewToken("anna");
  Result<Identity> who = sessions_->AuthenticateToken(token);
  ASSERT_TRUE(who) << who.error().message();
  EXPECT_EQ(who->user.name, "anna");
  EXPECT_EQ(who->csrf_token, "");
  for (const std::string& other : {std::string(""), token + "x", *NewApiToken()}) {
    Result<Identity> unknown = sessions_->AuthenticateToken(other);
    ASSERT_FALSE(unknown);
    EXPECT_EQ(unknown.error().code(), StatusCode::kPermissionDenied);
    EXPECT_EQ(unknown.error().message(), "unknown API token");
  }
  // A session id is no token, nor the other way round.
  SessionGrant grant = LogIn();
  EXPECT_FALSE(sessions_->AuthenticateToken(grant.session_id));
  EXPECT_FALSE(sessions_->Authenticate(token));
}

TEST_F(SessionsTest, SessionIdsAndTokensAreStoredOnlyAsHashes) {
  SessionGrant grant = LogIn();
  std::string token = NewToken("anna");
  std::string bytes = StoreBytes();
  // The search finds what is there: the hashes.
  ASSERT_NE(bytes.find(HashSecret(grant.session_id)), std::string::npos);
  ASSERT_NE(bytes.find(HashSecret(token)), std::string::npos);
  EXPECT_EQ(bytes.find(grant.session_id), std::string::npos);
  EXPECT_EQ(bytes.find(token), std::string::npos);
  EXPECT_EQ(bytes.find(token.substr(4)), std::string::npos);
  EXPECT_EQ(bytes.find(kPassword), std::string::npos);
}

TEST_F(SessionsTest, SweepDeletesEndedSessionsAndOldFailures) {
  SessionGrant old = LogIn();
  ASSERT_TRUE(store_->RecordLoginFailure("anna", "10.0.0.9", clock_.Now()).ok());
  clock_.Advance(minutes(20));
  SessionGrant recent = LogIn();
  clock_.Advance(minutes(15));
  ASSERT_TRUE(sessions_->Sweep().ok());
  EXPECT_EQ(store_->GetSession(HashSecret(old.session_id)).error().code(), StatusCode::kNotFound);
  EXPECT_TRUE(store_->GetSession(HashSecret(recent.session_id)));
  EXPECT_EQ(store_->CountRecentFailures("anna", "10.0.0.9", TimePoint())->from_anywhere, 0);
}

}  // namespace
}  // namespace travet::auth
