#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "runtime/core/result.h"
#include "runtime/core/value.h"
#include "runtime/lang/model.h"

namespace travet::lang {

// A YAML node with its location: what the loader walks, so that the rest of
// the language layer never sees yaml-cpp. Aliases are expanded (within the
// node budget of ReadYaml).
struct YamlNode {
  enum class Kind { kNull, kScalar, kSequence, kMap };
  Kind kind = Kind::kNull;
  std::string scalar;
  bool quoted = false;  // a quoted or block scalar: always a string
  struct Entry;
  std::vector<YamlNode> items;  // kSequence
  std::vector<Entry> entries;   // kMap, in order
  Location loc;

  bool is_map() const { return kind == Kind::kMap; }
  bool is_sequence() const { return kind == Kind::kSequence; }
  bool is_scalar() const { return kind == Kind::kScalar; }
  bool is_null() const { return kind == Kind::kNull; }
  // "a map", "a list", "a string", "a number", "a boolean", "null"
  std::string Describe() const;
};

// A key and its value in a map node.
struct YamlNode::Entry {
  YamlNode key;
  YamlNode value;
};

// Limits that keep a hostile file from exhausting the loader.
struct YamlLimits {
  size_t max_bytes = 1u << 20;  // a bot file is a program, not a data set
  int max_depth = 64;           // nesting of maps and lists
  size_t max_nodes = 100'000;   // after alias expansion ("billion laughs")
  size_t max_scalar_bytes = 64u << 10;
};

// Parses one YAML document. On failure the Status message is one line,
// "file:line:col: what" (also for invalid UTF-8, NUL bytes, too deep nesting,
// duplicate keys, too many nodes, more than one document).
Result<YamlNode> ReadYaml(std::string_view text, const std::string& file,
                          const YamlLimits& limits = {});

// The Value of a node with YAML 1.2 core scalar typing: unquoted true/false,
// integers, decimals and null become typed values; everything else a string.
Value ToValue(const YamlNode& node);

// The typed Value of a plain scalar (see ToValue).
Value ScalarValue(const YamlNode& node);

}  // namespace travet::lang
