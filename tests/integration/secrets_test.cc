#include <gtest/gtest.h>
#include <sys/stat.h>

#include "tests/integration/bot_harness.h"
#include "tools/mock_office/mock_office.h"

namespace travet::testing {
namespace {

const std::string kSecret = "s3cr3t-Tok3n-9f8e7d";

constexpr const char* kLeakyBot = R"(bot: leaky
env: [OFFICE_URL]
secrets: [TOKEN]
steps:
  - id: call
    uses: http.request
    with:
      method: POST
      url: "${{ env.OFFICE_URL }}/api/echo"
      headers: { Authorization: "Bearer ${{ secrets.TOKEN }}" }
      json: { note: "token is ${{ secrets.TOKEN }}" }
  - uses: log
    with: { message: "using ${{ secrets.TOKEN }} for ${{ steps.call.json.note }}" }
  - id: copy
    uses: script
    with: { lua: "return { t = secrets.TOKEN }" }
  - uses: set
    with: { kept: "${{ secrets.TOKEN }}" }
  - uses: fail
    with: { message: "giving up with ${{ vars.kept }}" }
)";

TEST(SecretsTest, ASecretNeverReachesTheStoreOrTheLog) {
  mock_office::MockOffice office;
  ASSERT_TRUE(office.Start().ok());
  BotHarness h;
  engine::RunOptions options;
  std::string url = office.url();
  options.getenv = [url](const std::string& name) -> std::optional<std::string> {
    if (name == "OFFICE_URL")
      return url;
    if (name == "TRAVET_SECRET_TOKEN")
      return kSecret;
    return std::nullopt;
  };
  auto outcome = h.Run(kLeakyBot, options);
  ASSERT_EQ(outcome.state, store::RunState::kFailed);
  EXPECT_EQ(outcome.error, "giving up with ***");

  // The backend did get it: the secret is usable, just not visible.
  auto received = office.Received();
  ASSERT_EQ(received.size(), 1u);
  EXPECT_EQ(received[0].headers["authorization"], "Bearer " + kSecret);

  EXPECT_NE(h.LogText().find("using *** for token is ***"), std::string::npos) << h.LogText();
  EXPECT_EQ(h.LogText().find(kSecret), std::string::npos);
  std::string db = ReadFile(h.store_path()) + ReadFile(h.store_path() + "-wal");
  ASSERT_FALSE(db.empty());
  EXPECT_EQ(db.find(kSecret), std::string::npos) << "the secret is in the SQLite file";
  auto checkpoints = h.store().LoadCheckpoints(outcome.run_id);
  ASSERT_TRUE(checkpoints.has_value());
  EXPECT_EQ((*checkpoints)[2].output["t"], "***");
}

// The channels a probe found: a secret as a map key, in a query string (an
// error message shows the URL encoded) and in JSON text written to the log.
TEST(SecretsTest, ASecretInAKeyAQueryOrJsonTextIsMaskedToo) {
  const std::string secret = "canary U+\"Q\\Z-42";
  mock_office::MockOffice office;
  ASSERT_TRUE(office.Start().ok());
  BotHarness h;
  engine::RunOptions options;
  std::string url = office.url();
  options.getenv = [url, secret](const std::string& name) -> std::optional<std::string> {
    if (name == "OFFICE_URL")
      return url;
    if (name == "TRAVET_SECRET_TOKEN")
      return secret;
    return std::nullopt;
  };
  auto outcome = h.Run(R"(bot: leaky-forms
env: [OFFICE_URL]
secrets: [TOKEN]
steps:
  - id: keyed
    uses: script
    with: { lua: "return { [secrets.TOKEN] = 'value' }" }
  - id: asked
    uses: http.request
    with:
      url: "${{ env.OFFICE_URL }}/api/nothing/999"
      query: { k: "${{ secrets.TOKEN }}" }
    continue_on_error: true
  - id: quoted
    uses: script
    with: { lua: "return { text = 'x' .. secrets.TOKEN }" }
  - uses: log
    with: { message: "${{ steps.quoted }} and ${{ steps.keyed }}" }
)",
                       options);
  ASSERT_EQ(outcome.state, store::RunState::kSucceeded) << outcome.error << h.LogText();
  ASSERT_EQ(office.Received().size(), 1u);
  EXPECT_EQ(office.Received()[0].target, "/api/nothing/999?k=canary%20U%2B%22Q%5CZ-42");

  std::string db = ReadFile(h.store_path()) + ReadFile(h.store_path() + "-wal");
  std::string log = h.LogText();
  for (const std::string& form :
       {secret, std::string("canary%20U%2B%22Q%5CZ-42"), std::string(R"(canary U+\"Q\\Z-42)")}) {
    EXPECT_EQ(db.find(form), std::string::npos) << form << " is in the SQLite file";
    EXPECT_EQ(log.find(form), std::string::npos) << form << " is in the log:\n" << log;
  }
  EXPECT_EQ(db.find("canary"), std::string::npos);
  EXPECT_EQ(log.find("canary"), std::string::npos) << log;
  auto checkpoints = h.store().LoadCheckpoints(outcome.run_id);
  ASSERT_TRUE(checkpoints.has_value());
  EXPECT_EQ((*checkpoints)[0].output, (Value{{"***", "value"}}));
}

TEST(SecretsTest, ASecretsFileReadableByOthersIsRefused) {
  BotHarness h;
  auto file = h.dir().Write("secrets.env", "TOKEN=" + kSecret + "\n");
  chmod(file.c_str(), 0644);
  engine::RunOptions options;
  options.secrets.file = file.string();
  options.getenv = [](const std::string&) { return std::nullopt; };
  options.store = &h.store();
  lang::Bot bot;
  bot.name = "b";
  bot.secrets = {"TOKEN"};
  auto outcome = engine::RunBot(bot, options);
  ASSERT_FALSE(outcome.has_value());
  EXPECT_EQ(outcome.error().message(), "secrets file " + file.string() +
                                           " must not be readable by group or others (chmod 600 " +
                                           file.string() + ")");
  chmod(file.c_str(), 0600);
  outcome = engine::RunBot(bot, options);
  ASSERT_TRUE(outcome.has_value()) << outcome.error().message();
  EXPECT_EQ(outcome->state, store::RunState::kSucceeded);
}

TEST(SecretsTest, AMissingSecretSaysWhereItWasLookedFor) {
  BotHarness h;
  engine::RunOptions options;
  options.store = &h.store();
  options.getenv = [](const std::string&) { return std::nullopt; };
  lang::Bot bot;
  bot.name = "b";
  bot.secrets = {"TOKEN"};
  auto outcome = engine::RunBot(bot, options);
  ASSERT_FALSE(outcome.has_value());
  EXPECT_EQ(outcome.error().message(),
            "secret 'TOKEN' is not set (set TRAVET_SECRET_TOKEN or add TOKEN=... to the secrets "
            "file)");
}

}  // namespace
}  // namespace travet::testing
