#include "tools/bench/ocr_bench_receipt_truth.h"

#include <gtest/gtest.h>

namespace travet::ocr_bench {
namespace {

TEST(ReceiptTruthTest, DatesAreReadDayFirst) {
  EXPECT_EQ(DateTruth("25/12/2018"), "2018-12-25");
  EXPECT_EQ(DateTruth("5/3/2018"), "2018-03-05");
  EXPECT_EQ(DateTruth("14-03-18"), "2018-03-14");
  EXPECT_EQ(DateTruth("2018-01-05"), "2018-01-05");
}

TEST(ReceiptTruthTest, EnglishMonthNames) {
  EXPECT_EQ(DateTruth("05 MAR 2018"), "2018-03-05");
  EXPECT_EQ(DateTruth("14/JUN/2017"), "2017-06-14");
  EXPECT_EQ(DateTruth("4 January 2017"), "2017-01-04");
  EXPECT_EQ(DateTruth("10 oct 2017"), "2017-10-10");
  EXPECT_EQ(DateTruth("10 XYZ 2017"), "");
  EXPECT_EQ(DateTruth(""), "");
}

TEST(ReceiptTruthTest, AmountsDropTheCurrency) {
  EXPECT_EQ(AmountTruth("9.00"), "9.00");
  EXPECT_EQ(AmountTruth("$8.20"), "8.20");
  EXPECT_EQ(AmountTruth("RM1.00"), "1.00");
  EXPECT_EQ(AmountTruth("1,234.50"), "1234.50");
  EXPECT_EQ(AmountTruth(""), "");
}

TEST(ReceiptTruthTest, KeepsDateTotalAndCompanyThatNormalise) {
  const auto truths = ReceiptTruths(
      {{"company", "AEON CO. (M) BHD"}, {"date", "09/03/2018"}, {"total", ""}, {"address", "X"}});
  const std::map<std::string, std::string> expected = {{"company", "AEON CO. (M) BHD"},
                                                       {"date", "2018-03-09"}};
  EXPECT_EQ(truths, expected);
}

}  // namespace
}  // namespace travet::ocr_bench
