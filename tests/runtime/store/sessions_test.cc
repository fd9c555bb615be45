#include <gtest/gtest.h>

#include <chrono>

#include "tests/runtime/store/users_fixture.h"

namespace travet::store {
namespace {

using std::chrono::minutes;
using std::chrono::seconds;

TEST_F(UsersStoreTest, CreatesAndGetsSessions) {
  ASSERT_TRUE(store_->CreateSession(SessionOf("anna", "hash-a1")).ok());
  Result<Session> session = store_->GetSession("hash-a1");
  ASSERT_TRUE(session) << session.error().message();
  EXPECT_EQ(session->id_hash, "hash-a1");
  EXPECT_EQ(session->user, "anna");
  EXPECT_EQ(session->csrf_token, "csrf-anna");
  EXPECT_EQ(session->created_at, At());
  EXPECT_EQ(session->last_seen_at, At());
  EXPECT_EQ(session->expires_at, At(minutes(30)));

  Status again = store_->CreateSession(SessionOf("bob", "hash-a1"));
  EXPECT_EQ(again.code(), StatusCode::kAlreadyExists);
  EXPECT_EQ(store_->GetSession("hash-a1")->user, "anna");
  EXPECT_EQ(store_->GetSession("hash-zz").error().message(), "no such session");
  EXPECT_EQ(store_->GetSession("hash-zz").error().code(), StatusCode::kNotFound);
}

TEST_F(UsersStoreTest, RefusesBadSessions) {
  EXPECT_EQ(store_->CreateSession(SessionOf("zoe", "hash-z1")).message(), "no user 'zoe'");
  Session no_hash = SessionOf("anna", "");
  EXPECT_EQ(store_->CreateSession(no_hash).message(), "session of user anna has no id hash");
  Session no_csrf = SessionOf("anna", "hash-a1");
  no_csrf.csrf_token.clear();
  EXPECT_EQ(store_->CreateSession(no_csrf).message(), "session of user anna has no CSRF token");
  Session no_end = SessionOf("anna", "hash-a1");
  no_end.expires_at.clear();
  EXPECT_EQ(store_->CreateSession(no_end).message(), "session of user anna has no end");
  EXPECT_FALSE(HasSession("hash-a1"));
}

TEST_F(UsersStoreTest, TouchesSessions) {
  ASSERT_TRUE(store_->CreateSession(SessionOf("anna", "hash-a1")).ok());
  std::string created = At();
  clock_.Advance(minutes(10));
  ASSERT_TRUE(store_->TouchSession("hash-a1", clock_.Now(), clock_.Now() + minutes(30)).ok());
  Result<Session> session = store_->GetSession("hash-a1");
  EXPECT_EQ(session->created_at, created);
  EXPECT_EQ(session->last_seen_at, At());
  EXPECT_EQ(session->expires_at, At(minutes(30)));
  Status gone = store_->TouchSession("hash-zz", clock_.Now(), clock_.Now());
  EXPECT_EQ(gone.code(), StatusCode::kNotFound);
  EXPECT_EQ(gone.message(), "no such session");
}

TEST_F(UsersStoreTest, DeletesSessions) {
  ASSERT_TRUE(store_->CreateSession(SessionOf("anna", "hash-a1")).ok());
  ASSERT_TRUE(store_->CreateSession(SessionOf("anna", "hash-a2")).ok());
  ASSERT_TRUE(store_->CreateSession(SessionOf("bob", "hash-b1")).ok());

  ASSERT_TRUE(store_->DeleteSession("hash-a1").ok());
  EXPECT_FALSE(HasSession("hash-a1"));
  EXPECT_TRUE(store_->DeleteSession("hash-a1").ok());  // already gone: fine
  EXPECT_EQ(*store_->DeleteSessionsOf("anna"), 1);
  EXPECT_FALSE(HasSession("hash-a2"));
  EXPECT_TRUE(HasSession("hash-b1"));
  EXPECT_EQ(*store_->DeleteSessionsOf("anna"), 0);
}

TEST_F(UsersStoreTest, SweepsSessionsThatEnded) {
  ASSERT_TRUE(store_->CreateSession(SessionOf("anna", "hash-a1")).ok());
  clock_.Advance(minutes(20));
  ASSERT_TRUE(store_->CreateSession(SessionOf("bob", "hash-b1")).ok());
  clock_.Advance(minutes(10));  // anna's ends now, bob's in 20 minutes

  EXPECT_EQ(*store_->SweepSessions(clock_.Now()), 1);
  EXPECT_FALSE(HasSession("hash-a1"));
  EXPECT_TRUE(HasSession("hash-b1"));
  EXPECT_EQ(*store_->SweepSessions(clock_.Now()), 0);
}

TEST_F(UsersStoreTest, CountsFailedLoginsPerAddressAndUser) {
  TimePoint start = clock_.Now();
  ASSERT_TRUE(store_->RecordLoginFailure("anna", "10.0.0.1", clock_.Now()).ok());
  clock_.Advance(seconds(10));
  ASSERT_TRUE(store_->RecordLoginFailure("anna", "10.0.0.2", clock_.Now()).ok());
  clock_.Advance(seconds(10));
  ASSERT_TRUE(store_->RecordLoginFailure("anna", "10.0.0.1", clock_.Now()).ok());
  // Names that are no user count too: nobody learns which names exist.
  ASSERT_TRUE(store_->RecordLoginFailure("zoe", "10.0.0.1", clock_.Now()).ok());

  Result<LoginFailures> all = store_->CountRecentFailures("anna", "10.0.0.1", start);
  ASSERT_TRUE(all) << all.error().message();
  EXPECT_EQ(all->from_address, 2);
  EXPECT_EQ(all->from_anywhere, 3);
  EXPECT_EQ(all->oldest_from_address, FormatRfc3339(start));
  EXPECT_EQ(all->oldest_from_anywhere, FormatRfc3339(start));

  Result<LoginFailures> later = store_->CountRecentFailures("anna", "10.0.0.2", start + seconds(5));
  EXPECT_EQ(later->from_address, 1);
  EXPECT_EQ(later->from_anywhere, 2);
  EXPECT_EQ(later->oldest_from_address, FormatRfc3339(start + seconds(10)));
  EXPECT_EQ(later->oldest_from_anywhere, FormatRfc3339(start + seconds(10)));

  Result<LoginFailures> none = store_->CountRecentFailures("carla", "10.0.0.1", start);
  EXPECT_EQ(none->from_address, 0);
  EXPECT_EQ(none->from_anywhere, 0);
  EXPECT_EQ(none->oldest_from_address, "");
  EXPECT_EQ(store_->CountRecentFailures("zoe", "10.0.0.1", start)->from_anywhere, 1);
}

TEST_F(UsersStoreTest, ClearsTheFailuresOfOneAddressAndPrunesOldOnes) {
  TimePoint start = clock_.Now();
  ASSERT_TRUE(store_->RecordLoginFailure("anna", "10.0.0.1", clock_.Now()).ok());
  ASSERT_TRUE(store_->RecordLoginFailure("anna", "10.0.0.2", clock_.Now()).ok());
  clock_.Advance(minutes(20));
  ASSERT_TRUE(store_->RecordLoginFailure("anna", "10.0.0.2", clock_.Now()).ok());

  ASSERT_TRUE(store_->ClearLoginFailures("anna", "10.0.0.1").ok());
  Result<LoginFailures> counted = store_->CountRecentFailures("anna", "10.0.0.1", start);
  EXPECT_EQ(counted->from_address, 0);
  EXPECT_EQ(counted->from_anywhere, 2);

  EXPECT_EQ(*store_->PruneLoginFailures(clock_.Now() - minutes(15)), 1);
  EXPECT_EQ(store_->CountRecentFailures("anna", "10.0.0.2", start)->from_address, 1);
}

}  // namespace
}  // namespace travet::store
