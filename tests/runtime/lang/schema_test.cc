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

TEST(SchemaTest, TriggersDescribeTheSchedulersKeys) {
  Value schema = BotJsonSchema(testing::TestCatalog());
  const Value& trigger = schema["$defs"]["trigger"];
  EXPECT_EQ(trigger["additionalProperties"], false);
  const Value& properties = trigger["properties"];
  EXPECT_EQ(properties["skip"]["enum"], Value({"holidays"}));
  EXPECT_EQ(properties["holidays"]["items"]["pattern"],
            "^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$");
  EXPECT_EQ(properties["catch_up"]["enum"], Value({"none", "last", "all"}));
  EXPECT_EQ(properties["catch_up"]["default"], "none");
  const Value& watch = properties["watch"];
  EXPECT_EQ(watch["properties"]["settle"]["$ref"], "#/$defs/duration");
  EXPECT_EQ(watch["properties"]["settle"]["default"], "2s");
  EXPECT_EQ(watch["additionalProperties"], false);
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

TEST(SchemaTest, MapWithKnownKeysListsThemAndNoOthers) {
  ActionSpec extract{"ocr.extract",
                     "Read fields.",
                     {{"fields", ParamType::kMap, true, "Fields to read."},
                      {"review",
                       ParamType::kMap,
                       false,
                       "Ask a person.",
                       {},
                       {{"queue", ParamType::kString, true, "Queue."},
                        {"due", ParamType::kDuration, false, "Due."},
                        {"approvals", ParamType::kInteger, false, "1 or 2."}}}},
                     {},
                     "fields"};
  Value schema = BotJsonSchema({&extract});
  const Value& with = schema["$defs"]["step"]["allOf"][0]["then"]["properties"]["with"];
  const Value& review = with["properties"]["review"];
  EXPECT_EQ(review["description"], "Ask a person.");
  ASSERT_EQ(review["anyOf"].size(), 2u);
  EXPECT_EQ(review["anyOf"][1]["pattern"], "\\$\\{\\{");
  const Value& map = review["anyOf"][0];
  EXPECT_EQ(map["type"], "object");
  EXPECT_EQ(map["additionalProperties"], false);
  EXPECT_EQ(map["required"], Value({"queue"}));
  ASSERT_EQ(map["properties"].size(), 3u);
  EXPECT_EQ(map["properties"]["queue"],
            (Value{{"description", "Queue."}, {"type", {"string", "number", "boolean"}}}));
  EXPECT_EQ(map["properties"]["due"]["anyOf"][0]["$ref"], "#/$defs/duration");
  EXPECT_EQ(map["properties"]["approvals"]["anyOf"][0]["type"], "integer");
  EXPECT_EQ(map["properties"]["approvals"]["anyOf"][1]["pattern"], "\\$\\{\\{");
  // A map without known keys takes any key.
  EXPECT_EQ(with["properties"]["fields"]["anyOf"][0], (Value{{"type", "object"}}));
}

}  // namespace
}  // namespace travet::lang
