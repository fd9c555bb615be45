#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "runtime/core/result.h"

namespace travet::lang {

// A piece of a template string: literal text, or the text of one `${{ }}`.
struct TemplatePart {
  bool is_expression = false;
  std::string text;  // trimmed, for expressions
};

// Splits "Total: ${{ steps.read.total }} EUR" into its parts. An unterminated
// `${{` is an error that quotes the text.
Result<std::vector<TemplatePart>> SplitTemplate(std::string_view text);

// A free name an expression reads, with the member after it when there is one:
// `steps.read.fields` → {root "steps", member "read"}.
struct NameRef {
  std::string root;
  std::string member;
};

// The free names an expression reads, skipping string literals, comments,
// keywords, member names after `.`/`:` and table-constructor keys. It does not
// parse Lua: it is enough to catch typos in names before a bot runs.
std::vector<NameRef> FindNameRefs(std::string_view expression);

}  // namespace travet::lang
