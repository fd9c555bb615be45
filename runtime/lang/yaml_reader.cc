#include "runtime/lang/yaml_reader.h"

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/parser.h>

#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <regex>
#include <sstream>
#include <unordered_map>

namespace travet::lang {
namespace {

Location At(const std::string& file, const YAML::Mark& mark) {
  return {file, mark.line + 1, mark.column + 1};
}

// The first byte that is not valid UTF-8 (or a NUL), as an error; Ok if none.
Status CheckText(std::string_view text, const std::string& file) {
  int line = 1, column = 1;
  size_t i = 0;
  auto fail = [&](const std::string& what) {
    return InvalidArgument(Location{file, line, column}.ToString() + ": " + what);
  };
  while (i < text.size()) {
    auto c = static_cast<unsigned char>(text[i]);
    if (c == 0)
      return fail("NUL byte in the file");
    size_t len = c < 0x80           ? 1
                 : (c >> 5) == 0x6  ? 2
                 : (c >> 4) == 0xE  ? 3
                 : (c >> 3) == 0x1E ? 4
                                    : 0;
    if (len == 0 || i + len > text.size())
      return fail("invalid UTF-8 byte 0x" + [&] {
        char hex[3];
        std::snprintf(hex, sizeof hex, "%02x", c);
        return std::string(hex);
      }());
    for (size_t k = 1; k < len; ++k) {
      if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) {
        return fail("invalid UTF-8 sequence");
      }
    }
    if (c == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
    i += len;
  }
  return Status::Ok();
}

// Flow collections nested past the limit, found before yaml-cpp sees them:
// its scanner gives up on deep `[[[[` with a confusing "bad file".
Status CheckFlowDepth(std::string_view text, const std::string& file, int max_depth) {
  int depth = 0, line = 1, column = 0;
  char quote = 0;
  bool comment = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    ++column;
    if (c == '\n') {
      ++line;
      column = 0;
      comment = false;
      continue;
    }
    if (comment)
      continue;
    if (quote) {
      if (c == quote)
        quote = 0;
      continue;
    }
    if (c == '#' && (i == 0 || text[i - 1] == ' ' || text[i - 1] == '\t'))
      comment = true;
    else if (c == '"' || c == '\'')
      quote = c;
    else if (c == '[' || c == '{')
      ++depth;
    else if ((c == ']' || c == '}') && depth > 0)
      --depth;
    if (depth > max_depth) {
      return InvalidArgument(Location{file, line, column}.ToString() +
                             ": nesting is too deep (the limit is " + std::to_string(max_depth) +
                             " levels)");
    }
  }
  return Status::Ok();
}

// Builds YamlNodes from yaml-cpp's parse events. After the first error it
// ignores the rest, so a hostile file costs no more than the limits allow.
class NodeBuilder : public YAML::EventHandler {
 public:
  NodeBuilder(const std::string& file, const YamlLimits& limits) : file_(file), limits_(limits) {}

  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    YamlNode node;
    node.loc = At(file_, mark);
    Add(std::move(node), anchor);
  }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    auto it = anchors_.find(anchor);
    if (it == anchors_.end())
      return Fail(At(file_, mark), "unknown alias");
    size_t count = CountNodes(it->second, limits_.max_nodes + 1);
    if (nodes_ + count > limits_.max_nodes)
      return TooManyNodes(At(file_, mark));
    nodes_ += count;
    YamlNode copy = it->second;
    Add(std::move(copy), 0, /*counted=*/true);
  }
  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    if (value.size() > limits_.max_scalar_bytes) {
      return Fail(At(file_, mark), "value is too long (" + std::to_string(value.size()) +
                                       " bytes; the limit is " +
                                       std::to_string(limits_.max_scalar_bytes) + ")");
    }
    YamlNode node;
    node.kind = YamlNode::Kind::kScalar;
    node.scalar = value;
    node.quoted = tag == "!";
    node.loc = At(file_, mark);
    Add(std::move(node), anchor);
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    Open(YamlNode::Kind::kSequence, mark, anchor);
  }
  void OnSequenceEnd() override { Close(); }
  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    Open(YamlNode::Kind::kMap, mark, anchor);
  }
  void OnMapEnd() override { Close(); }

  bool failed() const { return !error_.ok(); }
  const Status& error() const { return error_; }
  bool has_root() const { return has_root_; }
  YamlNode TakeRoot() { return std::move(root_); }

 private:
  struct OpenNode {
    YamlNode node;
    YAML::anchor_t anchor;
    bool have_key = false;
    YamlNode key;
    std::unordered_map<std::string, Location> keys;  // of a map, to refuse duplicates
  };

  void Fail(const Location& loc, const std::string& what) {
    if (error_.ok())
      error_ = InvalidArgument(loc.ToString() + ": " + what);
  }
  void TooManyNodes(const Location& loc) {
    Fail(loc, "document is too large: more than " + std::to_string(limits_.max_nodes) +
                  " nodes (an alias bomb?)");
  }

  static size_t CountNodes(const YamlNode& node, size_t cap) {
    size_t n = 1;
    for (const auto& item : node.items) {
      n += CountNodes(item, cap);
      if (n > cap)
        return n;
    }
    for (const auto& [key, value] : node.entries) {
      n += CountNodes(key, cap) + CountNodes(value, cap);
      if (n > cap)
        return n;
    }
    return n;
  }

  void Open(YamlNode::Kind kind, const YAML::Mark& mark, YAML::anchor_t anchor) {
    if (failed())
      return;
    if (static_cast<int>(stack_.size()) >= limits_.max_depth) {
      return Fail(At(file_, mark), "nesting is too deep (the limit is " +
                                       std::to_string(limits_.max_depth) + " levels)");
    }
    OpenNode open;
    open.node.kind = kind;
    open.node.loc = At(file_, mark);
    open.anchor = anchor;
    stack_.push_back(std::move(open));
  }

  void Close() {
    if (failed() || stack_.empty())
      return;
    OpenNode top = std::move(stack_.back());
    stack_.pop_back();
    Add(std::move(top.node), top.anchor);
  }

  void Add(YamlNode node, YAML::anchor_t anchor, bool counted = false) {
    if (failed())
      return;
    if (!counted && ++nodes_ > limits_.max_nodes)
      return TooManyNodes(node.loc);
    if (anchor != 0)
      anchors_[anchor] = node;
    if (stack_.empty()) {
      if (has_root_)
        return Fail(node.loc, "expected one YAML document, found more");
      root_ = std::move(node);
      has_root_ = true;
      return;
    }
    OpenNode& parent = stack_.back();
    if (parent.node.kind == YamlNode::Kind::kSequence) {
      parent.node.items.push_back(std::move(node));
    } else if (!parent.have_key) {
      parent.key = std::move(node);
      parent.have_key = true;
    } else {
      AddEntry(parent, std::move(node));
    }
  }

  void AddEntry(OpenNode& parent, YamlNode value) {
    parent.have_key = false;
    if (parent.key.is_scalar()) {
      auto [first, fresh] = parent.keys.emplace(parent.key.scalar, parent.key.loc);
      if (!fresh) {
        return Fail(parent.key.loc, "duplicate key '" + parent.key.scalar + "' (first at " +
                                        std::to_string(first->second.line) + ":" +
                                        std::to_string(first->second.column) + ")");
      }
    }
    parent.node.entries.push_back({std::move(parent.key), std::move(value)});
  }

  const std::string& file_;
  const YamlLimits& limits_;
  Status error_;
  std::vector<OpenNode> stack_;
  std::map<YAML::anchor_t, YamlNode> anchors_;
  size_t nodes_ = 0;
  YamlNode root_;
  bool has_root_ = false;
};

