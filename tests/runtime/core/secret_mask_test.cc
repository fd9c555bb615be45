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
