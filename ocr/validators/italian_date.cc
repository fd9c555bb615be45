#include "ocr/validators/italian_date.h"

#include <array>
#include <cctype>
#include <cstdio>
#include <regex>

namespace travet::ocr {
namespace {

constexpr int kMinYear = 1900;
constexpr int kMaxYear = 2099;

// Longer than any date as written ("mercoledì 31 dicembre 2026" is 27
// bytes) with room for odd spacing. std::regex matches by recursion, one
// level per character: a line of a megabyte overflowed the stack.
constexpr std::size_t kLongestDate = 64;

constexpr std::array<std::string_view, 12> kMonths = {
    "gennaio", "febbraio", "marzo",     "aprile",  "maggio",   "giugno",
    "luglio",  "agosto",   "settembre", "ottobre", "novembre", "dicembre"};

// Lowercases ASCII and the accented capitals of Latin-1 (UTF-8 C3 80..9E), so
// "LUNEDÌ" reads as "lunedì".
std::string Lower(std::string_view raw) {
  std::string s(raw);
  for (std::size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c == 0xC3 && i + 1 < s.size()) {
      auto next = static_cast<unsigned char>(s[i + 1]);
      if (next >= 0x80 && next <= 0x9E)
        s[i + 1] = static_cast<char>(next + 0x20);
      ++i;
    } else {
      s[i] = static_cast<char>(std::tolower(c));
    }
  }
  return s;
}

// 1..12 for a full or abbreviated Italian month name (at least 3 letters, a
// prefix of the full name: "mar", "sett", "febbr"); 0 otherwise.
int MonthNumber(std::string_view name) {
  if (name.size() < 3)
    return 0;
  for (std::size_t i = 0; i < kMonths.size(); ++i) {
    if (kMonths[i].substr(0, name.size()) == name)
      return static_cast<int>(i) + 1;
  }
  return 0;
}

bool IsWeekday(std::string_view word) {
  static const std::regex kWeekday(
      "(luned|marted|mercoled|gioved|venerd)(i|\xC3\xAC|\xC3\xAD|')?|sabato|domenica");
  return std::regex_match(word.begin(), word.end(), kWeekday);
}

int ExpandYear(const std::string& digits) {
  int year = std::stoi(digits);
  if (digits.size() == 2)
    year += year < 70 ? 2000 : 1900;
  return year;
}

bool IsLeap(int year) {
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && IsLeap(year) ? 29 : kDays[month - 1];
}

Result<CalendarDate> Checked(CalendarDate date) {
  if (date.year < kMinYear || date.year > kMaxYear) {
    return InvalidArgument("year " + std::to_string(date.year) + " is out of range " +
                           std::to_string(kMinYear) + ".." + std::to_string(kMaxYear));
  }
  if (date.month < 1 || date.month > 12 || date.day < 1 ||
      date.day > DaysInMonth(date.year, date.month)) {
    char iso[32];
    std::snprintf(iso, sizeof iso, "%04d-%02d-%02d", date.year, date.month, date.day);
    return InvalidArgument(std::string("not a calendar date: ") + iso);
  }
  return date;
}

}  // namespace

std::string CalendarDate::ToIso() const {
  char iso[32];
  std::snprintf(iso, sizeof iso, "%04d-%02d-%02d", year, month, day);
  return iso;
}

Result<CalendarDate> ParseItalianDate(std::string_view raw) {
  static const std::regex kIso(R"(^(\d{4})\s*([-/.])\s*(\d{1,2})\s*\2\s*(\d{1,2})$)");
  static const std::regex kNumeric(R"(^(\d{1,2})\s*([-/.])\s*(\d{1,2})\s*\2\s*(\d{4}|\d{2})$)");
  // day, an optional ordinal sign (° or º), a month name, an optional dot, year.
  static const std::regex kWords(
      "^(?:(\\S+?),?\\s+)?(\\d{1,2})\\s*(?:\xC2\xB0|\xC2\xBA)?\\s*[-/.]?\\s*([a-z]+)\\.?\\s*[-/"
      "]?\\s*"
      "(\\d{4}|\\d{2})$");
  std::string s = Lower(raw);
  auto first = s.find_first_not_of(" \t\r\n");
  auto last = s.find_last_not_of(" \t\r\n");
  s = first == std::string::npos ? "" : s.substr(first, last - first + 1);
  if (s.size() > kLongestDate) {
    return InvalidArgument("not a date: a text of " + std::to_string(s.size()) +
                           " bytes is longer than any date");
  }
  std::smatch m;
  if (std::regex_match(s, m, kIso)) {
    return Checked({std::stoi(m[1]), std::stoi(m[3]), std::stoi(m[4])});
  }
  if (std::regex_match(s, m, kNumeric)) {
    return Checked({ExpandYear(m[4]), std::stoi(m[3]), std::stoi(m[1])});
  }
  if (std::regex_match(s, m, kWords) && (!m[1].matched || IsWeekday(m[1].str())) &&
      MonthNumber(m[3].str()) != 0) {
    return Checked({ExpandYear(m[4]), MonthNumber(m[3].str()), std::stoi(m[2])});
  }
  return InvalidArgument("not a date: '" + std::string(raw) + "'");
}

}  // namespace travet::ocr