Status ParseEvents(std::string_view text, const std::string& file, NodeBuilder& builder) {
  std::istringstream in{std::string(text)};
  try {
    YAML::Parser parser(in);
    if (parser.HandleNextDocument(builder) && !builder.failed()) {
      YamlLimits extra_limits;  // the builder keeps a reference: it must outlive it
      NodeBuilder extra(file, extra_limits);
      if (parser.HandleNextDocument(extra)) {
        Location loc = extra.has_root() ? extra.TakeRoot().loc : Location{file, 1, 1};
        return InvalidArgument(loc.ToString() + ": expected one YAML document, found more");
      }
    }
  } catch (const YAML::Exception& e) {
    if (builder.failed())
      return builder.error();  // ours came first
    Location loc = At(file, e.mark);
    if (e.mark.is_null())
      loc = {file, 1, 1};
    return InvalidArgument(loc.ToString() + ": " + e.msg);
  } catch (const std::exception& e) {
    return InvalidArgument(file + ":1:1: cannot parse: " + e.what());
  }
  return builder.error();
}

}  // namespace

std::string YamlNode::Describe() const {
  switch (kind) {
    case Kind::kNull:
      return "null";
    case Kind::kSequence:
      return "a list";
    case Kind::kMap:
      return "a map";
    case Kind::kScalar:
      break;
  }
  Value v = ScalarValue(*this);
  if (v.is_boolean())
    return "a boolean";
  if (v.is_number())
    return "a number";
  return "a string";
}

