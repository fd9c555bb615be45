#include "runtime/lang/yaml_path.h"

#include <charconv>

namespace travet::lang {
namespace {

// The entry of `map` under `key`, or nullptr.
const YamlNode::Entry* EntryOf(const YamlNode& map, const std::string& key) {
  for (const auto& entry : map.entries) {
    if (entry.key.scalar == key)
      return &entry;
  }
  return nullptr;
}

// The item of `list` at the decimal index `index`, or nullptr.
const YamlNode* ItemOf(const YamlNode& list, const std::string& index) {
  std::size_t at = 0;
  auto [end, error] = std::from_chars(index.data(), index.data() + index.size(), at);
  if (error != std::errc() || end != index.data() + index.size() || at >= list.items.size())
    return nullptr;
  return &list.items[at];
}

// One step down from `node` along `step`, or nullptr.
const YamlNode* Child(const YamlNode& node, const std::string& step) {
  if (node.is_map()) {
    const YamlNode::Entry* entry = EntryOf(node, step);
    return entry == nullptr ? nullptr : &entry->value;
  }
  return node.is_sequence() ? ItemOf(node, step) : nullptr;
}

bool HoldsExpression(const YamlNode& node) {
  if (node.is_scalar())
    return node.scalar.find("${{") != std::string::npos;
  for (const auto& item : node.items) {
    if (HoldsExpression(item))
      return true;
  }
  for (const auto& entry : node.entries) {
    if (HoldsExpression(entry.value))
      return true;
  }
  return false;
}

}  // namespace

const YamlNode& NodeAtPath(const YamlNode& root, const std::vector<std::string>& path,
                           bool at_key) {
  const YamlNode* node = &root;
  for (std::size_t i = 0; i < path.size(); ++i) {
    const bool last = i + 1 == path.size();
    if (last && at_key && node->is_map()) {
      const YamlNode::Entry* entry = EntryOf(*node, path[i]);
      return entry == nullptr ? *node : entry->key;
    }
    const YamlNode* child = Child(*node, path[i]);
    if (child == nullptr)
      return *node;
    node = child;
  }
  return *node;
}

bool PathHoldsExpression(const YamlNode& root, const std::vector<std::string>& path) {
  const YamlNode* node = &root;
  for (const std::string& step : path) {
    if (node->is_scalar())
      break;
    const YamlNode* child = Child(*node, step);
    if (child == nullptr)
      break;
    node = child;
  }
  return HoldsExpression(*node);
}

}  // namespace travet::lang
