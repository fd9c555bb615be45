#include "runtime/lang/loader.h"

#include <gtest/gtest.h>

#include "tests/runtime/lang/test_catalog.h"

namespace travet::lang {
namespace {

LoadResult Load(const std::string& text) {
  LoadOptions options;
  options.actions = &testing::TestCatalog();
  return LoadBotText(text, "bot.yaml", options);
}

// The one error of a bot that must fail with exactly one.
std::string OnlyError(const std::string& text) {
  LoadResult r = Load(text);
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(r.errors.size(), 1u) << ::testing::PrintToString(r.errors);
  return r.errors.empty() ? "" : r.errors[0];
}

TEST(LoaderTest, LoadsAWholeBot) {
  LoadResult r = Load(R"(bot: invoice-intake
description: Register invoices.
inputs:
  inbox: { type: path, default: inbox }
  threshold: { type: number, default: 85 }
env: [ACCOUNTING_URL]
secrets: [TOKEN]
triggers:
  - cron: "*/15 8-18 * * 1-5"
    timezone: Europe/Rome
vars:
  archive: "${{ inputs.inbox }}/../archive"
steps:
  - id: docs
    uses: file.list
    with: { dir: "${{ inputs.inbox }}", pattern: "*.png" }
  - id: each
    foreach: "${{ steps.docs.files }}"
    as: doc
    steps:
      - id: post
        uses: http.request
        retry: { attempts: 4, delay: 2s, backoff: exponential }
        timeout: 30s
        with:
          method: POST
          url: "${{ env.ACCOUNTING_URL }}/api/invoices"
          json: { file: "${{ doc.path }}", token: "${{ secrets.TOKEN }}" }
    on_error:
      - uses: log
        with: { message: "${{ error.message }}" }
)");
  ASSERT_TRUE(r.ok()) << ::testing::PrintToString(r.errors);
  const Bot& bot = *r.bot;
  EXPECT_EQ(bot.name, "invoice-intake");
  ASSERT_EQ(bot.inputs.size(), 2u);
  EXPECT_EQ(bot.inputs[1].type, InputType::kNumber);
  EXPECT_EQ(*bot.inputs[1].default_value, 85);
  EXPECT_FALSE(bot.inputs[1].required);
  EXPECT_EQ(bot.env, std::vector<std::string>{"ACCOUNTING_URL"});
  ASSERT_EQ(bot.triggers.size(), 1u);
  EXPECT_EQ(bot.triggers[0].timezone, "Europe/Rome");
  ASSERT_EQ(bot.steps.size(), 2u);
  const Step& each = bot.steps[1];
  EXPECT_TRUE(each.is_loop());
  EXPECT_EQ(each.as, "doc");
  ASSERT_EQ(each.steps.size(), 1u);
  const Step& post = each.steps[0];
  ASSERT_TRUE(post.retry.has_value());
  EXPECT_EQ(post.retry->attempts, 4);
  EXPECT_EQ(post.retry->delay, Millis(2000));
  EXPECT_EQ(post.retry->backoff, Backoff::kExponential);
  EXPECT_EQ(post.timeout, Millis(30000));
  EXPECT_EQ(post.with["method"], "POST");
  EXPECT_EQ(post.loc.ToString(), "bot.yaml:21:9");
  EXPECT_EQ(each.on_error.size(), 1u);
}

TEST(LoaderTest, UnknownTopKeySuggestsTheRightOne) {
  EXPECT_EQ(OnlyError("bot: b\nstesp: []\nsteps:\n  - uses: set\n"),
            "bot.yaml:2:1: unknown key 'stesp' in the bot; did you mean 'steps'?");
}

TEST(LoaderTest, UnknownStepKeySuggests) {
  EXPECT_EQ(OnlyError("bot: b\nsteps:\n  - uses: set\n    wiht: {}\n"),
            "bot.yaml:4:5: unknown key 'wiht' in a step; did you mean 'with'?");
}

TEST(LoaderTest, RejectsStepWithoutAction) {
  EXPECT_EQ(OnlyError("bot: b\nsteps:\n  - id: a\n    with: { x: 1 }\n"),
            "bot.yaml:3:5: step has no 'uses' (the action to run) and no 'foreach'");
}

TEST(LoaderTest, UnknownActionSuggests) {
  EXPECT_EQ(OnlyError("bot: b\nsteps:\n  - uses: file.reed\n    with: { path: a }\n"),
            "bot.yaml:3:11: unknown action 'file.reed'; did you mean 'file.read'? "
            "(see 'travet actions')");
}

TEST(LoaderTest, WrongParameterType) {
  EXPECT_EQ(
      OnlyError("bot: b\nsteps:\n  - uses: file.list\n    with: { dir: a, recursive: yes }\n"),
      "bot.yaml:4:32: parameter 'recursive' of file.list must be a boolean, not a string");
}

TEST(LoaderTest, ExpressionParameterIsCheckedWhenTheStepRuns) {
  EXPECT_TRUE(Load("bot: b\ninputs: { deep: { type: boolean, default: true } }\nsteps:\n"
                   "  - uses: file.list\n    with: { dir: a, recursive: \"${{ inputs.deep }}\" }\n")
                  .ok());
}

TEST(LoaderTest, ParameterChoice) {
  EXPECT_EQ(OnlyError("bot: b\nsteps:\n  - uses: file.read\n    with: { path: a, as: xml }\n"),
            "bot.yaml:4:26: parameter 'as' of file.read must be one of text, json, csv, lines, "
            "not 'xml'");
}

TEST(LoaderTest, MissingRequiredParameter) {
  EXPECT_EQ(OnlyError("bot: b\nsteps:\n  - uses: file.read\n    with: { as: text }\n"),
            "bot.yaml:4:11: file.read needs parameter 'path'");
}

TEST(LoaderTest, UnknownParameterSuggests) {
  LoadResult r = Load("bot: b\nsteps:\n  - uses: file.read\n    with: { pth: a }\n");
  ASSERT_EQ(r.errors.size(), 2u);
  EXPECT_EQ(r.errors[0], "bot.yaml:4:11: file.read needs parameter 'path'");
  EXPECT_EQ(r.errors[1],
            "bot.yaml:4:13: unknown parameter 'pth' for file.read; did you mean 'path'?");
}

TEST(LoaderTest, OnlyOneOfAGroup) {
  EXPECT_EQ(OnlyError("bot: b\nsteps:\n  - uses: http.request\n"
                      "    with: { url: 'http://x', json: {}, body: a }\n"),
            "bot.yaml:4:11: http.request takes only one of json, body (got json and body)");
}

TEST(LoaderTest, DuplicateStepId) {
  EXPECT_EQ(OnlyError("bot: b\nsteps:\n  - id: a\n    uses: set\n  - id: a\n    uses: set\n"),
            "bot.yaml:5:9: duplicate step id 'a' (first at 3:9)");
}

TEST(LoaderTest, UnknownNameInExpression) {
  EXPECT_EQ(OnlyError("bot: b\nsteps:\n  - uses: log\n    with: { message: \"${{ step.x }}\" }\n"),
            "bot.yaml:4:22: unknown name 'step' in expression; did you mean 'steps'?");
}

TEST(LoaderTest, UnknownStepIdInExpression) {
  EXPECT_EQ(OnlyError("bot: b\nsteps:\n  - id: read\n    uses: set\n  - uses: log\n"
                      "    with: { message: \"${{ steps.raed.x }}\" }\n"),
            "bot.yaml:6:22: unknown step id 'raed' in expression; did you mean 'read'?");
}

TEST(LoaderTest, EnvMustBeAllowed) {
  EXPECT_EQ(
      OnlyError("bot: b\nsteps:\n  - uses: log\n    with: { message: \"${{ env.HOME }}\" }\n"),
      "bot.yaml:4:22: environment variable 'HOME' is not in the bot's 'env' list");
}

TEST(LoaderTest, LoopVariableOnlyInsideItsLoop) {
  EXPECT_EQ(OnlyError("bot: b\nsteps:\n  - foreach: [1, 2]\n    as: n\n    steps:\n"
                      "      - uses: log\n        with: { message: \"${{ n }}\" }\n"
                      "  - uses: log\n    with: { message: \"${{ n }}\" }\n"),
            "bot.yaml:9:22: unknown name 'n' in expression");
}

TEST(LoaderTest, ErrorIsKnownOnlyInHandlers) {
  EXPECT_EQ(
      OnlyError("bot: b\nsteps:\n  - uses: log\n    with: { message: \"${{ error.message }}\" }\n"),
      "bot.yaml:4:22: unknown name 'error' in expression");
}

TEST(LoaderTest, SetStepsDeclareVariables) {
  EXPECT_TRUE(Load("bot: b\nsteps:\n  - uses: set\n    with: { total: 3 }\n"
                   "  - uses: log\n    with: { message: \"${{ vars.total + 1 }}\" }\n")
                  .ok());
}

TEST(LoaderTest, UnterminatedExpression) {
  EXPECT_EQ(OnlyError("bot: b\nsteps:\n  - uses: log\n    with: { message: \"${{ inputs\" }\n"),
            "bot.yaml:4:22: unterminated '${{' in '${{ inputs'");
}

TEST(LoaderTest, SyntaxCheckerIsAsked) {
  LoadOptions options;
  options.actions = &testing::TestCatalog();
  options.check_syntax = [](std::string_view e) -> std::string {
    return e == "1 +" ? "unexpected symbol near <eof>" : "";
  };
  LoadResult r =
      LoadBotText("bot: b\nsteps:\n  - uses: log\n    with: { message: \"${{ 1 + }}\" }\n",
                  "bot.yaml", options);
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0], "bot.yaml:4:22: bad expression '1 +': unexpected symbol near <eof>");
}

