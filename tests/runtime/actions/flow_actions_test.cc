#include "runtime/actions/flow_actions.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "runtime/core/logger.h"
#include "runtime/core/secret_mask.h"
#include "runtime/expr/evaluator.h"
#include "tests/fakes/temp_dir.h"

namespace travet::actions {
namespace {

class FlowActionsTest : public ::testing::Test {
 protected:
  FlowActionsTest()
      : actions_(FlowActions()),
        mask_(std::make_shared<SecretMask>()),
        logger_(mask_),
        evaluator_(expr::Limits{.max_instructions = 100'000}) {
    logger_.AddSink(LogLevel::kDebug, [this](LogLevel level, std::string_view line) {
      lines_.emplace_back(level, std::string(line));
    });
    scope_.Bind("inputs", &inputs_);
    scope_.Bind("vars", &vars_);
    ctx_.run_id = "run-1";
    ctx_.step_path = "flow";
    ctx_.work_dir = dir_.path();
    ctx_.logger = &logger_;
    ctx_.evaluator = &evaluator_;
    ctx_.scope = &scope_;
    ctx_.vars = &vars_;
  }

  Result<Value> Run(const std::string& name, const Value& params) {
    auto it = std::find_if(actions_.begin(), actions_.end(),
                           [&](const ActionDef& a) { return a.spec.name == name; });
    if (it == actions_.end())
      return NotFound("no action " + name);
    return it->run(params, ctx_);
  }
  Value Ok(const std::string& name, const Value& params) {
    Result<Value> result = Run(name, params);
    EXPECT_TRUE(result) << result.error().message();
    return result ? *result : Value("<error>");
  }
  Status Error(const std::string& name, const Value& params) {
    Result<Value> result = Run(name, params);
    if (result)
      return Internal("succeeded with " + result->dump());
    return result.error();
  }

  testing::TempDir dir_;
  std::vector<ActionDef> actions_;
  std::shared_ptr<SecretMask> mask_;
  Logger logger_;
  std::vector<std::pair<LogLevel, std::string>> lines_;
  expr::Evaluator evaluator_;
  expr::Scope scope_;
  Value inputs_ = {{"n", 4}, {"name", "ACME S.p.A."}};
  Value vars_ = {{"archive", "archive"}};
  ActionContext ctx_;
};

TEST_F(FlowActionsTest, TableHasTheFiveFlowActions) {
  std::vector<std::string> names;
  for (const ActionDef& action : actions_) {
    names.push_back(action.spec.name);
    EXPECT_FALSE(action.side_effect) << action.spec.name;
  }
  EXPECT_EQ(names, (std::vector<std::string>{"fail", "log", "script", "set", "stop"}));
}

TEST_F(FlowActionsTest, StopEndsWithItsOutcomeAndIsNoFailure) {
  Status stopped = Error("stop", {{"outcome", "skipped"}, {"reason", "not an application"}});
  EXPECT_EQ(stopped.code(), StatusCode::kStopped);
  EXPECT_EQ(stopped.message(), "skipped: not an application");
  EXPECT_TRUE(IsWaitOrStop(stopped));
  EXPECT_EQ(Error("stop", Value::object()).message(), "stopped");
  EXPECT_EQ(Error("stop", {{"outcome", ""}}).code(), StatusCode::kInvalidArgument);
}

TEST_F(FlowActionsTest, SetStoresEachNameAsAVariable) {
  Value params = {{"archive", "out/archive"}, {"count", 3}, {"totals", {1, 2.5}}};
  EXPECT_EQ(Ok("set", params), params);
  EXPECT_EQ(vars_, (Value{{"archive", "out/archive"}, {"count", 3}, {"totals", {1, 2.5}}}));
  EXPECT_EQ(Ok("set", {{"done", true}}), (Value{{"done", true}}));
  EXPECT_EQ(vars_["count"], 3);
  EXPECT_EQ(vars_["done"], true);
}

TEST_F(FlowActionsTest, SetNeedsNamesAndValues) {
  Status status = Error("set", Value("archive"));
  EXPECT_EQ(status.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(status.message(), "set: expected names and values");
  EXPECT_EQ(vars_, (Value{{"archive", "archive"}}));
}

TEST_F(FlowActionsTest, LogWritesAtTheLevelAsked) {
  EXPECT_EQ(Ok("log", {{"message", "started"}}), Value());
  EXPECT_EQ(Ok("log", {{"message", "details"}, {"level", "debug"}}), Value());
  EXPECT_EQ(Ok("log", {{"message", "slow"}, {"level", "warning"}}), Value());
  EXPECT_EQ(Ok("log", {{"message", "slower"}, {"level", "warn"}}), Value());
  EXPECT_EQ(Ok("log", {{"message", "broken"}, {"level", "error"}}), Value());
  using Line = std::pair<LogLevel, std::string>;
  EXPECT_EQ(lines_, (std::vector<Line>{{LogLevel::kInfo, "started"},
                                       {LogLevel::kDebug, "details"},
                                       {LogLevel::kWarning, "slow"},
                                       {LogLevel::kWarning, "slower"},
                                       {LogLevel::kError, "broken"}}));
}

TEST_F(FlowActionsTest, LogWritesOtherValuesAsJson) {
  EXPECT_EQ(Ok("log", {{"message", {{"total", 1234.5}, {"ok", true}}}}), Value());
  EXPECT_EQ(Ok("log", {{"message", 42}}), Value());
  ASSERT_EQ(lines_.size(), 2u);
  EXPECT_EQ(lines_[0].second, R"({"ok":true,"total":1234.5})");
  EXPECT_EQ(lines_[1].second, "42");
}

TEST_F(FlowActionsTest, LogMasksSecrets) {
  mask_->Add("tok-9f8e7d6c");
  EXPECT_EQ(Ok("log", {{"message", "calling with Bearer tok-9f8e7d6c, twice: tok-9f8e7d6c"}}),
            Value());
  EXPECT_EQ(Ok("log", {{"message", {{"token", "tok-9f8e7d6c"}}}}), Value());
  ASSERT_EQ(lines_.size(), 2u);
  EXPECT_EQ(lines_[0].second, "calling with Bearer ***, twice: ***");
  EXPECT_EQ(lines_[1].second, R"({"token":"***"})");
}

TEST_F(FlowActionsTest, LogRejectsAnUnknownLevel) {
  Status status = Error("log", {{"message", "hello"}, {"level", "loud"}});
  EXPECT_EQ(status.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(status.message(), "log: unknown level 'loud' (use debug, info, warning or error)");
  EXPECT_TRUE(lines_.empty());
}

// A level computed by an expression may come out null or a number.
TEST_F(FlowActionsTest, LogRejectsALevelThatIsNotText) {
  for (const Value& level : {Value(nullptr), Value(5)}) {
    Status status = Error("log", {{"message", "x"}, {"level", level}});
    EXPECT_EQ(status.code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(status.message(), "log: parameter 'level' must be a string");
  }
  EXPECT_TRUE(lines_.empty());
}

TEST_F(FlowActionsTest, FailFailsTheStepWithTheMessage) {
  Status status = Error("fail", {{"message", "invoice 12 has no total"}});
  EXPECT_EQ(status.code(), StatusCode::kFailed);
  EXPECT_EQ(status.message(), "invoice 12 has no total");
  EXPECT_FALSE(status.retryable());
}

TEST_F(FlowActionsTest, FailWithoutAMessageSaysTheBotAsked) {
  Status status = Error("fail", Value::object());
  EXPECT_EQ(status.code(), StatusCode::kFailed);
  EXPECT_EQ(status.message(), "the bot asked to fail");
  EXPECT_EQ(Error("fail", {{"message", {{"code", 7}}}}).message(), R"({"code":7})");
}

TEST_F(FlowActionsTest, ScriptReturnsTheChunksValue) {
  EXPECT_EQ(Ok("script", {{"lua", R"(
    local total = 0
    for i = 1, inputs.n do total = total + i end
    return { total = total, name = inputs.name, archive = vars.archive }
  )"}}),
            (Value{{"total", 10}, {"name", "ACME S.p.A."}, {"archive", "archive"}}));
  EXPECT_EQ(Ok("script", {{"lua", "return {1, 2, 3}"}}), (Value{1, 2, 3}));
  EXPECT_EQ(Ok("script", {{"lua", "local x = 1"}}), Value());
}

TEST_F(FlowActionsTest, ScriptCannotChangeVariables) {
  Status status = Error("script", {{"lua", "vars.archive = 'elsewhere'"}});
  EXPECT_EQ(status.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(status.message(),
            "script failed: line 1: attempt to index a table value (global 'vars')");
  EXPECT_EQ(vars_, (Value{{"archive", "archive"}}));
}

TEST_F(FlowActionsTest, ScriptCannotRunCommandsOrOpenFiles) {
  const std::filesystem::path target = dir_.path() / "made-by-script";
  Status exec = Error("script", {{"lua", "os.execute('touch " + target.string() + "')"}});
  EXPECT_EQ(exec.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(exec.message(), "script failed: line 1: attempt to call a nil value (field 'execute')");
  Status open =
      Error("script", {{"lua", "local f = io.open('" + target.string() + "', 'w')\nf:write('x')"}});
  EXPECT_EQ(open.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(open.message(), "script failed: line 1: attempt to call a nil value (field 'open')");
  EXPECT_FALSE(std::filesystem::exists(target));
  EXPECT_EQ(Ok("script", {{"lua", "return os == nil and io == nil"}}), Value(true));
}

TEST_F(FlowActionsTest, ScriptStopsARunawayLoop) {
  Status status = Error("script", {{"lua", "while true do end"}});
  EXPECT_EQ(status.code(), StatusCode::kTimeout);
  EXPECT_EQ(status.message(), "script exceeded the instruction limit (100000)");
  EXPECT_EQ(Ok("script", {{"lua", "return inputs.n * 2"}}), Value(8));
}

TEST_F(FlowActionsTest, ScriptReportsErrorsWithTheLine) {
  EXPECT_EQ(Error("script", {{"lua", "local a = 1\nreturn a + {}"}}).message(),
            "script failed: line 2: attempt to perform arithmetic on a table value");
  EXPECT_EQ(Error("script", {{"lua", "return ("}}).message(),
            "script has a syntax error: line 1: unexpected symbol near <eof>");
}

TEST_F(FlowActionsTest, ScriptNeedsLuaTextAndAnEvaluator) {
  Status status = Error("script", {{"lua", 5}});
  EXPECT_EQ(status.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(status.message(), "script: parameter 'lua' must be a string");
  ctx_.evaluator = nullptr;
  status = Error("script", {{"lua", "return 1"}});
  EXPECT_EQ(status.code(), StatusCode::kInternal);
  EXPECT_EQ(status.message(), "script: no evaluator");
}

}  // namespace
}  // namespace travet::actions