Result<YamlNode> ReadYaml(std::string_view text, const std::string& file,
                          const YamlLimits& limits) {
  if (text.size() > limits.max_bytes) {
    return InvalidArgument(file + ":1:1: file is too large (" + std::to_string(text.size()) +
                           " bytes; the limit is " + std::to_string(limits.max_bytes) + ")");
  }
  TRAVET_RETURN_IF_ERROR(CheckText(text, file));
  TRAVET_RETURN_IF_ERROR(CheckFlowDepth(text, file, limits.max_depth));
  NodeBuilder builder(file, limits);
  TRAVET_RETURN_IF_ERROR(ParseEvents(text, file, builder));
  if (!builder.has_root())
    return InvalidArgument(file + ":1:1: the file is empty");
  return builder.TakeRoot();
}

Value ScalarValue(const YamlNode& node) {
  if (node.kind == YamlNode::Kind::kNull)
    return nullptr;
  const std::string& s = node.scalar;
  if (node.quoted || s.empty())
    return s;
  if (s == "true" || s == "True" || s == "TRUE")
    return true;
  if (s == "false" || s == "False" || s == "FALSE")
    return false;
  static const std::regex kInteger("[-+]?[0-9]+");
  static const std::regex kDecimal("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");
  if (s.size() < 32 && std::regex_match(s, kInteger)) {
    long long n = 0;
    const char* begin = s.data() + (s[0] == '+' ? 1 : 0);
    auto [ptr, ec] = std::from_chars(begin, s.data() + s.size(), n);
    if (ec == std::errc() && ptr == s.data() + s.size())
      return n;
  }
  if (s.size() < 64 && std::regex_match(s, kDecimal))
    return std::strtod(s.c_str(), nullptr);
  return s;
}

Value ToValue(const YamlNode& node) {
  switch (node.kind) {
    case YamlNode::Kind::kNull:
    case YamlNode::Kind::kScalar:
      return ScalarValue(node);
    case YamlNode::Kind::kSequence: {
      Value list = Value::array();
      for (const auto& item : node.items)
        list.push_back(ToValue(item));
      return list;
    }
    case YamlNode::Kind::kMap: {
      Value map = Value::object();
      for (const auto& [key, value] : node.entries)
        map[key.scalar] = ToValue(value);
      return map;
    }
  }
  return nullptr;
}

}  // namespace travet::lang