TEST(LoaderTest, AStatementInAnExpressionIsCalledSo) {
  LoadOptions options;
  options.actions = &testing::TestCatalog();
  options.check_syntax = [](std::string_view) -> std::string {
    return "unexpected symbol near 'local'";
  };
  LoadResult r = LoadBotText(
      "bot: b\nsteps:\n  - uses: log\n    with: { message: \"${{ local x = 1 return x }}\" }\n",
      "bot.yaml", options);
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0],
            "bot.yaml:4:22: bad expression 'local x = 1 return x': '${{ }}' holds one Lua "
            "expression, and 'local' starts a statement; compute the value in a `script` step, "
            "or inside (function() ... end)()");
}

TEST(LoaderTest, LocalsOfAFunctionInAnExpressionAreKnown) {
  LoadResult r = Load(R"(bot: b
inputs:
  rows: { type: list }
steps:
  - uses: log
    with:
      message: "${{ (function() local t = 0 for _, r in ipairs(inputs.rows) do t = t + r end return t end)() }}"
)");
  EXPECT_TRUE(r.errors.empty()) << r.errors[0];
}

TEST(LoaderTest, BadCron) {
  EXPECT_EQ(OnlyError("bot: b\ntriggers:\n  - cron: \"61 * * * *\"\nsteps:\n  - uses: set\n"),
            "bot.yaml:3:11: bad cron expression '61 * * * *': minute 61 is out of range 0-59");
}

