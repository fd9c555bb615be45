#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <utility>

#include "runtime/store/sqlite/sqlite_store.h"
#include "runtime/store/store.h"
#include "tests/fakes/fake_clock.h"
#include "tests/fakes/temp_dir.h"

namespace travet::store {

// A password hash as the store sees it: any text (runtime/auth makes real ones).
inline constexpr std::string_view kHashOne = "$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$one";
inline constexpr std::string_view kHashTwo = "$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$two";

// A SQLite store in a temp folder on a FakeClock, holding operator anna
// (queue accounting) and admin bob, with helpers for the tests of users,
// tokens, sessions and failed logins.
class UsersStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Result<std::unique_ptr<Store>> store = OpenSqliteStore(path(), clock_);
    ASSERT_TRUE(store) << store.error().message();
    store_ = std::move(*store);
    ASSERT_TRUE(
        store_
            ->CreateUser({.name = "anna", .role = Role::kOperator, .queues = {"accounting"}},
                         kHashOne)
            .ok());
    ASSERT_TRUE(store_->CreateUser({.name = "bob", .role = Role::kAdmin}, kHashOne).ok());
  }

  std::string path() const { return (dir_.path() / "travet.db").string(); }
  std::string At(Millis later = Millis(0)) const { return FormatRfc3339(clock_.Now() + later); }

  // A session of `user` whose id hashes to `id_hash`, ending in 30 minutes.
  Session SessionOf(const std::string& user, std::string id_hash) const {
    return {.id_hash = std::move(id_hash),
            .user = user,
            .csrf_token = "csrf-" + user,
            .expires_at = At(std::chrono::minutes(30))};
  }

  // Whether session `id_hash` is in the store.
  bool HasSession(std::string_view id_hash) { return store_->GetSession(id_hash).has_value(); }

  testing::TempDir dir_;
  testing::FakeClock clock_;
  std::unique_ptr<Store> store_;
};

}  // namespace travet::store
