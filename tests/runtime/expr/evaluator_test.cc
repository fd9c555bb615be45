#include "runtime/expr/evaluator.h"

#include <gtest/gtest.h>

#include <string>

namespace travet::expr {
namespace {

class EvaluatorTest : public ::testing::Test {
 protected:
  EvaluatorTest() {
    scope_.Bind("inputs", &inputs_);
    scope_.Bind("steps", &steps_);
    scope_.Bind("item", &item_);
  }

  Value Eval(std::string_view expression) {
    Result<Value> result = evaluator_.Evaluate(expression, scope_);
    EXPECT_TRUE(result.has_value()) << expression << ": " << result.error().message();
    return result ? *result : Value("<error>");
  }

  std::string EvalError(std::string_view expression) {
    Result<Value> result = evaluator_.Evaluate(expression, scope_);
    EXPECT_FALSE(result.has_value()) << expression << " gave " << (result ? result->dump() : "");
    if (result)
      return "";
    EXPECT_EQ(result.error().code(), StatusCode::kInvalidArgument);
    return result.error().message();
  }

  Value Run(std::string_view chunk) {
    Result<Value> result = evaluator_.RunChunk(chunk, scope_);
    EXPECT_TRUE(result.has_value()) << chunk << ": " << result.error().message();
    return result ? *result : Value("<error>");
  }

  std::string RunError(std::string_view chunk) {
    Result<Value> result = evaluator_.RunChunk(chunk, scope_);
    EXPECT_FALSE(result.has_value()) << chunk << " gave " << (result ? result->dump() : "");
    return result ? "" : result.error().message();
  }

