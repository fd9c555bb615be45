#include <algorithm>
#include <lua.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/core/utf8.h"
#include "runtime/expr/expr_libraries.h"
#include "runtime/expr/lua_sandbox.h"

// `text`: the clean-ups bots did by hand with gsub, UTF-8 aware.

namespace travet::expr {
namespace {

// similarity is quadratic: 2,000 × 2,000 steps at most.
constexpr size_t kMaxSimilarityChars = 2000;

// U+00C0..U+00FF without their accents; '\0' where there is no plain letter.
constexpr char kLatin1Plain[] =
    "AAAAAAACEEEEIIII"     // C0..CF (Æ and ß: AppendPlain)
    "DNOOOOO\0OUUUUY\0s"   // D0..DF
    "aaaaaaaceeeeiiii"     // E0..EF
    "dnooooo\0ouuuuy\0y";  // F0..FF

// The code point at `*at` of valid UTF-8 `text`; moves `*at` past it.
char32_t DecodeAt(std::string_view text, size_t* at) {
  const auto lead = static_cast<unsigned char>(text[*at]);
  const size_t length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
  char32_t point = length == 1 ? lead : lead & (0x3F >> (length - 1));
  for (size_t i = 1; i < length; ++i)
    point = (point << 6) | (static_cast<unsigned char>(text[*at + i]) & 0x3F);
  *at += length;
  return point;
}

std::vector<char32_t> CodePoints(std::string_view text) {
  std::vector<char32_t> points;
  for (size_t at = 0; at < text.size();)
    points.push_back(DecodeAt(text, &at));
  return points;
}

size_t CodePointCount(std::string_view text) {
  return static_cast<size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

void AppendUtf8(char32_t point, std::string* out) {
  if (point < 0x80) {
    out->push_back(static_cast<char>(point));
  } else if (point < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (point >> 6)));
    out->push_back(static_cast<char>(0x80 | (point & 0x3F)));
  } else if (point < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (point >> 12)));
    out->push_back(static_cast<char>(0x80 | ((point >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (point & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (point >> 18)));
    out->push_back(static_cast<char>(0x80 | ((point >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((point >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (point & 0x3F)));
  }
}

void AppendPlain(char32_t point, std::string* out) {
  if (point == 0xC6 || point == 0xE6) {  // Æ æ
    out->append(point == 0xC6 ? "AE" : "ae");
  } else if (point == 0xDF) {  // ß
    out->append("ss");
  } else if (point >= 0xC0 && point <= 0xFF && kLatin1Plain[point - 0xC0] != '\0') {
    out->push_back(kLatin1Plain[point - 0xC0]);
  } else {
    AppendUtf8(point, out);
  }
}

// Reads argument `index` as valid UTF-8 text; raises otherwise.
std::string_view CheckText(lua_State* L, int index, const char* function) {
  size_t length = 0;
  const char* text = luaL_checklstring(L, index, &length);
  if (!IsValidUtf8(std::string_view(text, length)))
    luaL_error(L, "text.%s: invalid UTF-8", function);
  return std::string_view(text, length);
}

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

void Squash(std::string_view text, std::string* out) {
  out->clear();
  bool pending_space = false;
  for (size_t at = 0; at < text.size(); ++at) {
    const bool no_break = text.substr(at, 2) == "\xC2\xA0";  // U+00A0
    if (IsSpace(text[at]) || no_break) {
      pending_space = !out->empty();
      at += no_break ? 1 : 0;
      continue;
    }
    if (pending_space)
      out->push_back(' ');
    pending_space = false;
    out->push_back(text[at]);
  }
}

void StripAccents(std::string_view text, std::string* out) {
  out->clear();
  for (size_t at = 0; at < text.size();)
    AppendPlain(DecodeAt(text, &at), out);
}

// 1 - Levenshtein distance / the longer length, over code points.
double Similarity(std::string_view a, std::string_view b) {
  const std::vector<char32_t> left = CodePoints(a);
  const std::vector<char32_t> right = CodePoints(b);
  const size_t longer = std::max(left.size(), right.size());
  if (longer == 0)
    return 1.0;
  std::vector<size_t> row(right.size() + 1);
  for (size_t j = 0; j <= right.size(); ++j)
    row[j] = j;
  for (size_t i = 1; i <= left.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= right.size(); ++j) {
      const size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (left[i - 1] != right[j - 1])});
      diagonal = above;
    }
  }
  return 1.0 - static_cast<double>(row[right.size()]) / static_cast<double>(longer);
}

int TextPushScratch(lua_State* L) {
  const std::string& scratch = *GetSandboxState(L).scratch;
  lua_pushlstring(L, scratch.data(), scratch.size());
  return 1;
}

int SquashFunction(lua_State* L) {
  Squash(CheckText(L, 1, "squash"), GetSandboxState(L).scratch);
  return TextPushScratch(L);
}

int StripAccentsFunction(lua_State* L) {
  StripAccents(CheckText(L, 1, "strip_accents"), GetSandboxState(L).scratch);
  return TextPushScratch(L);
}

int SimilarityFunction(lua_State* L) {
  const std::string_view a = CheckText(L, 1, "similarity");
  const std::string_view b = CheckText(L, 2, "similarity");
  if (a.size() > 4 * kMaxSimilarityChars || b.size() > 4 * kMaxSimilarityChars ||
      std::max(CodePointCount(a), CodePointCount(b)) > kMaxSimilarityChars) {
    return luaL_error(L, "text.similarity: texts longer than %d characters",
                      static_cast<int>(kMaxSimilarityChars));
  }
  lua_pushnumber(L, Similarity(a, b));
  return 1;
}

}  // namespace

int OpenText(lua_State* L) {
  const luaL_Reg functions[] = {{"squash", SquashFunction},
                                {"strip_accents", StripAccentsFunction},
                                {"similarity", SimilarityFunction},
                                {nullptr, nullptr}};
  luaL_newlib(L, functions);
  return 1;
}

}  // namespace travet::expr
