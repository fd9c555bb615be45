#include "runtime/auth/passwords.h"

#include <gtest/gtest.h>

namespace travet::auth {
namespace {

TEST(PasswordsTest, HashesWithArgon2idAndVerifies) {
  Result<std::string> hash = HashPassword("correct horse battery");
  ASSERT_TRUE(hash) << hash.error().message();
  // libsodium's interactive parameters: 64 MiB, 2 passes, one lane.
  EXPECT_EQ(hash->rfind("$argon2id$v=19$m=65536,t=2,p=1$", 0), 0u) << *hash;
  EXPECT_TRUE(VerifyPassword(*hash, "correct horse battery"));
  EXPECT_FALSE(VerifyPassword(*hash, "correct horse battery "));
  EXPECT_FALSE(VerifyPassword(*hash, ""));
  // A salt of its own each time.
  Result<std::string> again = HashPassword("correct horse battery");
  EXPECT_NE(*again, *hash);
  EXPECT_TRUE(VerifyPassword(*again, "correct horse battery"));
}

TEST(PasswordsTest, AnythingButAHashVerifiesNothing) {
  EXPECT_FALSE(VerifyPassword("", "correct horse battery"));
  EXPECT_FALSE(VerifyPassword("correct horse battery", "correct horse battery"));
  EXPECT_FALSE(VerifyPassword(std::string(500, '$'), "x"));
}

TEST(PasswordsTest, ChecksNewPasswords) {
  EXPECT_TRUE(CheckNewPassword("correct hors").ok());
  EXPECT_EQ(CheckNewPassword("").message(), "the password is empty");
  Status short_one = CheckNewPassword("short pass");
  EXPECT_EQ(short_one.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(short_one.message(), "the password is too short: 10 characters, at least 12");
  // Characters, not bytes: 11 letters in 22 bytes are too short.
  EXPECT_EQ(CheckNewPassword("àèìòùàèìòùà").message(),
            "the password is too short: 11 characters, at least 12");
  EXPECT_TRUE(CheckNewPassword("àèìòùàèìòùàè").ok());
  EXPECT_EQ(CheckNewPassword("correct horse \xff").message(), "the password is not valid UTF-8");
  EXPECT_TRUE(CheckNewPassword(std::string(1024, 'a')).ok());
  EXPECT_EQ(CheckNewPassword(std::string(1025, 'a')).message(),
            "the password is longer than 1024 bytes");
}

}  // namespace
}  // namespace travet::auth
