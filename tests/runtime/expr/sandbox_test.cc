#include <gtest/gtest.h>

#include <string>

#include "runtime/expr/evaluator.h"
#include "tests/fakes/fake_clock.h"

namespace travet::expr {
namespace {

class SandboxTest : public ::testing::Test {
 protected:
  SandboxTest() { scope_.Bind("inputs", &inputs_); }

  std::string EvalError(std::string_view expression) {
    Result<Value> result = evaluator_.Evaluate(expression, scope_);
    EXPECT_FALSE(result.has_value()) << expression << " gave " << (result ? result->dump() : "");
    return result ? "" : result.error().message();
  }

  Result<Value> Eval(std::string_view expression) {
    return evaluator_.Evaluate(expression, scope_);
  }

  // The evaluator still answers after a failure.
  void ExpectWorking() {
    Result<Value> result = evaluator_.Evaluate("inputs.x * 2 .. ('y'):rep(2)", scope_);
    ASSERT_TRUE(result.has_value()) << result.error().message();
    EXPECT_EQ(*result, Value("4yy"));
    Result<Value> chunk = evaluator_.RunChunk(
        "local t = {} for i = 1, 100 do t[i] = i end "
        "return #t",
        scope_);
    ASSERT_TRUE(chunk.has_value()) << chunk.error().message();
    EXPECT_EQ(*chunk, Value(100));
  }

  Value inputs_ = {{"x", 2}};
  Scope scope_;
  Evaluator evaluator_;
};

TEST_F(SandboxTest, DangerousLibrariesAreAbsent) {
  EXPECT_EQ(EvalError("io.open('/etc/passwd')"),
            "expression 'io.open('/etc/passwd')' failed: attempt to call a nil value (field "
            "'open')");
  EXPECT_EQ(EvalError("os.execute('true')"),
            "expression 'os.execute('true')' failed: attempt to call a nil value (field "
            "'execute')");
  EXPECT_EQ(EvalError("debug.getinfo(1)"),
            "expression 'debug.getinfo(1)' failed: attempt to call a nil value (field 'getinfo')");
  EXPECT_EQ(EvalError("coroutine.wrap(print)"),
            "expression 'coroutine.wrap(print)' failed: attempt to call a nil value (field "
            "'wrap')");
  for (const char* name : {"io", "os", "debug", "package", "coroutine", "print", "load", "require",
                           "dofile", "loadfile", "loadstring", "collectgarbage", "getmetatable",
                           "setmetatable", "rawset", "warn"}) {
    Result<Value> value = Eval(name);
    ASSERT_TRUE(value.has_value()) << name;
    EXPECT_TRUE(value->is_null()) << name;
  }
}

TEST_F(SandboxTest, LoadingCodeIsImpossible) {
  EXPECT_EQ(EvalError("require('os')"),
            "expression 'require('os')' failed: attempt to call a nil value (global 'require')");
  EXPECT_EQ(EvalError("load('return 1')"),
            "expression 'load('return 1')' failed: attempt to call a nil value (global 'load')");
  EXPECT_EQ(EvalError("dofile('/etc/passwd')"),
            "expression 'dofile('/etc/passwd')' failed: attempt to call a nil value (global "
            "'dofile')");
  EXPECT_EQ(EvalError("loadfile('/etc/passwd')"),
            "expression 'loadfile('/etc/passwd')' failed: attempt to call a nil value (global "
            "'loadfile')");
  EXPECT_EQ(EvalError("string.dump(string.upper)"),
            "expression 'string.dump(string.upper)' failed: attempt to call a nil value (field "
            "'dump')");
  EXPECT_EQ(EvalError("('').dump(string.upper)"),
            "expression '('').dump(string.upper)' failed: attempt to call a nil value (field "
            "'dump')");
}

TEST_F(SandboxTest, MetatablesAreOutOfReach) {
  EXPECT_EQ(EvalError("getmetatable('').__index"),
            "expression 'getmetatable('').__index' failed: attempt to call a nil value (global "
            "'getmetatable')");
  EXPECT_EQ(EvalError("setmetatable({}, {})"),
            "expression 'setmetatable({}, {})' failed: attempt to call a nil value (global "
            "'setmetatable')");
  EXPECT_EQ(EvalError("collectgarbage()"),
            "expression 'collectgarbage()' failed: attempt to call a nil value (global "
            "'collectgarbage')");
  EXPECT_EQ(EvalError("rawset(_G, 'x', 1)"),
            "expression 'rawset(_G, 'x', 1)' failed: attempt to call a nil value (global "
            "'rawset')");
}

TEST_F(SandboxTest, GlobalTableShowsOnlySafeGlobals) {
  EXPECT_TRUE(Eval("_G.os")->is_null());
  EXPECT_TRUE(Eval("_G.io")->is_null());
  EXPECT_TRUE(Eval("_G.inputs")->is_null());
  EXPECT_TRUE(Eval("_G.string.dump")->is_null());
  EXPECT_TRUE(Eval("rawget(_G, 'string')")->is_null());
  EXPECT_EQ(*Eval("_G.string.upper('a')"), Value("A"));
  EXPECT_EQ(*Eval("type(_G.pairs)"), Value("function"));
}

TEST_F(SandboxTest, ExpressionsCannotAssign) {
  EXPECT_EQ(EvalError("(function() x = 1 end)()"),
            "expression '(function() x = 1 end)()' failed: expressions are read-only");
  EXPECT_EQ(EvalError("(function() inputs = 1 end)()"),
            "expression '(function() inputs = 1 end)()' failed: expressions are read-only");
  EXPECT_EQ(EvalError("(function() inputs.x = 1 end)()"),
            "expression '(function() inputs.x = 1 end)()' failed: attempt to index a table "
            "value (global 'inputs')");
  EXPECT_EQ(EvalError("(function() _G.x = 1 end)()"),
            "expression '(function() _G.x = 1 end)()' failed: the standard library is read-only");
  EXPECT_EQ(EvalError("table.insert(inputs, 1)"),
            "expression 'table.insert(inputs, 1)' failed: bad argument #1 to 'insert' (table "
            "expected, got table)");
  EXPECT_EQ(*Eval("inputs.x"), Value(2));
}

TEST_F(SandboxTest, ScriptsCannotChangeTheLibraryForLaterCalls) {
  Result<Value> result = evaluator_.RunChunk("string.upper = nil", scope_);
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().message(), "script failed: line 1: the standard library is read-only");
  result = evaluator_.RunChunk("math = nil string = nil return 1", scope_);
  ASSERT_TRUE(result.has_value()) << result.error().message();
  EXPECT_EQ(*Eval("string.upper('a') .. math.floor(2.5)"), Value("A2"));
}

TEST_F(SandboxTest, RunawayLoopHitsTheInstructionLimit) {
  Result<Value> result = evaluator_.RunChunk("while true do end", scope_);
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().code(), StatusCode::kTimeout);
  EXPECT_EQ(result.error().message(), "script exceeded the instruction limit (10000000)");
  ExpectWorking();
}

