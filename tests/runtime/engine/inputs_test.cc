// A run's inputs: from `-i name=text` on the command line, or as typed values
// (a request body), checked against the bot's declarations the same way.
#include "runtime/engine/inputs.h"

#include <gtest/gtest.h>

#include "runtime/actions/bot_loading.h"

namespace travet::engine {
namespace {

lang::Bot InvoiceBot() {
  auto loaded = actions::LoadBotText(R"(bot: inputs
inputs:
  inbox: { type: path, default: inbox }
  threshold: { type: number, default: 90 }
  count: { type: integer }
  dry_run: { type: boolean, required: false }
steps:
  - uses: log
    with: { message: "${{ inputs.count }}" }
)",
                                     "bot.yaml");
  EXPECT_TRUE(loaded.ok()) << ::testing::PrintToString(loaded.errors);
  return loaded.ok() ? *loaded.bot : lang::Bot{};
}

TEST(InputsTest, TextFromTheCommandLineIsConvertedAndDefaultsFilled) {
  auto inputs = ResolveInputs(InvoiceBot(), {{"count", "3"}, {"dry_run", "true"}});
  ASSERT_TRUE(inputs) << inputs.error().message();
  EXPECT_EQ(*inputs,
            (Value{{"count", 3}, {"dry_run", true}, {"inbox", "inbox"}, {"threshold", 90}}));
  EXPECT_EQ(ResolveInputs(InvoiceBot(), {{"count", "three"}}).error().message(),
            "input 'count' must be an integer, not 'three'");
}

TEST(InputsTest, TypedValuesAreCheckedAsTheCommandLineIs) {
  auto inputs = ResolveInputValues(InvoiceBot(), {{"count", 3}, {"threshold", 72.5}});
  ASSERT_TRUE(inputs) << inputs.error().message();
  EXPECT_EQ((*inputs)["threshold"], 72.5);
  EXPECT_EQ((*inputs)["inbox"], "inbox");
  EXPECT_TRUE((*inputs)["dry_run"].is_null());
  EXPECT_EQ(ResolveInputValues(InvoiceBot(), {{"count", "3"}}).error().message(),
            "input 'count' must be an integer");
  EXPECT_EQ(ResolveInputValues(InvoiceBot(), {{"threshold", 1}}).error().message(),
            "missing input 'count'");
  EXPECT_EQ(ResolveInputValues(InvoiceBot(), {{"count", 1}, {"treshold", 1}}).error().message(),
            "unknown input 'treshold'; did you mean 'threshold'?");
  EXPECT_EQ(ResolveInputValues(InvoiceBot(), Value::array()).error().message(),
            "inputs must be a map");
}

}  // namespace
}  // namespace travet::engine
