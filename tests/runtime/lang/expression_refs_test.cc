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
