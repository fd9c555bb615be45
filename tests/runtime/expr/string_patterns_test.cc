#include "runtime/expr/string_patterns.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <iterator>
#include <lua.hpp>
#include <random>
#include <string>
#include <vector>

#include "runtime/expr/evaluator.h"

namespace travet::expr {
namespace {

// Runs the same Lua program over one pattern and many subjects with find,
// match, gmatch and gsub (every argument form, and through pcall so that
// errors are results too), and prints every result on a line of its own, with
// bytes outside printable ASCII escaped: the output is valid UTF-8 and shows
// embedded NULs.
constexpr const char* kProgram = R"lua(
local function show(...)
  local out = {}
  for i = 1, select('#', ...) do
    local v = select(i, ...)
    if type(v) == 'string' then
      local bytes = {}
      for j = 1, #v do
        local b = v:byte(j)
        bytes[j] = (b < 32 or b > 126 or b == 92) and ('\\' .. b .. ';') or string.char(b)
      end
      v = '"' .. table.concat(bytes) .. '"'
    end
    out[i] = tostring(v)
  end
  return table.concat(out, ',')
end

local function gmatch_all(s, p, init)
  local out = {}
  for a, b, c in string.gmatch(s, p, init) do
    out[#out + 1] = show(a, b, c)
    if #out > 40 then break end
  end
  return table.concat(out, ';')
end

local replacements = {
  '<%0>', '%1-%2', '%%', 'x', '%', '%a', 7,
  {a = 'A', [''] = 'E', b = false, ['1'] = 'one', ab = 2},
  {},
  function(...) return show(...) end,
  function(a) if a == 'b' then return {} end return nil end,
}

local lines = {}
local function add(...) lines[#lines + 1] = show(...) end
for i, s in ipairs(subjects) do
  add('subject', i)
  for _, init in ipairs({false, 2, -2, #s + 1}) do
    local start = init or nil
    add(pcall(string.find, s, pattern, start))
    add(pcall(string.match, s, pattern, start))
    add(pcall(gmatch_all, s, pattern, start))
  end
  add(pcall(string.find, s, pattern, 1, true))
  add(pcall(string.find, s, pattern, -3, true))
  add(pcall(string.find, s, pattern, 1, false))
  for _, replacement in ipairs(replacements) do
    for _, most in ipairs({false, 0, 1, -1}) do
      add(pcall(string.gsub, s, pattern, replacement, most or nil))
    end
  end
end
add(pcall(string.find, pattern, pattern))
add(pcall(string.gsub, 'abc', pattern))
add(pcall(string.gsub, 'abc', pattern, true))
add(pcall(string.find, nil, pattern))
add(pcall(string.match, 'abc', pattern, 1.5))
return table.concat(lines, '\n')
)lua";

// A Lua string literal holding exactly these bytes.
std::string LuaLiteral(const std::string& bytes) {
  std::string literal = "\"";
  for (unsigned char c : bytes)
    literal +=
        "\\" + std::to_string(c / 100) + std::to_string(c / 10 % 10) + std::to_string(c % 10);
  return literal + "\"";
}

std::string Chunk(const std::vector<std::string>& subjects, const std::string& pattern) {
  std::string chunk = "local subjects = {";
  for (const std::string& subject : subjects)
    chunk += LuaLiteral(subject) + ",";
  return chunk + "}\nlocal pattern = " + LuaLiteral(pattern) + "\n" + kProgram;
}

// The expected output: the chunk run by stock Lua 5.4, named as the sandbox
// names scripts (an error raised in a `for` loop over gmatch has a position).
std::string RunStockLua(const std::string& chunk) {
  lua_State* L = luaL_newstate();
  luaL_openlibs(L);
  std::string output;
  if (luaL_loadbuffer(L, chunk.data(), chunk.size(), "=script") != LUA_OK ||
      lua_pcall(L, 0, 1, 0) != LUA_OK) {
    output = "stock Lua failed: ";
  }
  size_t size = 0;
  const char* text = lua_tolstring(L, -1, &size);
  output.append(text != nullptr ? text : "(no text)", size);
  lua_close(L);
  return output;
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  size_t start = 0;
  for (size_t end = text.find('\n'); end != std::string::npos; end = text.find('\n', start)) {
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  lines.push_back(text.substr(start));
  return lines;
}

std::vector<std::string> Subjects(std::mt19937& random) {
  std::vector<std::string> subjects = {
      "",
      "a",
      "abc",
      "aaab",
      "hello world",
      "(a(b)c)",
      "x = 1, y = 22",
      "AbC dEf 123",
      std::string("a\0b", 3),
      "\x01\x7f\x80\xff",
      "  trim  ",
      "key=val;k2=v2",
      "((()",
      "THE (quick) fox",
      "[%]^$.-",
  };
  const std::string alphabet = std::string("ab()%[]^$ 1A.-\n", 15) + '\0';
  std::uniform_int_distribution<size_t> length(0, 12);
  std::uniform_int_distribution<size_t> pick(0, alphabet.size() - 1);
  for (int i = 0; i < 15; ++i) {
    std::string subject;
    for (size_t n = length(random); n > 0; --n)
      subject += alphabet[pick(random)];
    subjects.push_back(subject);
  }
  return subjects;
}

// Hand-picked patterns: every feature, and every malformed form Lua names.
constexpr const char* kFixedPatterns[] = {
    "",
    "a",
    "^a",
    "a$",
    "^$",
    "$a",
    "a*",
    "a+",
    "a-",
    "a?",
    ".",
    ".-",
    ".*",
    "%a+",
    "%d+",
    "%s*(%w+)%s*",
    "(%w+)=(%w+)",
    "()a()",
    "(a)(b)?",
    "%b()",
    "%b",
    "%bx",
    "%f[%w]%w+",
    "%f[%W]",
    "%f",
    "%fa",
    "(a)%1",
    "(a*)%1",
    "(a)%2",
    "%0",
    ")",
    "(()",
    "(a",
    "[a",
    "[^",
    "[]]",
    "[^]]",
    "[a-]",
    "[-a]",
    "[%a-z]",
    "[%]]",
    "[a-c-e]",
    "%",
    "a%",
    "[%",
    "%.",
    "%%",
    "%z",
    "%A%C%D%G%L%P%S%U%W%X",
    "%c%g%l%p%u%x",
    "^(.-)%s*$",
    "(h)(e)(l)(l)(o)",
    "((a)(b))",
    "(.)%1",
    "()",
    "^()$",
    "x*$",
    "^^",
    "a-b",
    "[%d%s]+",
    "[^%a]+",
};

std::vector<std::string> Patterns(std::mt19937& random) {
  std::vector<std::string> patterns(std::begin(kFixedPatterns), std::end(kFixedPatterns));
  patterns.push_back(std::string("a\0b", 3));
  patterns.push_back(std::string("[\0-a]", 5));
  patterns.push_back(std::string(40, '(') + "a" + std::string(40, ')'));  // too many captures
  const std::vector<std::string> atoms = {
      ".",  "a",  "b",  "%a",   "%d",     "%s",     "%w",    "%x",     "%p",  "%u",
      "%l", "%c", "%g", "%A",   "%S",     "[a-c]",  "[^ab]", "[%d%s]", "[]]", "[^%a-]",
      "(",  ")",  "()", "%b()", "%f[%w]", "%f[%W]", "%1",    "%2",     "$",   "^",
      "%",  "[",  "%.", "(a)",  "(.-)",   " ",      "1"};
  const std::vector<std::string> suffixes = {"", "", "", "*", "+", "-", "?"};
  std::uniform_int_distribution<size_t> count(1, 5);
  std::uniform_int_distribution<size_t> atom(0, atoms.size() - 1);
  std::uniform_int_distribution<size_t> suffix(0, suffixes.size() - 1);
  for (int i = 0; i < 200; ++i) {
    std::string pattern;
    for (size_t n = count(random); n > 0; --n)
      pattern += atoms[atom(random)] + suffixes[suffix(random)];
    patterns.push_back(pattern);
  }
  return patterns;
}

// Runs the program over `pattern` in the sandbox and in stock Lua and expects
// the same lines; returns how many were compared.
size_t CompareWithLua(Evaluator& evaluator, const std::vector<std::string>& subjects,
                      const std::string& pattern) {
  const std::string chunk = Chunk(subjects, pattern);
  const std::string expected = RunStockLua(chunk);
  Result<Value> got = evaluator.RunChunk(chunk, Scope());
  EXPECT_TRUE(got.has_value()) << LuaLiteral(pattern) << ": " << got.error().message();
  if (!got.has_value())
    return 0;
  const std::vector<std::string> want = Lines(expected);
  const std::vector<std::string> have = Lines(got->get<std::string>());
  EXPECT_EQ(have.size(), want.size()) << LuaLiteral(pattern) << "\n" << expected;
  for (size_t i = 0; i < std::min(want.size(), have.size()); ++i) {
    if (have[i] != want[i]) {
      ADD_FAILURE() << "pattern " << LuaLiteral(pattern) << ", line " << i << " after "
                    << (i > 0 ? want[i - 1] : "") << ":\n  sandbox: " << have[i]
                    << "\n  Lua:     " << want[i];
      return 0;
    }
  }
  return want.size();
}

// The sandbox's string.find, match, gmatch and gsub give what Lua's own give,
// errors included, over hand-picked and random patterns and subjects.
TEST(StringPatternsTest, AgreeWithLuasStringLibrary) {
  std::mt19937 random(20261206);
  const std::vector<std::string> subjects = Subjects(random);
  Evaluator evaluator({.max_instructions = 1'000'000'000'000});
  size_t compared = 0;
  for (const std::string& pattern : Patterns(random))
    compared += CompareWithLua(evaluator, subjects, pattern);
  EXPECT_GT(compared, 300'000u);
}

// Lua refuses to recurse deeper than 200 levels ("pattern too complex") and
// so does the sandbox, at the same point.
TEST(StringPatternsTest, DeepPatternsFailAsInLua) {
  Evaluator evaluator({.max_instructions = 1'000'000'000'000});
  std::string optional_as;
  for (int i = 0; i < 250; ++i)
    optional_as += "a?";
  const std::vector<std::string> subjects = {std::string(150, 'a'), std::string(199, 'a'),
                                             std::string(300, 'a')};
  for (const std::string& pattern : {optional_as, std::string("(a?)") + optional_as + "%1"})
    EXPECT_GT(CompareWithLua(evaluator, subjects, pattern), 100u);
}

}  // namespace
}  // namespace travet::expr
