#include <gtest/gtest.h>

#include <chrono>

#include "tests/runtime/store/users_fixture.h"

namespace travet::store {
namespace {

using std::chrono::minutes;
using std::chrono::seconds;

TEST(UserTypesTest, RoleNamesRoundTrip) {
  for (Role role : {Role::kOperator, Role::kDeveloper, Role::kAdmin})
    EXPECT_EQ(ParseRole(RoleName(role)), role);
  EXPECT_EQ(RoleName(Role::kDeveloper), "developer");
  EXPECT_EQ(ParseRole("Admin"), std::nullopt);
  EXPECT_EQ(ParseRole(""), std::nullopt);
}

TEST(UserTypesTest, ChecksUserNames) {
  EXPECT_TRUE(CheckUserName("anna.rossi_2-b").ok());
  EXPECT_TRUE(CheckUserName(std::string(64, 'a')).ok());
  EXPECT_EQ(CheckUserName("").message(), "user name is empty");
  EXPECT_EQ(CheckUserName("anna rossi").message(),
            "user name 'anna rossi' may hold only letters, digits, '.', '_' and '-'");
  EXPECT_EQ(CheckUserName("anna\nroot").message(),
            "user name 'anna\\nroot' may hold only letters, digits, '.', '_' and '-'");
  EXPECT_EQ(CheckUserName("niccolò").code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(CheckUserName(std::string(65, 'a')).message(),
            "user name '" + std::string(65, 'a') + "' is longer than 64 characters");
}

TEST_F(UsersStoreTest, CreatesAndGetsUsers) {
  Result<User> anna = store_->GetUser("anna");
  ASSERT_TRUE(anna) << anna.error().message();
  EXPECT_EQ(anna->name, "anna");
  EXPECT_EQ(anna->role, Role::kOperator);
  EXPECT_EQ(anna->queues, std::vector<std::string>{"accounting"});
  EXPECT_FALSE(anna->disabled);
  EXPECT_EQ(anna->created_at, At());
  EXPECT_EQ(anna->password_changed_at, At());
  EXPECT_EQ(*store_->GetPasswordHash("anna"), kHashOne);

  ASSERT_TRUE(store_
                  ->CreateUser({.name = "carla",
                                .role = Role::kDeveloper,
                                .disabled = true,
                                .created_at = "2026-01-02T03:04:05.678Z"},
                               kHashTwo)
                  .ok());
  Result<User> carla = store_->GetUser("carla");
  ASSERT_TRUE(carla);
  EXPECT_TRUE(carla->queues.empty());
  EXPECT_TRUE(carla->disabled);
  EXPECT_EQ(carla->created_at, "2026-01-02T03:04:05.678Z");
  EXPECT_EQ(carla->password_changed_at, "2026-01-02T03:04:05.678Z");
}

TEST_F(UsersStoreTest, RefusesBadNewUsers) {
  Status again = store_->CreateUser({.name = "anna", .role = Role::kAdmin}, kHashTwo);
  EXPECT_EQ(again.code(), StatusCode::kAlreadyExists);
  EXPECT_EQ(again.message(), "user 'anna' already exists");
  EXPECT_EQ(store_->GetUser("anna")->role, Role::kOperator);
  EXPECT_EQ(*store_->GetPasswordHash("anna"), kHashOne);

  EXPECT_EQ(store_->CreateUser({.name = "a b"}, kHashOne).message(),
            "user name 'a b' may hold only letters, digits, '.', '_' and '-'");
  EXPECT_EQ(store_->CreateUser({.name = "carla"}, "").message(), "user carla has no password hash");
  EXPECT_EQ(store_->CreateUser({.name = "carla", .queues = {"a", ""}}, kHashOne).message(),
            "user carla: a queue name is empty");
  EXPECT_EQ(store_->GetUser("carla").error().code(), StatusCode::kNotFound);
}

TEST_F(UsersStoreTest, UnknownUsersAreNotFound) {
  EXPECT_EQ(store_->GetUser("zoe").error().message(), "no user 'zoe'");
  EXPECT_EQ(store_->GetPasswordHash("zoe").error().message(), "no user 'zoe'");
  EXPECT_EQ(store_->SetPassword("zoe", kHashTwo).message(), "no user 'zoe'");
  EXPECT_EQ(store_->SetDisabled("zoe", true).message(), "no user 'zoe'");
  EXPECT_EQ(store_->SetRoleAndQueues("zoe", Role::kAdmin, {}).message(), "no user 'zoe'");
  EXPECT_EQ(store_->SetPassword("zoe", kHashTwo).code(), StatusCode::kNotFound);
}

TEST_F(UsersStoreTest, ListsUsersByName) {
  ASSERT_TRUE(store_->CreateUser({.name = "aaron"}, kHashOne).ok());
  Result<std::vector<User>> users = store_->ListUsers();
  ASSERT_TRUE(users) << users.error().message();
  std::vector<std::string> names;
  for (const User& user : *users)
    names.push_back(user.name);
  EXPECT_EQ(names, (std::vector<std::string>{"aaron", "anna", "bob"}));
  EXPECT_EQ((*users)[2].role, Role::kAdmin);
}

TEST_F(UsersStoreTest, ChangingThePasswordEndsEverySessionOfTheUser) {
  ASSERT_TRUE(store_->CreateSession(SessionOf("anna", "hash-a1")).ok());
  ASSERT_TRUE(store_->CreateSession(SessionOf("anna", "hash-a2")).ok());
  ASSERT_TRUE(store_->CreateSession(SessionOf("bob", "hash-b1")).ok());
  clock_.Advance(minutes(5));

  ASSERT_TRUE(store_->SetPassword("anna", kHashTwo).ok());
  EXPECT_EQ(*store_->GetPasswordHash("anna"), kHashTwo);
  EXPECT_EQ(store_->GetUser("anna")->password_changed_at, At());
  EXPECT_FALSE(HasSession("hash-a1"));
  EXPECT_FALSE(HasSession("hash-a2"));
  EXPECT_TRUE(HasSession("hash-b1"));
  EXPECT_EQ(store_->SetPassword("anna", "").message(), "user anna: the password hash is empty");
}

TEST_F(UsersStoreTest, DisablingEndsTheSessionsAndEnablingKeepsTheTokens) {
  ASSERT_TRUE(store_->CreateSession(SessionOf("anna", "hash-a1")).ok());
  ASSERT_TRUE(store_->AddToken({.id = "tk-1", .user = "anna", .hash = "token-hash-1"}).ok());

  ASSERT_TRUE(store_->SetDisabled("anna", true).ok());
  EXPECT_TRUE(store_->GetUser("anna")->disabled);
  EXPECT_FALSE(HasSession("hash-a1"));
  ASSERT_TRUE(store_->SetDisabled("anna", false).ok());
  EXPECT_FALSE(store_->GetUser("anna")->disabled);
  EXPECT_TRUE(store_->FindTokenByHash("token-hash-1", clock_.Now())->has_value());
}

TEST_F(UsersStoreTest, SetsRoleAndQueues) {
  ASSERT_TRUE(store_->SetRoleAndQueues("anna", Role::kDeveloper, {"hr", "accounting"}).ok());
  Result<User> anna = store_->GetUser("anna");
  EXPECT_EQ(anna->role, Role::kDeveloper);
  EXPECT_EQ(anna->queues, (std::vector<std::string>{"hr", "accounting"}));
  EXPECT_EQ(store_->SetRoleAndQueues("anna", Role::kAdmin, {""}).message(),
            "user anna: a queue name is empty");
  EXPECT_EQ(store_->GetUser("anna")->role, Role::kDeveloper);
}

TEST_F(UsersStoreTest, FindsTokensByHashAndRecordsTheirUseOnceAMinute) {
  ASSERT_TRUE(store_->AddToken({.id = "tk-1", .user = "anna", .hash = "token-hash-1"}).ok());
  std::string created = At();
  clock_.Advance(seconds(10));
  Result<std::optional<ApiToken>> found = store_->FindTokenByHash("token-hash-1", clock_.Now());
  ASSERT_TRUE(found && found->has_value());
  EXPECT_EQ((*found)->id, "tk-1");
  EXPECT_EQ((*found)->user, "anna");
  EXPECT_EQ((*found)->created_at, created);
  std::string first_use = At();
  EXPECT_EQ((*found)->last_used_at, first_use);

  clock_.Advance(seconds(30));  // within a minute: not written again
  EXPECT_EQ((*store_->FindTokenByHash("token-hash-1", clock_.Now()))->last_used_at, first_use);
  clock_.Advance(seconds(31));
  EXPECT_EQ((*store_->FindTokenByHash("token-hash-1", clock_.Now()))->last_used_at, At());

  Result<std::optional<ApiToken>> unknown = store_->FindTokenByHash("other", clock_.Now());
  ASSERT_TRUE(unknown);
  EXPECT_FALSE(unknown->has_value());
}

TEST_F(UsersStoreTest, RefusesBadTokens) {
  ASSERT_TRUE(store_->AddToken({.id = "tk-1", .user = "anna", .hash = "token-hash-1"}).ok());
  Status same_id = store_->AddToken({.id = "tk-1", .user = "bob", .hash = "token-hash-2"});
  EXPECT_EQ(same_id.code(), StatusCode::kAlreadyExists);
  EXPECT_EQ(same_id.message(), "token 'tk-1' already exists");
  EXPECT_EQ(store_->AddToken({.id = "tk-2", .user = "bob", .hash = "token-hash-1"}).code(),
            StatusCode::kAlreadyExists);
  EXPECT_EQ(store_->AddToken({.id = "tk-3", .user = "zoe", .hash = "token-hash-3"}).message(),
            "no user 'zoe'");
  EXPECT_EQ(store_->AddToken({.id = "", .user = "anna", .hash = "h"}).message(),
            "API token of user anna has no id");
  EXPECT_EQ(store_->AddToken({.id = "tk-4", .user = "anna", .hash = ""}).message(),
            "API token tk-4 has no hash");
}

TEST_F(UsersStoreTest, DeletesTheTokensOfOneUser) {
  ASSERT_TRUE(store_->AddToken({.id = "tk-1", .user = "anna", .hash = "token-hash-1"}).ok());
  ASSERT_TRUE(store_->AddToken({.id = "tk-2", .user = "anna", .hash = "token-hash-2"}).ok());
  ASSERT_TRUE(store_->AddToken({.id = "tk-3", .user = "bob", .hash = "token-hash-3"}).ok());
  EXPECT_EQ(*store_->DeleteTokens("anna"), 2);
  EXPECT_EQ(*store_->DeleteTokens("anna"), 0);
  EXPECT_FALSE(store_->FindTokenByHash("token-hash-1", clock_.Now())->has_value());
  EXPECT_TRUE(store_->FindTokenByHash("token-hash-3", clock_.Now())->has_value());
}

TEST_F(UsersStoreTest, ListsTheTokensOfOneUserWithoutTheirHashes) {
  ASSERT_TRUE(store_->AddToken({.id = "tk-1", .user = "anna", .hash = "token-hash-1"}).ok());
  clock_.Advance(seconds(1));
  ASSERT_TRUE(store_->AddToken({.id = "tk-2", .user = "anna", .hash = "token-hash-2"}).ok());
  ASSERT_TRUE(store_->AddToken({.id = "tk-3", .user = "bob", .hash = "token-hash-3"}).ok());
  ASSERT_TRUE(store_->FindTokenByHash("token-hash-2", clock_.Now()).has_value());
  Result<std::vector<ApiToken>> tokens = store_->ListTokens("anna");
  ASSERT_TRUE(tokens) << tokens.error().message();
  ASSERT_EQ(tokens->size(), 2u);
  EXPECT_EQ((*tokens)[0].id, "tk-1");
  EXPECT_EQ((*tokens)[0].user, "anna");
  EXPECT_EQ((*tokens)[0].hash, "");
  EXPECT_EQ((*tokens)[0].last_used_at, "");
  EXPECT_EQ((*tokens)[1].id, "tk-2");
  EXPECT_EQ((*tokens)[1].last_used_at, At());
  EXPECT_EQ(store_->ListTokens("zoe").error().message(), "no user 'zoe'");
  EXPECT_TRUE(store_->ListTokens("bob").has_value());
}

TEST_F(UsersStoreTest, DeletesOneTokenOfItsUser) {
  ASSERT_TRUE(store_->AddToken({.id = "tk-1", .user = "anna", .hash = "token-hash-1"}).ok());
  ASSERT_TRUE(store_->AddToken({.id = "tk-2", .user = "anna", .hash = "token-hash-2"}).ok());
  EXPECT_EQ(store_->DeleteToken("bob", "tk-1").message(), "user bob has no API token 'tk-1'");
  ASSERT_TRUE(store_->DeleteToken("anna", "tk-1").ok());
  EXPECT_EQ(store_->DeleteToken("anna", "tk-1").code(), StatusCode::kNotFound);
  EXPECT_FALSE(store_->FindTokenByHash("token-hash-1", clock_.Now())->has_value());
  EXPECT_TRUE(store_->FindTokenByHash("token-hash-2", clock_.Now())->has_value());
}

// bob is the only admin: he can be neither disabled nor demoted until
// another enabled admin exists.
TEST_F(UsersStoreTest, TheLastEnabledAdminStays) {
  const std::string refusal = "user bob is the last enabled admin; make another user admin first";
  Status disabled = store_->SetDisabled("bob", true);
  EXPECT_EQ(disabled.code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(disabled.message(), refusal);
  EXPECT_EQ(store_->SetRoleAndQueues("bob", Role::kDeveloper, {}).message(), refusal);
  EXPECT_TRUE(store_->SetRoleAndQueues("bob", Role::kAdmin, {"hr"}).ok());
  EXPECT_FALSE(store_->GetUser("bob")->disabled);
  EXPECT_EQ(store_->GetUser("bob")->role, Role::kAdmin);

  ASSERT_TRUE(store_->CreateUser({.name = "carla", .role = Role::kAdmin}, kHashOne).ok());
  ASSERT_TRUE(store_->SetDisabled("carla", true).ok());
  EXPECT_EQ(store_->SetDisabled("bob", true).message(), refusal) << "carla is disabled";
  ASSERT_TRUE(store_->SetDisabled("carla", false).ok());
  EXPECT_TRUE(store_->SetDisabled("bob", true).ok());
  EXPECT_EQ(store_->SetRoleAndQueues("carla", Role::kOperator, {}).code(),
            StatusCode::kFailedPrecondition);
  EXPECT_TRUE(store_->SetDisabled("anna", true).ok()) << "operators are never refused";
}

}  // namespace
}  // namespace travet::store
