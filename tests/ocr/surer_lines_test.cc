// Lines of a page's kept reading replaced by another reading's surer words
// on the same line: when, by which reading, and what the page becomes.
#include "ocr/recognise/surer_lines.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/ocr/reading_words.h"

namespace travet::ocr {
namespace {

using testing::OnRow;
using testing::ReadingOf;

// A receipt read in one block whose price line came out unsure.
PageResult KeptReceipt() {
  return ReadingOf({OnRow("Tiger", 90, 10, 100, 1), OnRow("Bucket", 90, 90, 100, 1),
                    OnRow("5S.OO", 40, 300, 100, 1), OnRow("TOTAL", 60, 10, 200, 2),
                    OnRow("64.l5", 50, 300, 200, 2)});
}

TEST(SurerLinesTest, ALineReadMoreSurelyElsewhereReplacesTheKeptOne) {
  PageResult kept = KeptReceipt();
  // The other reading found the total in two blocks, right column first.
  const PageResult other =
      ReadingOf({OnRow("64.15", 93, 301, 202, 9), OnRow("TOTAL", 95, 11, 201, 8),
                 OnRow("Tiger", 50, 10, 101, 7)});
  EXPECT_TRUE(TakeSurerLines(kept, {other}));
  EXPECT_EQ(kept.text, "Tiger Bucket 5S.OO\nTOTAL 64.15\n");
  ASSERT_EQ(kept.words.size(), 5u);
  EXPECT_EQ(kept.words[3].line, 2) << "the words take the kept line's place and ids";
  EXPECT_EQ(kept.words[4].box.x, 301);
  EXPECT_FLOAT_EQ(kept.confidence, (90 + 90 + 40 + 95 + 93) / 5.0f);
}

TEST(SurerLinesTest, AReadingOnlyALittleSurerDoesNotReplace) {
  PageResult kept = KeptReceipt();
  const std::string before = kept.text;
  // 5 points surer than the line's length-weighted 55: under the margin.
  EXPECT_FALSE(TakeSurerLines(
      kept, {ReadingOf({OnRow("TOTAL", 60, 10, 200, 4), OnRow("64.15", 60, 300, 200, 4)})}));
  EXPECT_EQ(kept.text, before);
}

TEST(SurerLinesTest, ASurerReadingOfPartOfTheLineDoesNotReplaceIt) {
  PageResult kept = KeptReceipt();
  const std::string before = kept.text;
  // Sure of the price alone: half the line's characters.
  EXPECT_FALSE(TakeSurerLines(kept, {ReadingOf({OnRow("64.15", 96, 300, 200, 4)})}));
  EXPECT_EQ(kept.text, before);
}

TEST(SurerLinesTest, AWordMostlyOffTheLineIsNotOnIt) {
  PageResult kept = KeptReceipt();
  const std::string before = kept.text;
  // 14 of these words' 20 pixels lie below the total's line.
  EXPECT_FALSE(TakeSurerLines(
      kept, {ReadingOf({OnRow("TOTAL", 95, 10, 214, 4), OnRow("64.15", 95, 300, 214, 4)})}));
  EXPECT_EQ(kept.text, before);
}

TEST(SurerLinesTest, OfTwoSurerReadingsTheSurestWins) {
  PageResult kept = KeptReceipt();
  const PageResult surer =
      ReadingOf({OnRow("TOTAL", 80, 10, 200, 4), OnRow("64.16", 80, 300, 200, 4)});
  const PageResult surest =
      ReadingOf({OnRow("TOTAL", 97, 10, 200, 4), OnRow("64.15", 96, 300, 200, 4)});
  EXPECT_TRUE(TakeSurerLines(kept, {surer, surest}));
  EXPECT_EQ(kept.text, "Tiger Bucket 5S.OO\nTOTAL 64.15\n");
}

TEST(SurerLinesTest, NoOtherReadingChangesNothing) {
  PageResult kept = KeptReceipt();
  kept.text = "as read";
  EXPECT_FALSE(TakeSurerLines(kept, {}));
  EXPECT_FALSE(TakeSurerLines(kept, {ReadingOf({})}));
  EXPECT_EQ(kept.text, "as read");
  EXPECT_EQ(kept.words.size(), 5u);
}

}  // namespace
}  // namespace travet::ocr
