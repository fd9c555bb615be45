#include <gtest/gtest.h>

#include "tests/integration/bot_harness.h"

namespace travet::testing {
namespace {

TEST(ControlFlowTest, IfSkipsAndSkippedStepsReadAsEmpty) {
  BotHarness h;
  auto outcome = h.Run(R"(bot: conditions
inputs:
  amount: { type: number, default: 120.5 }
steps:
  - id: big
    if: inputs.amount > 100
    uses: set
    with: { size: big }
  - id: small
    if: "${{ inputs.amount <= 100 }}"
    uses: set
    with: { size: small }
  - uses: file.write
    with: { path: out.txt, content: "${{ vars.size }} ${{ steps.small.size or 'none' }}" }
)");
  EXPECT_EQ(outcome.state, store::RunState::kSucceeded) << outcome.error;
  EXPECT_EQ(h.dir().Read("out.txt"), "big none");
  auto checkpoints = h.store().LoadCheckpoints(outcome.run_id);
  ASSERT_TRUE(checkpoints.has_value());
  EXPECT_EQ((*checkpoints)[1].status, store::StepStatus::kSkipped);
}

TEST(ControlFlowTest, NestedLoopsAndInputsGivenAsText) {
  BotHarness h;
  engine::RunOptions options;
  options.inputs = {{"offices", "[\"Torino\", \"Ivrea\"]"}, {"copies", "2"}};
  auto outcome = h.Run(R"(bot: nested
inputs:
  offices: { type: list }
  copies: { type: integer, default: 1 }
vars:
  lines: ""
steps:
  - foreach: "${{ inputs.offices }}"
    as: office
    steps:
      - id: each_copy
        foreach: "${{ { 1, inputs.copies } }}"
        as: n
        steps:
          - uses: set
            with: { lines: "${{ vars.lines }}${{ office }}-${{ n }};" }
  - uses: file.write
    with: { path: out.txt, content: "${{ vars.lines }}" }
)",
                       options);
  EXPECT_EQ(outcome.state, store::RunState::kSucceeded) << outcome.error;
  EXPECT_EQ(h.dir().Read("out.txt"), "Torino-1;Torino-2;Ivrea-1;Ivrea-2;");
  auto checkpoints = h.store().LoadCheckpoints(outcome.run_id);
  ASSERT_TRUE(checkpoints.has_value());
  ASSERT_EQ(checkpoints->size(), 5u);
  EXPECT_EQ((*checkpoints)[3].step_path, "step1[1].each_copy[1].step1");
}

// The schema allows a list written out in YAML; its entries may hold
// templates. It used to be evaluated as one Lua expression and fail the run.
TEST(ControlFlowTest, AListWrittenInYamlIsIterated) {
  BotHarness h;
  auto outcome = h.Run(R"(bot: listed
vars:
  lines: ""
  office: Ivrea
steps:
  - foreach: [Torino, "${{ vars.office }}", 3]
    as: entry
    steps:
      - uses: set
        with: { lines: "${{ vars.lines }}${{ entry }};" }
  - uses: file.write
    with: { path: out.txt, content: "${{ vars.lines }}" }
)");
  ASSERT_EQ(outcome.state, store::RunState::kSucceeded) << outcome.error;
  EXPECT_EQ(h.dir().Read("out.txt"), "Torino;Ivrea;3;");
}

TEST(ControlFlowTest, ATypedInputRefusesBadText) {
  BotHarness h;
  lang::Bot bot;
  bot.name = "b";
  bot.inputs.push_back({"copies", lang::InputType::kInteger, std::nullopt, true, "", {}});
  engine::RunOptions options;
  options.store = &h.store();
  options.inputs = {{"copies", "two"}};
  auto outcome = engine::RunBot(bot, options);
  ASSERT_FALSE(outcome.has_value());
  EXPECT_EQ(outcome.error().message(), "input 'copies' must be an integer, not 'two'");
  options.inputs = {{"copeis", "2"}};
  outcome = engine::RunBot(bot, options);
  EXPECT_EQ(outcome.error().message(), "unknown input 'copeis'; did you mean 'copies'?");
  options.inputs = {};
  outcome = engine::RunBot(bot, options);
  EXPECT_EQ(outcome.error().message(), "missing input 'copies'");
  bot.inputs.push_back({"rows", lang::InputType::kList, std::nullopt, false, "", {}});
  options.inputs = {{"copies", "2"}, {"rows", std::string(60000, '[') + std::string(60000, ']')}};
  outcome = engine::RunBot(bot, options);
  ASSERT_FALSE(outcome.has_value());
  EXPECT_EQ(outcome.error().message(), "input 'rows' nests deeper than 100 levels");
}

TEST(ControlFlowTest, ARunawayScriptFailsItsStepInsteadOfHanging) {
  BotHarness h;
  auto outcome = h.Run(R"(bot: runaway
steps:
  - id: spin
    uses: script
    with: { lua: "while true do end" }
)");
  EXPECT_EQ(outcome.state, store::RunState::kFailed);
  EXPECT_NE(outcome.error.find("instruction limit"), std::string::npos) << outcome.error;
}

TEST(ControlFlowTest, TimeoutFailsASlowStep) {
  BotHarness h;
  auto outcome = h.Run(R"(bot: slow
steps:
  - id: slow
    uses: script
    timeout: 1ms
    with:
      lua: |
        local s = 0
        for i = 1, 3000000 do s = s + i end
        return s
)");
  EXPECT_EQ(outcome.state, store::RunState::kFailed);
  EXPECT_EQ(outcome.error, "slow took longer than its timeout of 1ms");
}

// The instruction limit is days of work here: only the timeout can stop the
// loop, and the backtracking pattern runs inside one call of string.find.
TEST(ControlFlowTest, TimeoutInterruptsARunningScript) {
  for (const char* lua :
       {"while true do end", "return string.find(string.rep('a', 30000), '.-.-.-.-b')"}) {
    BotHarness h;
    engine::RunOptions options;
    options.expr_limits.max_instructions = 1'000'000'000'000'000;
    auto outcome = h.Run(std::string(R"(bot: endless
steps:
  - id: spin
    uses: script
    timeout: 1s
    with: { lua: ")") + lua + "\" }\n",
                         options);
    EXPECT_EQ(outcome.state, store::RunState::kFailed) << lua;
    EXPECT_EQ(outcome.error, "spin took longer than its timeout of 1.0s") << lua;
  }
}

// The same for the expressions of a step's parameters: they are evaluated
// under the step's timeout too.
TEST(ControlFlowTest, TimeoutInterruptsAnExpressionInParameters) {
  BotHarness h;
  engine::RunOptions options;
  options.expr_limits.max_instructions = 1'000'000'000'000'000;
  auto outcome = h.Run(R"(bot: endless
steps:
  - id: spin
    uses: set
    timeout: 1s
    with: { n: "${{ (function() while true do end end)() }}" }
)",
                       options);
  EXPECT_EQ(outcome.state, store::RunState::kFailed);
  EXPECT_EQ(outcome.error, "spin took longer than its timeout of 1.0s");
}

}  // namespace
}  // namespace travet::testing
