#include "runtime/expr/template.h"

#include <gtest/gtest.h>

#include <string>

#include "runtime/expr/evaluator.h"

namespace travet::expr {
namespace {

std::vector<std::pair<std::string, bool>> Parts(std::string_view text) {
  Result<std::vector<TemplatePart>> parts = SplitTemplate(text);
  EXPECT_TRUE(parts.has_value()) << text;
  std::vector<std::pair<std::string, bool>> out;
  if (!parts)
    return out;
  for (const TemplatePart& part : *parts)
    out.emplace_back(part.text, part.is_expression);
  return out;
}

using P = std::vector<std::pair<std::string, bool>>;

TEST(SplitTemplateTest, SplitsTextAndExpressions) {
  EXPECT_EQ(Parts("plain"), (P{{"plain", false}}));
  EXPECT_EQ(Parts("${{ a }}"), (P{{"a", true}}));
  EXPECT_EQ(Parts("${{\n  a\n}}"), (P{{"a", true}}));
  EXPECT_EQ(Parts("Bearer ${{ s.T }}!"), (P{{"Bearer ", false}, {"s.T", true}, {"!", false}}));
  EXPECT_EQ(Parts("${{a}}${{b}}"), (P{{"a", true}, {"b", true}}));
  EXPECT_EQ(Parts("${{ x }}}"), (P{{"x", true}, {"}", false}}));
}

TEST(SplitTemplateTest, LooksThroughLuaBracesStringsAndComments) {
  EXPECT_EQ(Parts("${{ {a = {1}} }}"), (P{{"{a = {1}}", true}}));
  EXPECT_EQ(Parts("${{ '}}' .. \"}}\" }}"), (P{{"'}}' .. \"}}\"", true}}));
  EXPECT_EQ(Parts("${{ [[}}]] }} tail"), (P{{"[[}}]]", true}, {" tail", false}}));
  EXPECT_EQ(Parts("${{ x --[==[ }} ]==] }}"), (P{{"x --[==[ }} ]==]", true}}));
  EXPECT_EQ(Parts("${{ 'it\\'s' }}"), (P{{"'it\\'s'", true}}));
  // An unclosed quote falls back to the first "}}", and Lua reports the mistake.
  EXPECT_EQ(Parts("${{ 'open }} x"), (P{{"'open", true}, {" x", false}}));
}

TEST(SplitTemplateTest, RejectsUnterminatedExpression) {
  Result<std::vector<TemplatePart>> parts = SplitTemplate("a ${{ b } c");
  ASSERT_FALSE(parts.has_value());
  EXPECT_EQ(parts.error().message(), "unterminated '${{' in 'a ${{ b } c'");
}

TEST(TemplateTextTest, FormatsValuesLikeLua) {
  EXPECT_EQ(TemplateText(Value(nullptr)), "");
  EXPECT_EQ(TemplateText(Value("text")), "text");
  EXPECT_EQ(TemplateText(Value(42)), "42");
  EXPECT_EQ(TemplateText(Value(-7)), "-7");
  EXPECT_EQ(TemplateText(Value(1.5)), "1.5");
  EXPECT_EQ(TemplateText(Value(0.1)), "0.1");
  EXPECT_EQ(TemplateText(Value(1e20)), "1e+20");
  EXPECT_EQ(TemplateText(Value(true)), "true");
  EXPECT_EQ(TemplateText(Value::parse(R"([1, "a"])")), R"([1,"a"])");
  EXPECT_EQ(TemplateText(Value::parse(R"({"k": {"n": null}})")), R"({"k":{"n":null}})");
}

TEST(HasExpressionTest, LooksForTheOpeningMarker) {
  EXPECT_TRUE(HasExpression("a ${{ b }}"));
  EXPECT_TRUE(HasExpression("${{"));
  EXPECT_FALSE(HasExpression("${ b }"));
  EXPECT_FALSE(HasExpression("{{ b }}"));
  EXPECT_FALSE(HasExpression(""));
}

class RenderTest : public ::testing::Test {
 protected:
  RenderTest() {
    scope_.Bind("inputs", &inputs_);
    scope_.Bind("secrets", &secrets_);
    scope_.Bind("steps", &steps_);
  }

  Value Render(const Value& templ) {
    Result<Value> result = evaluator_.Render(templ, scope_);
    EXPECT_TRUE(result.has_value()) << templ.dump() << ": " << result.error().message();
    return result ? *result : Value("<error>");
  }

