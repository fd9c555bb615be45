#include "runtime/expr/template.h"

#include <cstdio>

#include "runtime/core/utf8.h"
#include "runtime/expr/evaluator.h"

namespace travet::expr {
namespace {

constexpr std::string_view kOpen = "${{";
constexpr std::string_view kWhitespace = " \t\r\n";

// The level of the Lua long bracket `[==[` at `at`, or -1.
int LongBracketLevel(std::string_view text, size_t at) {
  size_t i = at + 1;
  while (i < text.size() && text[i] == '=')
    ++i;
  if (i < text.size() && text[i] == '[')
    return static_cast<int>(i - at - 1);
  return -1;
}

// The position after the long bracket opened at `at`, or npos.
size_t SkipLongBracket(std::string_view text, size_t at, int level) {
  const std::string close = "]" + std::string(level, '=') + "]";
  const size_t end = text.find(close, at + level + 2);
  return end == std::string_view::npos ? end : end + close.size();
}

// The position after the quoted string opened at `at`, or npos.
size_t SkipQuoted(std::string_view text, size_t at) {
  for (size_t i = at + 1; i < text.size(); ++i) {
    if (text[i] == '\\') {
      ++i;
    } else if (text[i] == text[at]) {
      return i + 1;
    }
  }
  return std::string_view::npos;
}

// The position after the comment starting at `at` (on "--").
size_t SkipComment(std::string_view text, size_t at) {
  if (at + 2 < text.size() && text[at + 2] == '[') {
    const int level = LongBracketLevel(text, at + 2);
    if (level >= 0)
      return SkipLongBracket(text, at + 2, level);
  }
  const size_t end = text.find('\n', at);
  return end == std::string_view::npos ? text.size() : end + 1;
}

// The position of the `}}` that closes an expression starting at `from`,
// skipping Lua strings, comments and balanced braces; npos if none.
size_t FindLuaClose(std::string_view text, size_t from) {
  int depth = 0;
  size_t i = from;
  while (i < text.size()) {
    const char c = text[i];
    if (c == '\'' || c == '"') {
      i = SkipQuoted(text, i);
    } else if (c == '[' && LongBracketLevel(text, i) >= 0) {
      i = SkipLongBracket(text, i, LongBracketLevel(text, i));
    } else if (c == '-' && text.substr(i, 2) == "--") {
      i = SkipComment(text, i);
    } else if (c == '{') {
      ++depth, ++i;
    } else if (c == '}') {
      if (depth == 0 && text.substr(i, 2) == "}}")
        return i;
      if (depth > 0)
        --depth;
      ++i;
    } else {
      ++i;
    }
  }
  return std::string_view::npos;
}

// A broken expression (an open quote, say) falls back to the first `}}` so
// that Lua, not the splitter, reports the mistake.
size_t FindClose(std::string_view text, size_t from) {
  const size_t close = FindLuaClose(text, from);
  return close != std::string_view::npos ? close : text.find("}}", from);
}

std::string_view Trim(std::string_view text) {
  const size_t first = text.find_first_not_of(kWhitespace);
  if (first == std::string_view::npos)
    return {};
  return text.substr(first, text.find_last_not_of(kWhitespace) - first + 1);
}

bool IsBlank(std::string_view text) {
  return text.find_first_not_of(kWhitespace) == std::string_view::npos;
}

Result<Value> RenderString(const std::string& text, const EvaluateFunction& evaluate) {
  if (!HasExpression(text))
    return Value(text);
  Result<std::vector<TemplatePart>> parts = SplitTemplate(text);
  if (!parts)
    return parts.error();
  int expressions = 0;
  bool blank_literals = true;
  for (const TemplatePart& part : *parts) {
    expressions += part.is_expression ? 1 : 0;
    blank_literals = blank_literals && (part.is_expression || IsBlank(part.text));
  }
  if (expressions == 1 && blank_literals) {
    for (const TemplatePart& part : *parts) {
      if (part.is_expression)
        return evaluate(part.text);
    }
  }
  std::string out;
  for (const TemplatePart& part : *parts) {
    if (!part.is_expression) {
      out.append(part.text);
      continue;
    }
    Result<Value> value = evaluate(part.text);
    if (!value)
      return value.error();
    out += TemplateText(*value);
  }
  return Value(std::move(out));
}

}  // namespace

bool HasExpression(std::string_view text) {
  return text.find(kOpen) != std::string_view::npos;
}

Result<std::vector<TemplatePart>> SplitTemplate(std::string_view text) {
  std::vector<TemplatePart> parts;
  size_t at = 0;
  while (at < text.size()) {
    const size_t open = text.find(kOpen, at);
    if (open == std::string_view::npos) {
      parts.push_back({text.substr(at), false});
      break;
    }
    if (open > at)
      parts.push_back({text.substr(at, open - at), false});
    const size_t start = open + kOpen.size();
    const size_t close = FindClose(text, start);
    if (close == std::string_view::npos) {
      return InvalidArgument("unterminated '${{' in '" + ForMessage(text) + "'");
    }
    parts.push_back({Trim(text.substr(start, close - start)), true});
    at = close + 2;
  }
  return parts;
}

std::string TemplateText(const Value& value) {
  switch (value.type()) {
    case Value::value_t::null:
      return "";
    case Value::value_t::string:
      return value.get<std::string>();
    case Value::value_t::boolean:
      return value.get<bool>() ? "true" : "false";
    case Value::value_t::number_float: {
      char buffer[64];
      std::snprintf(buffer, sizeof(buffer), "%.14g", value.get<double>());
      return buffer;
    }
    default:  // integers, lists, maps
      return value.dump(-1, ' ', false, Value::error_handler_t::replace);
  }
}

Result<Value> RenderTemplate(const Value& templ, const EvaluateFunction& evaluate) {
  if (templ.is_string())
    return RenderString(templ.get_ref<const std::string&>(), evaluate);
  if (!templ.is_object() && !templ.is_array())
    return templ;
  Value out = templ.is_object() ? Value::object() : Value::array();
  for (auto it = templ.begin(); it != templ.end(); ++it) {
    Result<Value> item = RenderTemplate(*it, evaluate);
    if (!item)
      return item.error();
    if (templ.is_object()) {
      out[it.key()] = std::move(*item);
    } else {
      out.push_back(std::move(*item));
    }
  }
  return out;
}

}  // namespace travet::expr
