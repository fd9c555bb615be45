// Lines one reading of a page missed and another read surely: which are
// taken, where they go, and what the page's text and confidence become.
#include "ocr/recognise/missed_lines.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/ocr/reading_words.h"

namespace travet::ocr {
namespace {

using testing::OnRow;
using testing::ReadingOf;

// A receipt read in one block that dropped its TOTAL, printed large between
// the body and the footer, and a reading of its layout that kept it.
PageResult BodyWithoutTotal() {
  return ReadingOf({OnRow("Tiger", 90, 10, 100, 1), OnRow("Bucket", 90, 90, 100, 1),
                    OnRow("55.00", 92, 300, 100, 1), OnRow("Thank", 88, 10, 300, 2),
                    OnRow("you", 88, 90, 300, 2)});
}

TEST(MissedLinesTest, ALineOnlyTheOtherReadingHasGoesInWhereItLies) {
  PageResult kept = BodyWithoutTotal();
  const PageResult other =
      ReadingOf({OnRow("Tiger", 80, 12, 102, 7), OnRow("Bucket", 70, 92, 101, 7),
                 OnRow("TOTAL", 95, 10, 200, 8), OnRow("64.15", 93, 300, 200, 8)});
  AddMissedLines(kept, other, 85);
  EXPECT_EQ(kept.text, "Tiger Bucket 55.00\nTOTAL 64.15\nThank you\n");
  ASSERT_EQ(kept.words.size(), 7u);
  EXPECT_EQ(kept.words[3].text, "TOTAL");
  EXPECT_EQ(kept.words[3].box.y, 200);  // where the other reading found it
  EXPECT_FLOAT_EQ(kept.confidence, (90 + 90 + 92 + 95 + 93 + 88 + 88) / 7.0f);
}

TEST(MissedLinesTest, ALineBelowEveryKeptLineGoesLast) {
  PageResult kept = BodyWithoutTotal();
  AddMissedLines(kept,
                 ReadingOf({OnRow("CHANGE", 90, 10, 500, 3), OnRow("35.85", 90, 300, 500, 3)}), 85);
  EXPECT_EQ(kept.text, "Tiger Bucket 55.00\nThank you\nCHANGE 35.85\n");
}

TEST(MissedLinesTest, AnUnsureLineIsNotTaken) {
  PageResult kept = BodyWithoutTotal();
  const std::string before = kept.text;
  AddMissedLines(kept, ReadingOf({OnRow("TOTAL", 95, 10, 200, 8), OnRow("6a.l5", 60, 300, 200, 8)}),
                 85);
  EXPECT_EQ(kept.words.size(), 5u);  // mean 77.5
  EXPECT_EQ(kept.text, before);
}

// A line that touches a word the kept reading has is a second reading of
// text already there, however surely read: taking it would say it twice.
TEST(MissedLinesTest, ALineOverlappingAKeptWordIsNotTaken) {
  PageResult kept = BodyWithoutTotal();
  AddMissedLines(kept, ReadingOf({OnRow("Bucket55.00", 96, 150, 105, 4)}), 85);
  EXPECT_EQ(kept.words.size(), 5u);
}

TEST(MissedLinesTest, TwoMissedLinesKeepTheirOrderAndAreNotMerged) {
  PageResult kept = BodyWithoutTotal();
  AddMissedLines(kept,
                 ReadingOf({OnRow("TOTAL", 95, 10, 180, 8), OnRow("64.15", 95, 300, 180, 8),
                            OnRow("CASH", 95, 10, 230, 9), OnRow("100.00", 95, 300, 230, 9)}),
                 85);
  EXPECT_EQ(kept.text, "Tiger Bucket 55.00\nTOTAL 64.15\nCASH 100.00\nThank you\n");
}

TEST(MissedLinesTest, AnEmptyReadingTakesEveryLineOfTheOther) {
  PageResult kept;
  AddMissedLines(kept, BodyWithoutTotal(), 85);
  EXPECT_EQ(kept.text, "Tiger Bucket 55.00\nThank you\n");
}

}  // namespace
}  // namespace travet::ocr