TEST(LoaderTest, UnknownTimezone) {
  EXPECT_EQ(OnlyError("bot: b\ntriggers:\n  - cron: \"@daily\"\n    timezone: Europe/Torino\n"
                      "steps:\n  - uses: set\n"),
            "bot.yaml:4:15: unknown time zone 'Europe/Torino' (e.g. Europe/Rome)");
}

TEST(LoaderTest, DefaultMustMatchType) {
  EXPECT_EQ(
      OnlyError("bot: b\ninputs:\n  n: { type: integer, default: many }\nsteps:\n  - uses: set\n"),
      "bot.yaml:3:32: default of input 'n' must be an integer, not a string");
}

TEST(LoaderTest, RetryAttemptsRange) {
  EXPECT_EQ(OnlyError("bot: b\nsteps:\n  - uses: set\n    retry: { attempts: 0 }\n"),
            "bot.yaml:4:24: 'attempts' must be a whole number from 1 to 100, not 0");
}

TEST(LoaderTest, BadTimeout) {
  EXPECT_EQ(OnlyError("bot: b\nsteps:\n  - uses: set\n    timeout: soon\n"),
            "bot.yaml:4:14: 'timeout': bad duration 'soon': expected a number (use e.g. 500ms, "
            "30s, 5m, 1h)");
}

TEST(LoaderTest, ReportsEveryErrorInLineOrder) {
  LoadResult r = Load("bot: B\nsteps:\n  - uses: nope\n  - id: 1x\n    uses: set\n");
  ASSERT_EQ(r.errors.size(), 3u);
  EXPECT_EQ(r.errors[0],
            "bot.yaml:1:6: bot name 'B' must be lower-case letters, digits and '-' "
            "(e.g. invoice-intake)");
  EXPECT_EQ(r.errors[1], "bot.yaml:3:11: unknown action 'nope' (see 'travet actions')");
  EXPECT_EQ(r.errors[2],
            "bot.yaml:4:9: step id '1x' must be a letter or '_' followed by letters, digits or "
            "'_' (it is used as steps.1x)");
}

TEST(LoaderTest, MissingFile) {
  LoadOptions options;
  options.actions = &testing::TestCatalog();
  LoadResult r = LoadBotFile("/nonexistent/bot.yaml", options);
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0],
            "/nonexistent/bot.yaml:1:1: cannot read the file: No such file or directory");
}

}  // namespace
}  // namespace travet::lang
