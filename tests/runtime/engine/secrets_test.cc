#include "runtime/engine/secrets.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include "tests/fakes/temp_dir.h"

namespace travet::engine {
namespace {

SecretSource Env(const std::map<std::string, std::string>& vars) {
  SecretSource source;
  source.getenv = [vars](const std::string& name) -> std::optional<std::string> {
    auto it = vars.find(name);
    return it == vars.end() ? std::nullopt : std::optional<std::string>(it->second);
  };
  return source;
}

TEST(SecretsTest, EnvironmentComesFirst) {
  testing::TempDir dir;
  auto file = dir.Write("s.env", "TOKEN=from-file\nOTHER=o\n");
  chmod(file.c_str(), 0600);
  SecretSource source = Env({{"TRAVET_SECRET_TOKEN", "from-env"}});
  source.file = file.string();
  auto secrets = LoadSecrets({"TOKEN", "OTHER"}, source);
  ASSERT_TRUE(secrets.has_value()) << secrets.error().message();
  EXPECT_EQ((*secrets)["TOKEN"], "from-env");
  EXPECT_EQ((*secrets)["OTHER"], "o");
}

TEST(SecretsTest, FileFromTheEnvironmentAndCommentsAndEqualsInValues) {
  testing::TempDir dir;
  auto file = dir.Write("s.env", "# accounting\r\nTOKEN=a=b=c\r\n\r\n");
  chmod(file.c_str(), 0400);
  auto secrets = LoadSecrets({"TOKEN"}, Env({{"TRAVET_SECRETS_FILE", file.string()}}));
  ASSERT_TRUE(secrets.has_value()) << secrets.error().message();
  EXPECT_EQ((*secrets)["TOKEN"], "a=b=c");
}

TEST(SecretsTest, ABadLineIsReportedWithoutItsContent) {
  testing::TempDir dir;
  auto file = dir.Write("s.env", "TOKEN=ok\nhunter2\n");
  chmod(file.c_str(), 0600);
  SecretSource source = Env({});
  source.file = file.string();
  auto secrets = LoadSecrets({"TOKEN"}, source);
  ASSERT_FALSE(secrets.has_value());
  EXPECT_EQ(secrets.error().message(), file.string() + ":2: expected NAME=value");
}

TEST(SecretsTest, AMissingFileIsAnError) {
  SecretSource source = Env({});
  source.file = "/nonexistent/secrets.env";
  auto secrets = LoadSecrets({"TOKEN"}, source);
  ASSERT_FALSE(secrets.has_value());
  EXPECT_EQ(secrets.error().message(), "secrets file /nonexistent/secrets.env does not exist");
}

TEST(SecretsTest, NoSecretsNeedNoFile) {
  SecretSource source = Env({});
  source.file = "/nonexistent/secrets.env";
  EXPECT_TRUE(LoadSecrets({}, source).has_value());
}

}  // namespace
}  // namespace travet::engine