  Value inputs_ = {{"inbox", "in/box"}, {"threshold", 85}, {"ratio", 0.25}, {"ok", true}};
  Value secrets_ = {{"TOKEN", "s3cr3t"}};
  Value steps_ = Value::parse(R"({"docs": {"files": [{"path": "a.png"}, {"path": "b.png"}]},
                                  "read": {"fields": {"total": {"value": "12.50"}}}})");
  Scope scope_;
  Evaluator evaluator_;
};

TEST_F(RenderTest, WholeExpressionKeepsItsType) {
  EXPECT_EQ(Render("${{ inputs.threshold }}"), Value(85));
  EXPECT_EQ(Render("  ${{ inputs.threshold * 2 }}\n"), Value(170));
  EXPECT_EQ(Render("${{ inputs.ok }}"), Value(true));
  EXPECT_EQ(Render("${{ inputs.ratio }}"), Value(0.25));
  EXPECT_EQ(Render("${{ steps.docs.files }}"), steps_["docs"]["files"]);
  EXPECT_EQ(Render("${{ steps.read.fields }}"), steps_["read"]["fields"]);
  EXPECT_EQ(Render("${{ {a = {1}} }}"), Value::parse(R"({"a": [1]})"));
  EXPECT_EQ(Render("${{ steps.missing }}"), Value(nullptr));
  EXPECT_EQ(Render("${{ inputs.inbox }}"), Value("in/box"));
}

TEST_F(RenderTest, InterpolatesText) {
  EXPECT_EQ(Render("${{ inputs.inbox }}/../archive"), Value("in/box/../archive"));
  EXPECT_EQ(Render("Bearer ${{ secrets.TOKEN }}"), Value("Bearer s3cr3t"));
  EXPECT_EQ(Render("${{ inputs.threshold }}${{ inputs.ratio }}"), Value("850.25"));
  EXPECT_EQ(Render("n=${{ inputs.threshold / 5 }} r=${{ inputs.ratio * 2 }}"), Value("n=17 r=0.5"));
  EXPECT_EQ(Render("[${{ steps.missing }}]"), Value("[]"));
  EXPECT_EQ(Render("ok=${{ inputs.ok }}"), Value("ok=true"));
  EXPECT_EQ(Render("files: ${{ steps.docs.files }}"),
            Value(R"(files: [{"path":"a.png"},{"path":"b.png"}])"));
  EXPECT_EQ(Render("t=${{ {x = 1} }}"), Value(R"(t={"x":1})"));
}

TEST_F(RenderTest, WalksMapsAndLists) {
  const Value templ = Value::parse(R"({
    "dir": "${{ inputs.inbox }}",
    "pattern": "*.png",
    "limit": 3,
    "json": {"total": "${{ steps.read.fields.total.value }}",
             "list": ["${{ inputs.threshold }}", "x-${{ inputs.threshold }}", null, false]}
  })");
  EXPECT_EQ(Render(templ), Value::parse(R"({
    "dir": "in/box", "pattern": "*.png", "limit": 3,
    "json": {"total": "12.50", "list": [85, "x-85", null, false]}
  })"));
}

TEST_F(RenderTest, LeavesStringsWithoutExpressionsAlone) {
  EXPECT_EQ(Render("${ not lua }} {{ nor this }}"), Value("${ not lua }} {{ nor this }}"));
  EXPECT_EQ(Render(Value(1.5)), Value(1.5));
  EXPECT_EQ(Render(Value(nullptr)), Value(nullptr));
}

TEST_F(RenderTest, ReportsTheFirstError) {
  Result<Value> result = evaluator_.Render(
      Value::parse(R"({"a": ["${{ inputs.threshold + nil }}"], "b": "${{ 1 + }}"})"), scope_);
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().message(),
            "expression 'inputs.threshold + nil' failed: attempt to perform arithmetic on a nil "
            "value");
  result = evaluator_.Render(Value("to ${{ inputs.inbox"), scope_);
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().message(), "unterminated '${{' in 'to ${{ inputs.inbox'");
}

// Not a timing assertion: the benchmark in tools/bench measures speed.
TEST_F(RenderTest, RendersManySmallTemplates) {
  Value item = 0;
  scope_.Bind("item", &item);
  const Value templ = Value::parse(R"({"double": "${{ item * 2 }}",
                                       "path": "${{ inputs.inbox }}/${{ item }}.png",
                                       "fixed": "x"})");
  for (int i = 0; i < 10'000; ++i) {
    item = i;
    Result<Value> result = evaluator_.Render(templ, scope_);
    ASSERT_TRUE(result.has_value()) << result.error().message();
    ASSERT_EQ((*result)["double"], Value(2 * i));
    ASSERT_EQ((*result)["path"], Value("in/box/" + std::to_string(i) + ".png"));
  }
}

}  // namespace
}  // namespace travet::expr
