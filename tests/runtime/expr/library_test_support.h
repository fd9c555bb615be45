#pragma once

#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "runtime/expr/evaluator.h"

namespace travet::expr {

// Evaluates expressions of the expression library over an empty scope.
class LibraryTest : public ::testing::Test {
 protected:
  Value Eval(std::string_view expression, const Deadline& deadline = {}) {
    Result<Value> result = evaluator_.Evaluate(expression, scope_, deadline);
    EXPECT_TRUE(result.has_value()) << expression << ": " << result.error().message();
    return result ? *result : Value();
  }

  std::string EvalError(std::string_view expression) {
    Result<Value> result = evaluator_.Evaluate(expression, scope_);
    EXPECT_FALSE(result.has_value()) << expression << " gave " << (result ? result->dump() : "");
    return result ? "" : result.error().message();
  }

  Value Run(std::string_view chunk) {
    Result<Value> result = evaluator_.RunChunk(chunk, scope_);
    EXPECT_TRUE(result.has_value()) << chunk << ": " << result.error().message();
    return result ? *result : Value();
  }

  Scope scope_;
  Evaluator evaluator_;
};

}  // namespace travet::expr
