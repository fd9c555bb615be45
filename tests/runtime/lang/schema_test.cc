#include "runtime/lang/schema.h"

#include <gtest/gtest.h>

#include "tests/runtime/lang/test_catalog.h"

namespace travet::lang {
namespace {

TEST(SchemaTest, IsDraft202012WithOneRulePerAction) {
  Value schema = BotJsonSchema(testing::TestCatalog());
  EXPECT_EQ(schema["$schema"], "https://json-schema.org/draft/2020-12/schema");
  EXPECT_EQ(schema["required"], Value({"bot", "steps"}));
  const Value& step = schema["$defs"]["step"];
  EXPECT_EQ(step["properties"]["uses"]["enum"].size(), testing::TestCatalog().size());
  ASSERT_EQ(step["allOf"].size(), testing::TestCatalog().size());
  const Value& read_rule = step["allOf"][1];
  EXPECT_EQ(read_rule["if"]["properties"]["uses"]["const"], "file.read");
  const Value& with = read_rule["then"]["properties"]["with"];
  EXPECT_EQ(with["required"], Value({"path"}));
  EXPECT_EQ(with["additionalProperties"], false);
  EXPECT_EQ(with["properties"]["as"]["enum"], Value({"text", "json", "csv", "lines"}));
}

TEST(SchemaTest, NonStringParametersAlsoAcceptExpressions) {
  Value schema = BotJsonSchema(testing::TestCatalog());
  const Value& list_rule = schema["$defs"]["step"]["allOf"][0];
  const Value& recursive = list_rule["then"]["properties"]["with"]["properties"]["recursive"];
  ASSERT_EQ(recursive["anyOf"].size(), 2u);
  EXPECT_EQ(recursive["anyOf"][0]["type"], "boolean");
  EXPECT_EQ(recursive["anyOf"][1]["pattern"], "\\$\\{\\{");
}

TEST(SchemaTest, SetAcceptsAnyName) {
  Value schema = BotJsonSchema(testing::TestCatalog());
  const Value& set_rule = schema["$defs"]["step"]["allOf"][5];
  EXPECT_EQ(set_rule["if"]["properties"]["uses"]["const"], "set");
  EXPECT_EQ(set_rule["then"]["properties"]["with"]["additionalProperties"], true);
}

}  // namespace
}  // namespace travet::lang
