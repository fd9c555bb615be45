#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/core/result.h"
#include "runtime/core/value.h"

namespace travet::expr {

// One piece of a template string: literal text, or the Lua text between
// `${{` and its `}}` without surrounding whitespace.
struct TemplatePart {
  std::string_view text;
  bool is_expression = false;
};

// Splits `text` into literal parts and expressions. The closing `}}` of an
// expression is found with Lua's strings, long brackets, comments and table
// braces in mind, so `${{ {a = {1}} }}` is one expression. Error: an
// unterminated `${{` ("unterminated '${{' in '<text>'").
Result<std::vector<TemplatePart>> SplitTemplate(std::string_view text);

// How a value reads inside a longer string: null → "", strings as they are,
// integers in decimal, other numbers as Lua prints them ("%.14g"), booleans
// "true"/"false", lists and maps as compact JSON.
std::string TemplateText(const Value& value);

// Evaluates one expression of a template.
using EvaluateFunction = std::function<Result<Value>(std::string_view expression)>;

// Renders `templ`: strings holding `${{` are evaluated (a string that is one
// expression, surrounding whitespace allowed, keeps the result's type; else
// each expression is replaced by its TemplateText), maps and lists are walked,
// anything else is copied. The first failing expression's Status is returned.
Result<Value> RenderTemplate(const Value& templ, const EvaluateFunction& evaluate);

}  // namespace travet::expr
