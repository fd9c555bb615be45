#include "runtime/core/secret_mask.h"

#include <gtest/gtest.h>

#include <memory>

#include "runtime/core/logger.h"

namespace travet {
namespace {

TEST(SecretMaskTest, MasksEveryOccurrence) {
  SecretMask mask;
  mask.Add("hunter2");
  EXPECT_EQ(mask.Mask("pw=hunter2; again hunter2"), "pw=***; again ***");
  EXPECT_EQ(mask.Mask("nothing here"), "nothing here");
}

TEST(SecretMaskTest, LongerSecretsFirstSoOverlapsMaskFully) {
  SecretMask mask;
  mask.Add("abc");
  mask.Add("abcdef");
  EXPECT_EQ(mask.Mask("x abcdef y abc"), "x *** y ***");
}

TEST(SecretMaskTest, MasksTheFormsTheRuntimeWritesASecretIn) {
  SecretMask mask;
  mask.Add("canary U+\"Q\\Z-42");
  EXPECT_EQ(mask.Mask("k=canary%20U%2B%22Q%5CZ-42&x=1"), "k=***&x=1");      // query
  EXPECT_EQ(mask.Mask("k=canary+U%2B%22Q%5CZ-42"), "k=***");                // form
  EXPECT_EQ(mask.Mask(R"({"t":"canary U+\"Q\\Z-42"})"), R"({"t":"***"})");  // JSON
}

TEST(SecretMaskTest, MasksASecretInsideBase64WhereverItStarts) {
  SecretMask mask;
  mask.Add("s3cr3t-Tok3n");
  // Basic auth headers of "u:", "us:" and "use:" + the secret: each puts the
  // secret at another offset of the Base64 groups.
  for (const char* encoded :
       {"dTpzM2NyM3QtVG9rM24=", "dXM6czNjcjN0LVRvazNu", "dXNlOnMzY3IzdC1Ub2szbg=="}) {
    std::string masked = mask.Mask(std::string("Authorization: Basic ") + encoded);
    EXPECT_NE(masked.find("***"), std::string::npos) << encoded;
    EXPECT_EQ(masked.find(encoded), std::string::npos) << encoded;
  }
  EXPECT_EQ(mask.Mask("czNj"), "czNj");  // four characters alone are not hidden
}

TEST(SecretMaskTest, EmptyValuesAreIgnored) {
  SecretMask mask;
  mask.Add("");
  EXPECT_TRUE(mask.empty());
  EXPECT_EQ(mask.Mask("text"), "text");
}

TEST(LoggerTest, SinksSeeOnlyMaskedLinesAtTheirLevel) {
  auto mask = std::make_shared<SecretMask>();
  mask->Add("tok-123");
  Logger logger(mask);
  std::vector<std::string> all, errors;
  logger.AddSink(LogLevel::kDebug,
                 [&](LogLevel, std::string_view line) { all.emplace_back(line); });
  logger.AddSink(LogLevel::kError,
                 [&](LogLevel, std::string_view line) { errors.emplace_back(line); });
  logger.Log(LogLevel::kInfo, "using tok-123");
  logger.Log(LogLevel::kError, "tok-123 refused");
  EXPECT_EQ(all, (std::vector<std::string>{"using ***", "*** refused"}));
  EXPECT_EQ(errors, (std::vector<std::string>{"*** refused"}));
}

}  // namespace
}  // namespace travet
