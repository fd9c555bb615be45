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
// keywords, member names after `.`/`:`, table-constructor keys and names the
// expression binds itself (locals, parameters and loop variables of a function
// inside it). It does not parse Lua: it is enough to catch typos in names
// before a bot runs.
std::vector<NameRef> FindNameRefs(std::string_view expression);

// The keyword when `expression` starts with one that starts a Lua statement
// ("local", "if", "for", "while", "repeat", "do", "return", "goto",
// "break"), for saying that `${{ }}` holds an expression; else empty.
std::string_view StatementKeyword(std::string_view expression);

}  // namespace travet::lang
