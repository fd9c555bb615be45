#include "tools/bench/ocr_bench_real_set.h"

#include <gtest/gtest.h>

namespace travet::ocr_bench {
namespace {

TextBox Box(double left, double centre_y, std::string text, double height = 10) {
  return {left, centre_y, height, std::move(text)};
}

TEST(ReferenceLinesTest, JoinsBoxesOfALineLeftToRightAndLinesTopToBottom) {
  EXPECT_EQ(ReferenceLines({Box(100, 12, "WORLD"), Box(0, 40, "NEXT"), Box(0, 10, "HELLO")}),
            "HELLO WORLD\nNEXT");
}

TEST(ReferenceLinesTest, ABoxJoinsWithinHalfTheMedianHeight) {
  // Median height 10: a centre 5 below the line's first box joins it, 6 does not.
  EXPECT_EQ(ReferenceLines({Box(0, 10, "A"), Box(50, 15, "B")}), "A B");
  EXPECT_EQ(ReferenceLines({Box(0, 10, "A"), Box(50, 16, "B")}), "A\nB");
}

TEST(ReferenceLinesTest, DistanceIsMeasuredFromTheLinesFirstBox) {
  // C is 4 below B but 8 below A, which opened the line.
  EXPECT_EQ(ReferenceLines({Box(0, 10, "A"), Box(50, 14, "B"), Box(100, 18, "C")}), "A B\nC");
}

TEST(ReferenceLinesTest, MedianHeightIsOfTheWholePage) {
  // One tall box does not move the median of three: 10, reach 5.
  EXPECT_EQ(ReferenceLines({Box(0, 10, "A"), Box(50, 17, "B"), Box(0, 60, "C", 80)}), "A\nB\nC");
  // With a median of 20 (reach 10) the same two boxes share a line.
  EXPECT_EQ(ReferenceLines({Box(0, 10, "A", 20), Box(50, 17, "B", 20), Box(0, 60, "C")}), "A B\nC");
}

TEST(ReferenceLinesTest, BlankBoxesAreLeftOutAlsoOfTheMedian) {
  EXPECT_EQ(ReferenceLines({Box(0, 10, "A"), Box(50, 17, "B"), Box(9, 12, " ", 100),
                            Box(9, 13, "", 100), Box(9, 14, "\t", 100)}),
            "A\nB");
  EXPECT_EQ(ReferenceLines({}), "");
  EXPECT_EQ(ReferenceLines({Box(0, 0, " ")}), "");
}

TEST(ParseReceiptBoxesTest, TranscriptIsEverythingAfterTheEighthComma) {
  auto boxes = ParseReceiptBoxes(
      "72,25,326,25,326,64,72,64,NO.53 55,57 & 59, JALAN\r\n\n50,82,440,82,440,121,50,121,X\n");
  ASSERT_TRUE(boxes) << boxes.error().message();
  ASSERT_EQ(boxes->size(), 2u);
  EXPECT_EQ((*boxes)[0].text, "NO.53 55,57 & 59, JALAN");
  EXPECT_EQ((*boxes)[0].left, 72);
  EXPECT_EQ((*boxes)[0].centre_y, 44.5);
  EXPECT_EQ((*boxes)[0].height, 39);
  EXPECT_EQ((*boxes)[1].text, "X");
}

TEST(ParseReceiptBoxesTest, ARowWithoutEightCoordinatesIsAnError) {
  auto boxes = ParseReceiptBoxes("1,2,3,4,5,6,7,8,OK\n\n1,2,3,TOTAL 9.00\n");
  ASSERT_FALSE(boxes);
  EXPECT_EQ(boxes.error().message(), "line 3: expected 8 coordinates and a transcript");
  EXPECT_FALSE(ParseReceiptBoxes("1,2,3,4,5,6,7,x,TOTAL\n"));
}

TEST(ParseFormBoxesTest, TakesTheWordsOfEveryEntity) {
  auto boxes = ParseFormBoxes(R"({"form": [
      {"text": "DATE: 1/2", "box": [0, 0, 90, 20], "words": [
          {"text": "DATE:", "box": [0, 0, 40, 20]}, {"text": "1/2", "box": [50, 2, 90, 22]}]},
      {"text": "", "words": []}]})");
  ASSERT_TRUE(boxes) << boxes.error().message();
  ASSERT_EQ(boxes->size(), 2u);
  EXPECT_EQ((*boxes)[1].text, "1/2");
  EXPECT_EQ((*boxes)[1].left, 50);
  EXPECT_EQ((*boxes)[1].centre_y, 12);
  EXPECT_EQ((*boxes)[1].height, 20);
  EXPECT_EQ(ReferenceLines(std::move(*boxes)), "DATE: 1/2");
}

TEST(ParseFormBoxesTest, ErrorsNameTheEntityAndWord) {
  auto bad = ParseFormBoxes(
      R"({"form": [{"words": [{"text": "A", "box": [0, 0, 1, 1]}, {"text": "B", "box": [0]}]}]})");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().message(), "entity 1, word 2: box is not [x0, y0, x1, y1]");
  auto not_form = ParseFormBoxes(R"([1, 2])");
  ASSERT_FALSE(not_form);
  EXPECT_EQ(not_form.error().message(), "not a JSON object with a \"form\" array");
}

}  // namespace
}  // namespace travet::ocr_bench
