#include "runtime/lang/yaml_reader.h"

#include <gtest/gtest.h>

namespace travet::lang {
namespace {

TEST(YamlReaderTest, TypesScalarsLikeYaml12) {
  auto node = ReadYaml("a: 1\nb: 2.5\nc: true\nd: '3'\ne: ~\nf: yes\ng: 1e3\n", "f.yaml");
  ASSERT_TRUE(node.has_value()) << node.error().message();
  Value v = ToValue(*node);
  EXPECT_EQ(v["a"], 1);
  EXPECT_DOUBLE_EQ(v["b"].get<double>(), 2.5);
  EXPECT_EQ(v["c"], true);
  EXPECT_EQ(v["d"], "3");
  EXPECT_TRUE(v["e"].is_null());
  EXPECT_EQ(v["f"], "yes");
  EXPECT_DOUBLE_EQ(v["g"].get<double>(), 1000.0);
}

TEST(YamlReaderTest, KeepsLocations) {
  auto node = ReadYaml("a:\n  - x\n  - y\n", "f.yaml");
  ASSERT_TRUE(node.has_value());
  EXPECT_EQ(node->entries[0].value.items[1].loc.ToString(), "f.yaml:3:5");
}

TEST(YamlReaderTest, ExpandsAliases) {
  auto node = ReadYaml("a: &x { k: 1 }\nb: *x\n", "f.yaml");
  ASSERT_TRUE(node.has_value());
  EXPECT_EQ(ToValue(*node)["b"]["k"], 1);
}

TEST(YamlReaderTest, RefusesAliasBombs) {
  std::string text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
  for (int i = 1; i < 9; ++i) {
    std::string prev = "*a" + std::to_string(i - 1);
    text += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [" + prev;
    for (int k = 1; k < 10; ++k)
      text += ", " + prev;
    text += "]\n";
  }
  auto node = ReadYaml(text, "f.yaml");
  ASSERT_FALSE(node.has_value());
  EXPECT_EQ(node.error().message(),
            "f.yaml:5:45: document is too large: more than 100000 nodes (an alias bomb?)");
}

TEST(YamlReaderTest, RefusesDeepNesting) {
  std::string text(10000, '[');
  text += std::string(10000, ']');
  auto node = ReadYaml(text, "f.yaml");
  ASSERT_FALSE(node.has_value());
  EXPECT_EQ(node.error().message(), "f.yaml:1:65: nesting is too deep (the limit is 64 levels)");
}

TEST(YamlReaderTest, RefusesInvalidUtf8WithItsPlace) {
  auto node = ReadYaml("a: ok\nb: caf\xe9\n", "f.yaml");
  ASSERT_FALSE(node.has_value());
  EXPECT_EQ(node.error().message(), "f.yaml:2:7: invalid UTF-8 byte 0xe9");
}

TEST(YamlReaderTest, RefusesDeepBlockNesting) {
  std::string text;
  for (int i = 0; i < 200; ++i)
    text += std::string(i, ' ') + "k:\n";
  auto node = ReadYaml(text, "f.yaml");
  ASSERT_FALSE(node.has_value());
  EXPECT_EQ(node.error().message(), "f.yaml:65:65: nesting is too deep (the limit is 64 levels)");
}

TEST(YamlReaderTest, RefusesDuplicateKeys) {
  auto node = ReadYaml("a: 1\nb: 2\na: 3\n", "f.yaml");
  ASSERT_FALSE(node.has_value());
  EXPECT_EQ(node.error().message(), "f.yaml:3:1: duplicate key 'a' (first at 1:1)");
}

TEST(YamlReaderTest, SyntaxErrorsHaveAPlace) {
  auto node = ReadYaml("a: [1, 2\n", "f.yaml");
  ASSERT_FALSE(node.has_value());
  EXPECT_EQ(node.error().message().rfind("f.yaml:", 0), 0u);
}

TEST(YamlReaderTest, RefusesLongValues) {
  std::string text = "a: " + std::string(70000, 'x') + "\n";
  auto node = ReadYaml(text, "f.yaml");
  ASSERT_FALSE(node.has_value());
  EXPECT_EQ(node.error().message(),
            "f.yaml:1:4: value is too long (70000 bytes; the limit is 65536)");
}

}  // namespace
}  // namespace travet::lang
