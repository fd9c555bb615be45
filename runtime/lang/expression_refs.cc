#include "runtime/lang/expression_refs.h"

#include <array>
#include <cctype>
#include <set>

namespace travet::lang {
namespace {

bool IsIdentStart(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) || c == '_';
}
bool IsIdentChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
}

bool IsKeyword(std::string_view word) {
  static constexpr std::array<std::string_view, 22> kKeywords = {
      "and",      "break",  "do",   "else", "elseif", "end",  "false", "for",
      "function", "goto",   "if",   "in",   "local",  "nil",  "not",   "or",
      "repeat",   "return", "then", "true", "until",  "while"};
  for (auto k : kKeywords) {
    if (k == word)
      return true;
  }
  return false;
}

std::string Trim(std::string_view s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos)
    return {};
  size_t e = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(b, e - b + 1));
}

// Index just past a string literal or long bracket starting at `i`.
size_t SkipString(std::string_view s, size_t i) {
  char quote = s[i];
  if (quote == '[') {
    size_t level = 0, j = i + 1;
    while (j < s.size() && s[j] == '=')
      ++level, ++j;
    std::string close = "]" + std::string(level, '=') + "]";
    size_t end = s.find(close, j);
    return end == std::string_view::npos ? s.size() : end + close.size();
  }
  for (size_t j = i + 1; j < s.size(); ++j) {
    if (s[j] == '\\')
      ++j;
    else if (s[j] == quote)
      return j + 1;
  }
  return s.size();
}

bool IsLongBracket(std::string_view s, size_t i) {
  size_t j = i + 1;
  while (j < s.size() && s[j] == '=')
    ++j;
  return j < s.size() && s[j] == '[';
}

// Whether the name starting at `i` follows `.` or `:` (a member, not a free
// name); `..` is concatenation.
bool IsMemberName(std::string_view s, size_t i) {
  while (i > 0 && std::isspace(static_cast<unsigned char>(s[i - 1])))
    --i;
  if (i == 0)
    return false;
  if (s[i - 1] == ':')
    return i < 2 || s[i - 2] != ':';
  return s[i - 1] == '.' && (i < 2 || s[i - 2] != '.');
}

size_t NextNonSpace(std::string_view s, size_t i) {
  while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i])))
    ++i;
  return i;
}

// Reads `.member` after a root name, if present.
std::string MemberAfter(std::string_view s, size_t i) {
  i = NextNonSpace(s, i);
  if (i >= s.size() || s[i] != '.' || (i + 1 < s.size() && s[i + 1] == '.'))
    return {};
  i = NextNonSpace(s, i + 1);
  size_t start = i;
  while (i < s.size() && IsIdentChar(s[i]))
    ++i;
  return std::string(s.substr(start, i - start));
}

// Calls `visit(start, end)` for each word and each punctuation character of
// `s`, in order; strings, comments, numbers and spaces are skipped.
template <typename Visit>
void ScanTokens(std::string_view s, const Visit& visit) {
  size_t i = 0;
  while (i < s.size()) {
    char c = s[i];
    size_t start = i;
    if (c == '"' || c == '\'' || (c == '[' && IsLongBracket(s, i))) {
      i = SkipString(s, i);
    } else if (c == '-' && i + 1 < s.size() && s[i + 1] == '-') {
      size_t eol = s.find('\n', i);
      i = eol == std::string_view::npos ? s.size() : eol;
    } else if (std::isdigit(static_cast<unsigned char>(c))) {
      while (i < s.size() && (IsIdentChar(s[i]) || s[i] == '.'))
        ++i;
    } else if (IsIdentStart(c)) {
      while (i < s.size() && IsIdentChar(s[i]))
        ++i;
      visit(start, i);
    } else {
      if (!std::isspace(static_cast<unsigned char>(c)))
        visit(i, i + 1);
      ++i;
    }
  }
}

// The words and punctuation of `s`; strings, comments and numbers left out.
std::vector<std::string_view> Tokens(std::string_view s) {
  std::vector<std::string_view> tokens;
  ScanTokens(s, [&](size_t start, size_t end) { tokens.push_back(s.substr(start, end - start)); });
  return tokens;
}

bool IsName(std::string_view token) {
  return IsIdentStart(token[0]) && !IsKeyword(token);
}

// The names of a list "a, b, c" starting at tokens[i].
void AddNameList(const std::vector<std::string_view>& tokens, size_t i,
                 std::set<std::string, std::less<>>& names) {
  for (; i < tokens.size() && IsName(tokens[i]); i += 2) {
    names.emplace(tokens[i]);
    if (i + 1 >= tokens.size() || tokens[i + 1] != ",")
      return;
  }
}

// The names an expression binds itself: after `local` (`local a, b`,
// `local function f`), a function's parameters and a `for`'s variables, as
// in `(function() local t = 0 ... return t end)()`. Scopes are not followed:
// a name bound anywhere counts as known everywhere, enough to catch typos.
std::set<std::string, std::less<>> BoundNames(std::string_view s) {
  std::vector<std::string_view> tokens = Tokens(s);
  std::set<std::string, std::less<>> bound;
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (tokens[i] == "local" || tokens[i] == "for") {
      bool function = i + 1 < tokens.size() && tokens[i + 1] == "function";
      AddNameList(tokens, function ? i + 2 : i + 1, bound);
    } else if (tokens[i] == "function") {
      size_t open = i + 1;
      while (open < tokens.size() && tokens[open] != "(")
        ++open;
      AddNameList(tokens, open + 1, bound);
    }
  }
  return bound;
}

}  // namespace

std::string_view StatementKeyword(std::string_view expression) {
  static constexpr std::array<std::string_view, 9> kStatements = {
      "local", "if", "for", "while", "repeat", "do", "return", "goto", "break"};
  std::vector<std::string_view> tokens = Tokens(expression);
  if (tokens.empty())
    return {};
  for (auto k : kStatements) {
    if (k == tokens[0])
      return k;
  }
  return {};
}

Result<std::vector<TemplatePart>> SplitTemplate(std::string_view text) {
  std::vector<TemplatePart> parts;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t open = text.find("${{", pos);
    if (open == std::string_view::npos) {
      parts.push_back({false, std::string(text.substr(pos))});
      break;
    }
    if (open > pos)
      parts.push_back({false, std::string(text.substr(pos, open - pos))});
    size_t close = text.find("}}", open + 3);
    if (close == std::string_view::npos) {
      std::string shown(text.substr(0, 80));
      return InvalidArgument("unterminated '${{' in '" + shown + "'");
    }
    parts.push_back({true, Trim(text.substr(open + 3, close - open - 3))});
    pos = close + 2;
  }
  return parts;
}

std::vector<NameRef> FindNameRefs(std::string_view s) {
  const std::set<std::string, std::less<>> bound = BoundNames(s);
  std::vector<NameRef> refs;
  ScanTokens(s, [&](size_t start, size_t end) {
    std::string_view word = s.substr(start, end - start);
    if (!IsIdentStart(word[0]))
      return;  // punctuation
    size_t after = NextNonSpace(s, end);
    bool is_key =
        after < s.size() && s[after] == '=' && (after + 1 >= s.size() || s[after + 1] != '=');
    if (!IsMemberName(s, start) && !is_key && !IsKeyword(word) && !bound.contains(word))
      refs.push_back({std::string(word), MemberAfter(s, end)});
  });
  return refs;
}

}  // namespace travet::lang
