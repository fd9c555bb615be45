#include <gtest/gtest.h>

#include <string>

#include "ocr/validators/italian_date.h"

namespace travet::ocr {
namespace {

std::string ParsedDate(std::string_view raw) {
  auto date = ParseItalianDate(raw);
  return date ? date->ToIso() : "error: " + date.error().message();
}

TEST(ItalianDateTest, ReadsNumericDates) {
  EXPECT_EQ(ParsedDate("12/03/2024"), "2024-03-12");
  EXPECT_EQ(ParsedDate("12-03-2024"), "2024-03-12");
  EXPECT_EQ(ParsedDate("12.03.2024"), "2024-03-12");
  EXPECT_EQ(ParsedDate("1.3.24"), "2024-03-01");
  EXPECT_EQ(ParsedDate("03/11/2026"), "2026-11-03");
  EXPECT_EQ(ParsedDate(" 3 / 11 / 2026 "), "2026-11-03");
}

TEST(ItalianDateTest, ExpandsTwoDigitYears) {
  EXPECT_EQ(ParsedDate("12/03/24"), "2024-03-12");
  EXPECT_EQ(ParsedDate("01/01/00"), "2000-01-01");
  EXPECT_EQ(ParsedDate("31/12/69"), "2069-12-31");
  EXPECT_EQ(ParsedDate("01/01/70"), "1970-01-01");
  EXPECT_EQ(ParsedDate("15.8.99"), "1999-08-15");
}

TEST(ItalianDateTest, ReadsIsoDates) {
  EXPECT_EQ(ParsedDate("2024-03-12"), "2024-03-12");
  EXPECT_EQ(ParsedDate("2024/3/1"), "2024-03-01");
}

TEST(ItalianDateTest, ReadsItalianMonthNames) {
  EXPECT_EQ(ParsedDate("12 marzo 2024"), "2024-03-12");
  EXPECT_EQ(ParsedDate("12 mar 2024"), "2024-03-12");
  EXPECT_EQ(ParsedDate("12 mar. 2024"), "2024-03-12");
  EXPECT_EQ(ParsedDate("12 MARZO 2024"), "2024-03-12");
  EXPECT_EQ(ParsedDate("1° aprile 2025"), "2025-04-01");
  EXPECT_EQ(ParsedDate("1º maggio 2025"), "2025-05-01");
  EXPECT_EQ(ParsedDate("1°aprile 2025"), "2025-04-01");
  EXPECT_EQ(ParsedDate("7 sett 2023"), "2023-09-07");
  EXPECT_EQ(ParsedDate("7 set 2023"), "2023-09-07");
  EXPECT_EQ(ParsedDate("25 dic. 24"), "2024-12-25");
  EXPECT_EQ(ParsedDate("3-gen-2025"), "2025-01-03");
  EXPECT_EQ(ParsedDate("29 febbraio 2024"), "2024-02-29");
}

TEST(ItalianDateTest, IgnoresAWeekdayWithOrWithoutItsAccent) {
  EXPECT_EQ(ParsedDate("lunedì 11 marzo 2024"), "2024-03-11");
  EXPECT_EQ(ParsedDate("Lunedì, 11 marzo 2024"), "2024-03-11");
  EXPECT_EQ(ParsedDate("LUNEDÌ 11 MARZO 2024"), "2024-03-11");
  EXPECT_EQ(ParsedDate("venerdi 15 marzo 2024"), "2024-03-15");
  EXPECT_EQ(ParsedDate("domenica 17 marzo 2024"), "2024-03-17");
  EXPECT_EQ(ParsedDate("fattura 17 marzo 2024"), "error: not a date: 'fattura 17 marzo 2024'");
}

TEST(ItalianDateTest, RejectsDatesNotOnTheCalendar) {
  EXPECT_EQ(ParsedDate("31/02/2024"), "error: not a calendar date: 2024-02-31");
  EXPECT_EQ(ParsedDate("29/02/2023"), "error: not a calendar date: 2023-02-29");
  EXPECT_EQ(ParsedDate("29/02/2000"), "2000-02-29");
  EXPECT_EQ(ParsedDate("29/02/1900"), "error: not a calendar date: 1900-02-29");
  EXPECT_EQ(ParsedDate("31 aprile 2024"), "error: not a calendar date: 2024-04-31");
  EXPECT_EQ(ParsedDate("12/13/2024"), "error: not a calendar date: 2024-13-12");
  EXPECT_EQ(ParsedDate("00/01/2024"), "error: not a calendar date: 2024-01-00");
  EXPECT_EQ(ParsedDate("12/03/2207"), "error: year 2207 is out of range 1900..2099");
}

TEST(ItalianDateTest, RejectsWhatIsNotADate) {
  EXPECT_EQ(ParsedDate(""), "error: not a date: ''");
  EXPECT_EQ(ParsedDate("marzo 2024"), "error: not a date: 'marzo 2024'");
  EXPECT_EQ(ParsedDate("12 mrz 2024"), "error: not a date: '12 mrz 2024'");
  EXPECT_EQ(ParsedDate("12 ma 2024"), "error: not a date: '12 ma 2024'");
  EXPECT_EQ(ParsedDate("12/03-2024"), "error: not a date: '12/03-2024'");
  EXPECT_EQ(ParsedDate("12/03/202"), "error: not a date: '12/03/202'");
  EXPECT_EQ(ParsedDate("2026/0417"), "error: not a date: '2026/0417'");
}

// A line of OCR text of any length is asked about without ending the process
// (the regular expressions recurse once per character).
TEST(ItalianDateTest, AVeryLongTextIsNotADateAndDoesNotCrash) {
  EXPECT_EQ(ParsedDate(std::string(1 << 20, '1')),
            "error: not a date: a text of 1048576 bytes is longer than any date");
  EXPECT_EQ(ParsedDate("  mercoledì   31   dicembre   2026  "), "2026-12-31")
      << "odd spacing still fits";
  EXPECT_EQ(ParsedDate(std::string(65, 'a')),
            "error: not a date: a text of 65 bytes is longer than any date");
}

}  // namespace
}  // namespace travet::ocr
