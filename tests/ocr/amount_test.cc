#include <gtest/gtest.h>

#include <string>

#include "ocr/validators/decimal_amount.h"

namespace travet::ocr {
namespace {

std::string Parsed(std::string_view raw) {
  auto amount = ParseAmount(raw);
  return amount ? amount->ToString() : "error: " + amount.error().message();
}

TEST(AmountTest, ReadsItalianAmounts) {
  EXPECT_EQ(Parsed("1.234,56"), "1234.56");
  EXPECT_EQ(Parsed("€ 1 234,56"), "1234.56");
  EXPECT_EQ(Parsed("€1.464,00"), "1464.00");
  EXPECT_EQ(Parsed("1234,5"), "1234.50");
  EXPECT_EQ(Parsed("-12,00"), "-12.00");
  EXPECT_EQ(Parsed("EUR 1.234,56"), "1234.56");
  EXPECT_EQ(Parsed("1.234,56 euro"), "1234.56");
  EXPECT_EQ(Parsed("1.234.567,89"), "1234567.89");
  EXPECT_EQ(Parsed("0,5"), "0.50");
  EXPECT_EQ(Parsed("264"), "264.00");
}

TEST(AmountTest, ReadsEnglishAmounts) {
  EXPECT_EQ(Parsed("1,234.56"), "1234.56");
  EXPECT_EQ(Parsed("1234.56"), "1234.56");
  EXPECT_EQ(Parsed("1,234,567.8"), "1234567.80");
  EXPECT_EQ(Parsed("$8.20"), "8.20");
  EXPECT_EQ(Parsed("\xC2\xA3 1,234.50"), "1234.50");
  EXPECT_EQ(Parsed("USD 12.00"), "12.00");
}

TEST(AmountTest, ASingleSeparatorBeforeThreeDigitsGroupsThousands) {
  EXPECT_EQ(Parsed("1.234"), "1234.00");
  EXPECT_EQ(Parsed("1,234"), "1234.00");
  EXPECT_EQ(Parsed("12.500"), "12500.00");
  EXPECT_EQ(Parsed("1.23"), "1.23");
  EXPECT_EQ(Parsed("1,2"), "1.20");
}

TEST(AmountTest, ReadsNoBreakSpacesAndTypographicMinus) {
  EXPECT_EQ(Parsed("1\xC2\xA0"
                   "234,56\xC2\xA0\xE2\x82\xAC"),
            "1234.56");
  EXPECT_EQ(Parsed("\xE2\x88\x92"
                   "5,00"),
            "-5.00");
}

TEST(AmountTest, ReadsAccountingNegatives) {
  EXPECT_EQ(Parsed("(1.234,56)"), "-1234.56");
  EXPECT_EQ(Parsed("€ (12,00)"), "-12.00");
  EXPECT_EQ(Parsed("12,00-"), "-12.00");
  EXPECT_EQ(Parsed("+12,00"), "12.00");
  EXPECT_EQ(Parsed("-0,00"), "0.00");
}

TEST(AmountTest, RejectsWhatIsNotAnAmount) {
  EXPECT_EQ(Parsed("abc"), "error: not an amount: 'abc'");
  EXPECT_EQ(Parsed(""), "error: not an amount: ''");
  EXPECT_EQ(Parsed("€"), "error: not an amount: '€'");
  EXPECT_EQ(Parsed("12,"), "error: not an amount: '12,'");
  EXPECT_EQ(Parsed(",50"), "error: not an amount: ',50'");
  EXPECT_EQ(Parsed("12a,00"), "error: not an amount: '12a,00'");
  EXPECT_EQ(Parsed("--12"), "error: more than one sign in '--12'");
  EXPECT_EQ(Parsed("-(12,00)"), "error: more than one sign in '-(12,00)'");
}

TEST(AmountTest, RejectsBadGrouping) {
  EXPECT_EQ(Parsed("1,2,3"), "error: bad digit grouping in '1,2,3'");
  EXPECT_EQ(Parsed("12.34.56,7"), "error: bad digit grouping in '12.34.56,7'");
  EXPECT_EQ(Parsed("1234.567"), "error: bad digit grouping in '1234.567'");
  EXPECT_EQ(Parsed("1.234,5.6"), "error: bad digit grouping in '1.234,5.6'");
  EXPECT_EQ(Parsed("1.2345"), "error: more than 2 decimals in '1.2345'");
  EXPECT_EQ(Parsed("1,234.567"), "error: more than 2 decimals in '1,234.567'");
}

// A dot-matrix receipt's "RM 64 13" lost its decimal point: a space between
// digits is read only as a thousands group of 3.
TEST(AmountTest, ASpaceBetweenDigitsGroupsThousandsOnly) {
  EXPECT_EQ(Parsed("64 13"), "error: bad digit grouping in '64 13'");
  EXPECT_EQ(Parsed("0 02"), "error: bad digit grouping in '0 02'");
  EXPECT_EQ(Parsed("1 2345,00"), "error: bad digit grouping in '1 2345,00'");
  EXPECT_EQ(Parsed("1 234 567,89"), "1234567.89");
  EXPECT_EQ(Parsed("55. 00"), "55.00");
}

TEST(AmountTest, StaysExactForLargeAmounts) {
  EXPECT_EQ(Parsed("999.999.999.999.999,99"), "999999999999999.99");
  EXPECT_EQ(Parsed("0,10"), "0.10");
  EXPECT_EQ(Parsed("1000000000000000"), "error: too many digits in '1000000000000000'");
  EXPECT_EQ(Parsed("000.001,00"), "1.00");
}

TEST(JoinThousandGroupsTest, ChecksGroupSizes) {
  EXPECT_EQ(JoinThousandGroups("1.234.567", '.'), "1234567");
  EXPECT_EQ(JoinThousandGroups("1234", '.'), "1234");
  EXPECT_EQ(JoinThousandGroups("1234.567", '.'), "");
  EXPECT_EQ(JoinThousandGroups("1.23", '.'), "");
  EXPECT_EQ(JoinThousandGroups("1,234", '.'), "");
}

}  // namespace
}  // namespace travet::ocr