TEST_F(SandboxTest, RunawayExpressionHitsTheInstructionLimit) {
  Evaluator evaluator({.max_instructions = 50'000});
  Result<Value> result =
      evaluator.Evaluate("(function() local n = 0 while true do n = n + 1 end end)()", scope_);
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().code(), StatusCode::kTimeout);
  EXPECT_EQ(result.error().message(), "expression exceeded the instruction limit (50000)");
  EXPECT_EQ(*evaluator.Evaluate("1 + 1", scope_), Value(2));
}

TEST_F(SandboxTest, PcallCannotSwallowTheInstructionLimit) {
  Evaluator evaluator({.max_instructions = 100'000});
  for (const char* chunk :
       {"while true do pcall(function() while true do end end) end",
        "while true do xpcall(function() while true do end end, function(e) return e end) end",
        "local ok = pcall(function() while true do end end) return ok"}) {
    Result<Value> result = evaluator.RunChunk(chunk, scope_);
    ASSERT_FALSE(result.has_value()) << chunk;
    EXPECT_EQ(result.error().message(), "script exceeded the instruction limit (100000)") << chunk;
  }
  EXPECT_EQ(*evaluator.RunChunk("return select(2, pcall(error, 'x'))", scope_), Value("x"));
}

// Lua's own matcher runs in one C call that no hook interrupts: these ran for
// hours. Their steps now count as instructions.
TEST_F(SandboxTest, BacktrackingPatternsHitTheInstructionLimit) {
  for (const char* chunk : {
           "return string.find(string.rep('a', 30000), '.-.-.-.-b')",
           "return (('a'):rep(2e4)):find(('.-'):rep(3)..'b')",
           "return string.match(string.rep('a', 30000), '(.-)(.-)(.-)b')",
           "local n = 0 for w in string.gmatch(string.rep('a', 30000), 'a-a-a-b') do n = n + 1 end",
           "return (string.gsub(string.rep('a', 30000), '.-.-.-b', 'x'))",
           "return string.find(string.rep('(', 100000), '%b()')",
           "return pcall(string.find, string.rep('a', 30000), '.-.-.-.-b')",
       }) {
    Result<Value> result = evaluator_.RunChunk(chunk, scope_);
    ASSERT_FALSE(result.has_value()) << chunk;
    EXPECT_EQ(result.error().code(), StatusCode::kTimeout) << chunk;
    EXPECT_EQ(result.error().message(), "script exceeded the instruction limit (10000000)")
        << chunk;
  }
  EXPECT_EQ(EvalError("(('a'):rep(2e4)):find(('.-'):rep(3)..'b')"),
            "expression exceeded the instruction limit (10000000)");
  ExpectWorking();
  EXPECT_EQ(*Eval("(('a'):rep(1000) .. 'b'):find('.-b')"), Value(1));
}

// A step's timeout reaches the sandbox as a deadline; past it a script
// stops, inside a pattern function too, and pcall cannot catch that.
TEST_F(SandboxTest, APassedDeadlineStopsScriptsAndPatterns) {
  testing::FakeClock clock;
  Evaluator evaluator({.max_instructions = 1'000'000'000'000'000});
  const Deadline passed{.clock = &clock, .at = clock.Now() - Millis(1)};
  for (const char* chunk : {
           "while true do end",
           "while true do pcall(function() while true do end end) end",
           "return string.find(string.rep('a', 30000), '.-.-.-.-b')",
           "return pcall(string.gsub, string.rep('a', 30000), '.-.-.-b', '')",
           "for w in string.gmatch(string.rep('a', 30000), 'a-a-a-b') do end",
       }) {
    Result<Value> result = evaluator.RunChunk(chunk, scope_, passed);
    ASSERT_FALSE(result.has_value()) << chunk;
    EXPECT_EQ(result.error().code(), StatusCode::kTimeout) << chunk;
    EXPECT_EQ(result.error().message(), "script ran past its deadline") << chunk;
  }
  const Deadline later{.clock = &clock, .at = clock.Now() + Millis(1000)};
  EXPECT_EQ(*evaluator.RunChunk("return ('abc'):find('b')", scope_, later), Value(2));
  EXPECT_EQ(*evaluator.RunChunk("local n = 0 for i = 1, 1e5 do n = n + 1 end return n", scope_),
            Value(100000));
}

TEST_F(SandboxTest, MemoryBombHitsTheMemoryLimit) {
  EXPECT_EQ(EvalError("string.rep('x', 1e9)"), "expression exceeded the memory limit (64 MiB)");
  ExpectWorking();
  EXPECT_EQ(EvalError("('x'):rep(1e6):rep(1e3)"), "expression exceeded the memory limit (64 MiB)");
  ExpectWorking();
}

TEST_F(SandboxTest, GrowingTableHitsTheMemoryLimit) {
  Result<Value> result = evaluator_.RunChunk(R"(
    local t, i = {}, 0
    while true do
      i = i + 1
      t[i] = string.rep('x', 1000) .. i
    end
  )",
                                             scope_);
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(result.error().message(), "script exceeded the memory limit (64 MiB)");
  ExpectWorking();
  ExpectWorking();
}

TEST_F(SandboxTest, ScriptGlobalsDoNotHoldMemoryAfterTheRun) {
  Evaluator evaluator({.max_memory_bytes = 8u << 20});
  const char* chunk = "big = string.rep('x', 3 * 2^20) return #big";
  Result<Value> first = evaluator.RunChunk(chunk, scope_);
  ASSERT_TRUE(first.has_value()) << first.error().message();
  EXPECT_EQ(*first, Value(3 << 20));
  Result<Value> other = evaluator.RunChunk("local s = string.rep('y', 3 * 2^20) return #s", scope_);
  ASSERT_TRUE(other.has_value()) << other.error().message();
  EXPECT_EQ(*other, Value(3 << 20));
}

TEST_F(SandboxTest, CaughtMemoryErrorIsAnOrdinaryError) {
  EXPECT_EQ(*Eval("select(2, pcall(string.rep, 'x', 1e9))"), Value("not enough memory"));
  ExpectWorking();
}

TEST_F(SandboxTest, SmallerLimitsAreNamedInMessages) {
  Evaluator evaluator({.max_instructions = 1000, .max_memory_bytes = 1u << 20});
  Result<Value> result = evaluator.Evaluate("string.rep('x', 2^20)", scope_);
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().message(), "expression exceeded the memory limit (1 MiB)");
  EXPECT_EQ(*evaluator.Evaluate("#string.rep('x', 2^18)", scope_), Value(1 << 18));
}

TEST_F(SandboxTest, TooSmallMemoryLimitFailsEveryCall) {
  Evaluator evaluator({.max_memory_bytes = 1000});
  Result<Value> result = evaluator.Evaluate("1", scope_);
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().code(), StatusCode::kInternal);
  EXPECT_EQ(result.error().message(), "cannot start the expression sandbox: not enough memory");
  EXPECT_EQ(evaluator.CheckSyntax("1"), "cannot start the expression sandbox: not enough memory");
}

}  // namespace
}  // namespace travet::expr
