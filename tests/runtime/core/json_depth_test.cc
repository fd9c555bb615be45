#include "runtime/core/json_depth.h"

#include <gtest/gtest.h>

#include <string>

namespace travet {
namespace {

std::string Nested(int depth, char open = '[', char close = ']') {
  return std::string(depth, open) + std::string(depth, close);
}

TEST(JsonDepthTest, AcceptsUpToTheLimit) {
  EXPECT_EQ(JsonTooDeepAt(""), std::string_view::npos);
  EXPECT_EQ(JsonTooDeepAt(R"({"a": [1, {"b": []}]})"), std::string_view::npos);
  EXPECT_EQ(JsonTooDeepAt(Nested(kMaxJsonDepth)), std::string_view::npos);
  // Siblings do not add up: depth, not count.
  EXPECT_EQ(JsonTooDeepAt(Nested(kMaxJsonDepth) + "," + Nested(kMaxJsonDepth)),
            std::string_view::npos);
}

TEST(JsonDepthTest, PointsAtTheFirstBracketTooDeep) {
  EXPECT_EQ(JsonTooDeepAt(Nested(kMaxJsonDepth + 1)), size_t{kMaxJsonDepth});
  EXPECT_EQ(JsonTooDeepAt(" " + Nested(60000, '{', '}')), size_t{kMaxJsonDepth + 1});
  EXPECT_EQ(JsonTooDeepAt(std::string(kMaxJsonDepth, '[') + "{"), size_t{kMaxJsonDepth});
}

TEST(JsonDepthTest, BracketsInsideStringsDoNotCount) {
  std::string text = "[\"" + std::string(500, '[') + "\\\"" + std::string(500, '{') + "\"]";
  EXPECT_EQ(JsonTooDeepAt(text), std::string_view::npos);
  // An escaped backslash ends before the quote, which closes the string.
  text = "[\"\\\\\"" + Nested(kMaxJsonDepth) + "]";
  EXPECT_EQ(JsonTooDeepAt(text), size_t{kMaxJsonDepth + 4});
}

}  // namespace
}  // namespace travet
