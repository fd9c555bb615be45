#include "runtime/lang/expression_refs.h"

#include <gtest/gtest.h>

namespace travet::lang {
namespace {

std::string Roots(std::string_view expr) {
  std::string out;
  for (const auto& ref : FindNameRefs(expr)) {
    out += (out.empty() ? "" : " ") + ref.root + (ref.member.empty() ? "" : "." + ref.member);
  }
  return out;
}

TEST(ExpressionRefsTest, FindsRootsAndMembers) {
  EXPECT_EQ(Roots("steps.read.fields.total or inputs.x"), "steps.read inputs.x");
}

TEST(ExpressionRefsTest, SkipsStringsCommentsKeywordsAndKeys) {
  EXPECT_EQ(Roots("'steps.x' .. \"vars\" .. [[env]] -- secrets.y"), "");
  EXPECT_EQ(Roots("not a and nil or true"), "a");
  EXPECT_EQ(Roots("{ total = vars.t }"), "vars.t");
  EXPECT_EQ(Roots("string.format('%d', 3)"), "string.format");
  EXPECT_EQ(Roots("s:upper()"), "s");
}

TEST(ExpressionRefsTest, ConcatenationIsNotMemberAccess) {
  EXPECT_EQ(Roots("inputs.a .. doc"), "inputs.a doc");
  EXPECT_EQ(Roots("1.5 * x"), "x");
}

// A function inside an expression may have locals, parameters and loops of
// its own; only the names it does not bind are free.
TEST(ExpressionRefsTest, NamesTheExpressionBindsAreNotFree) {
  EXPECT_EQ(Roots("(function() local t, n = 0, 0 for _, r in ipairs(steps.rows.content) do "
                  "t = t + tonumber(r.total) end return t end)()"),
            "ipairs steps.rows tonumber");
  EXPECT_EQ(Roots("(function(x, y) return x + y + z end)(1, 2)"), "z");
  EXPECT_EQ(Roots("(function() local function twice(v) return 2 * v end return twice(k) end)()"),
            "k");
  EXPECT_EQ(Roots("(function() for i = 1, 3 do y = y + i end end)()"), "y");
}

TEST(ExpressionRefsTest, TellsAStatementFromAnExpression) {
  EXPECT_EQ(StatementKeyword("local x = 1 return x"), "local");
  EXPECT_EQ(StatementKeyword("  if a then b end"), "if");
  EXPECT_EQ(StatementKeyword("locale .. 'x'"), "");
  EXPECT_EQ(StatementKeyword("(function() local x = 1 return x end)()"), "");
}

TEST(ExpressionRefsTest, SplitsTemplates) {
  auto parts = SplitTemplate("Total: ${{ steps.t.v }} EUR");
  ASSERT_TRUE(parts.has_value());
  ASSERT_EQ(parts->size(), 3u);
  EXPECT_FALSE((*parts)[0].is_expression);
  EXPECT_EQ((*parts)[1].text, "steps.t.v");
  EXPECT_EQ((*parts)[2].text, " EUR");
  EXPECT_EQ(SplitTemplate("a ${{ b").error().message(), "unterminated '${{' in 'a ${{ b'");
}

}  // namespace
}  // namespace travet::lang