  Value inputs_ = {{"x", 2},       {"threshold", 85},    {"name", "ACME"},    {"flag", true},
                   {"ratio", 1.5}, {"big", uint64_t{7}}, {"nothing", nullptr}};
  Value steps_ = Value::parse(R"({
    "docs": {"files": [{"path": "in/a.png", "name": "a.png", "size": 10},
                       {"path": "in/b.png", "name": "b.png", "size": 20}]},
    "read": {"fields": {"number": {"value": "F-12", "confidence": 91.5},
                        "total": {"value": "1234.56"}},
             "needs_review": false}
  })");
  Value item_ = 21;
  Scope scope_;
  Evaluator evaluator_;
};

TEST_F(EvaluatorTest, KeepsScalarTypes) {
  EXPECT_EQ(Eval("inputs.x * 2"), Value(4));
  EXPECT_TRUE(Eval("inputs.x * 2").is_number_integer());
  EXPECT_EQ(Eval("inputs.ratio * 3"), Value(4.5));
  EXPECT_EQ(Eval("inputs.name"), Value("ACME"));
  EXPECT_EQ(Eval("inputs.flag"), Value(true));
  EXPECT_EQ(Eval("inputs.x > 5"), Value(false));
  EXPECT_EQ(Eval("inputs.nothing"), Value(nullptr));
  EXPECT_EQ(Eval("inputs.big + 1"), Value(8));
  EXPECT_EQ(Eval("item * 2"), Value(42));
}

TEST_F(EvaluatorTest, FloatsWithIntegralValuesBecomeIntegers) {
  const Value divided = Eval("inputs.threshold / 5");
  EXPECT_EQ(divided, Value(17));
  EXPECT_TRUE(divided.is_number_integer());
  EXPECT_TRUE(Eval("1 / 4").is_number_float());
  EXPECT_TRUE(Eval("2^70").is_number_float());
}

TEST_F(EvaluatorTest, BuildsListsAndMaps) {
  EXPECT_EQ(Eval("{1, 'two', true}"), Value::parse(R"([1, "two", true])"));
  EXPECT_EQ(Eval("{number = inputs.x, nested = {list = {1, 2}}}"),
            Value::parse(R"({"number": 2, "nested": {"list": [1, 2]}})"));
  EXPECT_EQ(Eval("{}"), Value::array());
}

TEST_F(EvaluatorTest, CopiesScopeValuesOut) {
  EXPECT_EQ(Eval("steps.docs.files"), steps_["docs"]["files"]);
  EXPECT_EQ(Eval("steps.read.fields"), steps_["read"]["fields"]);
  EXPECT_EQ(Eval("{first = steps.docs.files[1]}"), Value({{"first", steps_["docs"]["files"][0]}}));
}

TEST_F(EvaluatorTest, IndexesListsFromOneAndCountsThem) {
  EXPECT_EQ(Eval("#steps.docs.files"), Value(2));
  EXPECT_EQ(Eval("steps.docs.files[2].name"), Value("b.png"));
  EXPECT_EQ(Eval("steps.docs.files[3]"), Value(nullptr));
  EXPECT_EQ(Eval("steps.docs.files[0]"), Value(nullptr));
  EXPECT_EQ(Eval("#steps.read.fields"), Value(0));
}

TEST_F(EvaluatorTest, MissingNamesAndKeysAreNil) {
  EXPECT_EQ(Eval("nobody"), Value(nullptr));
  EXPECT_EQ(Eval("nobody.knows.this"), Value(nullptr));
  EXPECT_EQ(Eval("steps.docs.nothing"), Value(nullptr));
  EXPECT_EQ(Eval("steps.docs.files.name"), Value(nullptr));
}

TEST_F(EvaluatorTest, NullSafeOrChain) {
  EXPECT_EQ(Eval("steps.checked.fields.number or steps.read.fields.number.value"), Value("F-12"));
  EXPECT_EQ(Eval("steps.checked.fields.number or 'x'"), Value("x"));
}

TEST_F(EvaluatorTest, ProxiesBehaveLikeTables) {
  EXPECT_EQ(Eval("type(steps.docs)"), Value("table"));
  EXPECT_EQ(Eval("tostring(steps.docs.files[1])"),
            Value(R"({"name":"a.png","path":"in/a.png","size":10})"));
  EXPECT_EQ(Eval("steps.docs.files == steps.docs.files"), Value(true));
  EXPECT_EQ(Eval("steps.docs.files[1] == steps.docs.files[2]"), Value(false));
  EXPECT_EQ(Eval("table.concat({inputs.name, 'x'}, '-')"), Value("ACME-x"));
  EXPECT_EQ(Eval("inputs.name:lower() .. ('!'):rep(2)"), Value("acme!!"));
  EXPECT_EQ(Eval("string.format('%05.1f', steps.read.fields.number.confidence)"), Value("091.5"));
}

TEST_F(EvaluatorTest, SeesTheScopeOfEachCall) {
  EXPECT_EQ(Eval("item + 1"), Value(22));
  Value other = 99;
  scope_.Bind("item", &other);
  EXPECT_EQ(Eval("item + 1"), Value(100));
  scope_.Unbind("item");
  EXPECT_EQ(Eval("item"), Value(nullptr));
}

TEST_F(EvaluatorTest, ReportsLuaErrorsWithTheUsersText) {
  EXPECT_EQ(EvalError("inputs.x + nil"),
            "expression 'inputs.x + nil' failed: attempt to perform arithmetic on a nil value");
  EXPECT_EQ(EvalError("inputs.missing * 2"),
            "expression 'inputs.missing * 2' failed: attempt to perform arithmetic on a nil "
            "value (field 'missing')");
  EXPECT_EQ(EvalError("error('boom')"), "expression 'error('boom')' failed: boom");
  EXPECT_EQ(EvalError("error({})"),
            "expression 'error({})' failed: (error object is a table value)");
  EXPECT_EQ(EvalError("error(inputs)"),
            "expression 'error(inputs)' failed: (error object is a table value)");
  EXPECT_EQ(EvalError("error(42)"), "expression 'error(42)' failed: 42");
  EXPECT_EQ(EvalError("string.rep()"),
            "expression 'string.rep()' failed: bad argument #1 to 'rep' (string expected, got "
            "no value)");
}

TEST_F(EvaluatorTest, TruncatesLongExpressionsInMessages) {
  const std::string expression = "inputs.x + nil + " + std::string(100, '1');
  EXPECT_EQ(EvalError(expression), "expression '" + expression.substr(0, 77) +
                                       "...' failed: attempt to perform arithmetic on a nil value");
}

TEST_F(EvaluatorTest, ReportsSyntaxErrors) {
  EXPECT_EQ(EvalError("1 +"), "expression '1 +' has a syntax error: unexpected symbol near <eof>");
  EXPECT_EQ(EvalError("f("), "expression 'f(' has a syntax error: unexpected symbol near <eof>");
  EXPECT_EQ(EvalError("1), (2"), "expression '1), (2' has a syntax error: <eof> expected near ')'");
  EXPECT_EQ(EvalError("  "), "expression '  ' has a syntax error: empty expression");
  EXPECT_EQ(Eval("inputs.x -- a comment"), Value(2));
}

TEST_F(EvaluatorTest, CheckSyntax) {
  EXPECT_EQ(evaluator_.CheckSyntax("1 +"), "unexpected symbol near <eof>");
  EXPECT_EQ(evaluator_.CheckSyntax("a b"), "<eof> expected near 'b'");
  EXPECT_EQ(evaluator_.CheckSyntax("inputs.threshold * 2"), "");
  EXPECT_EQ(evaluator_.CheckSyntax("steps.a.b or 'x'"), "");
}

TEST_F(EvaluatorTest, RejectsResultsThatAreNotValues) {
  EXPECT_EQ(EvalError("'\\xff\\xfe'"), "expression produced invalid UTF-8");
  EXPECT_EQ(EvalError("{['\\xc0'] = 1}"), "expression produced invalid UTF-8");
  EXPECT_EQ(EvalError("{ok = '\\237\\160\\128'}"), "expression produced invalid UTF-8");
  EXPECT_EQ(Eval("'caf\\u{E9}'"), Value("café"));
  EXPECT_EQ(EvalError("string.upper"),
            "expression produced a function, which cannot be converted to a value");
  EXPECT_EQ(EvalError("{1, 2, x = 3}"),
            "expression produced a table that is neither a list (keys 1..n) nor a map (string "
            "keys)");
  EXPECT_EQ(EvalError("{[1] = 'a', [3] = 'c'}"),
            "expression produced a table that is neither a list (keys 1..n) nor a map (string "
            "keys)");
}

TEST_F(EvaluatorTest, RunChunkRunsStatements) {
  EXPECT_EQ(Run(R"(
    local total = 0
    local function double(n) return n * 2 end
    for i = 1, 10 do total = total + double(i) end
    return total
  )"),
            Value(110));
  EXPECT_EQ(Run("local x = inputs.x"), Value(nullptr));
}

TEST_F(EvaluatorTest, RunChunkIteratesProxies) {
  EXPECT_EQ(Run(R"(
    local names, total = {}, 0
    for i, file in ipairs(steps.docs.files) do
      names[i] = file.name
      total = total + file.size
    end
    return {names = names, total = total}
  )"),
            Value::parse(R"({"names": ["a.png", "b.png"], "total": 30})"));
  EXPECT_EQ(Run(R"(
    local keys = {}
    for key, field in pairs(steps.read.fields) do keys[#keys + 1] = key .. '=' .. field.value end
    table.sort(keys)
    return table.concat(keys, ',')
  )"),
            Value("number=F-12,total=1234.56"));
  EXPECT_EQ(Run("local n = 0 for k, v in pairs(steps.docs.files) do n = n + k end return n"),
            Value(3));
}

TEST_F(EvaluatorTest, RunChunkGlobalsVanishAfterTheCall) {
  EXPECT_EQ(Run("counter = (counter or 0) + 1 return counter"), Value(1));
  EXPECT_EQ(Run("counter = (counter or 0) + 1 return counter"), Value(1));
  EXPECT_EQ(Eval("counter"), Value(nullptr));
  EXPECT_EQ(Run("inputs = 5 return inputs"), Value(5));
  EXPECT_EQ(Eval("inputs.x"), Value(2));
}

TEST_F(EvaluatorTest, RunChunkReportsErrorsWithLines) {
  EXPECT_EQ(RunError("local a = 1\nreturn a + {}"),
            "script failed: line 2: attempt to perform arithmetic on a table value");
  EXPECT_EQ(RunError("x = = 1"), "script has a syntax error: line 1: unexpected symbol near '='");
  EXPECT_EQ(RunError("local t = {} t.self = t return t"),
            "script produced a table nested deeper than 100 levels");
}

TEST_F(EvaluatorTest, CachesManyDistinctExpressionsWithinMemory) {
  Evaluator small({.max_instructions = 1'000'000, .max_memory_bytes = 2u << 20});
  for (int i = 0; i < 20'000; ++i) {
    const std::string expression = "inputs.x + " + std::to_string(i);
    Result<Value> result = small.Evaluate(expression, scope_);
    ASSERT_TRUE(result.has_value()) << expression << ": " << result.error().message();
    ASSERT_EQ(*result, Value(i + 2));
  }
  EXPECT_EQ(*small.Evaluate("inputs.x + 0", scope_), Value(2));
}

}  // namespace
}  // namespace travet::expr
