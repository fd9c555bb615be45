#include "tools/bench/ocr_bench_text.h"

#include <algorithm>
#include <vector>

namespace travet::ocr_bench {
namespace {

// Decodes one code point at `i`; a malformed byte stands for itself.
char32_t Next(std::string_view s, std::size_t& i) {
  const auto b = static_cast<unsigned char>(s[i]);
  const int extra = b >= 0xF0 ? 3 : b >= 0xE0 ? 2 : b >= 0xC0 ? 1 : 0;
  if (i + extra >= s.size()) {
    ++i;
    return b;
  }
  char32_t c = extra == 0 ? b : b & (0x3F >> extra);
  for (int k = 1; k <= extra; ++k) {
    c = (c << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  }
  i += 1 + extra;
  return c;
}

bool IsSpace(char32_t c) {
  return c == U' ' || c == U'\t' || c == U'\n' || c == U'\r' || c == U'\f' || c == U'\v' ||
         c == 0xA0 || c == 0x202F || c == 0x2009;
}

struct Folding {
  char32_t from;
  const char32_t* to;
};

constexpr Folding kFoldings[] = {
    {0xFB01, U"fi"}, {0xFB02, U"fl"}, {0xFB00, U"ff"}, {0xFB03, U"ffi"}, {0xFB04, U"ffl"},
    {0x2018, U"'"},  {0x2019, U"'"},  {0x201A, U"'"},  {0x2032, U"'"},   {0x201C, U"\""},
    {0x201D, U"\""}, {0x201E, U"\""}, {0x2033, U"\""}, {0x2013, U"-"},   {0x2014, U"-"},
    {0x2010, U"-"},  {0x2011, U"-"},  {0x2212, U"-"},  {0x2026, U"..."},
};

// The folded form of `c`, appended to `out`.
void Fold(char32_t c, std::u32string& out) {
  for (const Folding& f : kFoldings) {
    if (f.from == c) {
      out += f.to;
      return;
    }
  }
  out += c;
}

}  // namespace

std::u32string NormaliseForCer(std::string_view utf8) {
  std::u32string out;
  out.reserve(utf8.size());
  bool pending_space = false;
  for (std::size_t i = 0; i < utf8.size();) {
    const char32_t c = Next(utf8, i);
    if (IsSpace(c)) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) {
      out += U' ';
      pending_space = false;
    }
    Fold(c, out);
  }
  return out;
}

std::size_t EditDistance(const std::u32string& a, const std::u32string& b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) {
    row[j] = j;
  }
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t up = row[j];
      row[j] = std::min({up + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = up;
    }
  }
  return row[b.size()];
}

CerCount CountErrors(std::string_view reference, std::string_view hypothesis) {
  const std::u32string ref = NormaliseForCer(reference);
  return {EditDistance(ref, NormaliseForCer(hypothesis)), ref.size()};
}

}  // namespace travet::ocr_bench
