#include "runtime/auth/tokens.h"

#include <gtest/gtest.h>

namespace travet::auth {
namespace {

bool IsUrlSafeBase64(std::string_view text) {
  for (char c : text) {
    bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    if (!letter && !(c >= '0' && c <= '9') && c != '-' && c != '_')
      return false;
  }
  return true;
}

TEST(TokensTest, SecretsAreRandomUrlSafeBase64) {
  Result<std::string> one = NewSecret();
  Result<std::string> two = NewSecret();
  ASSERT_TRUE(one && two);
  EXPECT_EQ(one->size(), 43u);  // 32 bytes, no padding
  EXPECT_TRUE(IsUrlSafeBase64(*one)) << *one;
  EXPECT_NE(*one, *two);
  EXPECT_EQ(NewSecret("x.")->rfind("x.", 0), 0u);
}

TEST(TokensTest, ApiTokensAreRecognisableAndIdsRevealNothing) {
  Result<std::string> token = NewApiToken();
  ASSERT_TRUE(token);
  EXPECT_EQ(token->rfind("trv_", 0), 0u);
  EXPECT_EQ(token->size(), 4u + 43u);
  EXPECT_TRUE(IsUrlSafeBase64(token->substr(4)));

  Result<std::string> id = NewTokenId();
  ASSERT_TRUE(id);
  EXPECT_EQ(id->size(), 15u);
  EXPECT_EQ(id->rfind("tk-", 0), 0u);
  EXPECT_EQ(id->find_first_not_of("0123456789abcdef", 3), std::string::npos) << *id;
  EXPECT_NE(*NewTokenId(), *id);
}

TEST(TokensTest, HashesSecretsWithSha256) {
  EXPECT_EQ(HashSecret("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(HashSecret(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST(TokensTest, ComparesSecrets) {
  EXPECT_TRUE(SameSecret("abc", "abc"));
  EXPECT_FALSE(SameSecret("abc", "abd"));
  EXPECT_FALSE(SameSecret("abc", "abcd"));
  EXPECT_FALSE(SameSecret("", "a"));
  EXPECT_TRUE(SameSecret("", ""));
}

TEST(TokensTest, ReadsBearerTokens) {
  EXPECT_EQ(BearerToken("Bearer trv_abc"), "trv_abc");
  EXPECT_EQ(BearerToken("bearer  trv_abc "), "trv_abc");
  EXPECT_EQ(BearerToken("BEARER trv_abc"), "trv_abc");
  EXPECT_EQ(BearerToken("Basic YW5uYTpw"), std::nullopt);
  EXPECT_EQ(BearerToken("Bearer"), std::nullopt);
  EXPECT_EQ(BearerToken("Bearer "), std::nullopt);
  EXPECT_EQ(BearerToken("Bearer a b"), std::nullopt);
  EXPECT_EQ(BearerToken("Bearertrv_abc"), std::nullopt);
}

}  // namespace
}  // namespace travet::auth
