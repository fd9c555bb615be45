// Words Tesseract made of specks and of rules, dropped before the text is
// laid out: what goes and what stays.
#include "ocr/recognise/speck_words.h"

#include <gtest/gtest.h>

namespace travet::ocr {
namespace {

Word At(std::string text, float confidence, int width, int x = 0) {
  return Word{std::move(text), confidence, Box{x, 100, width, 20}};
}

TEST(SpeckWordsTest, UnsureMarksAndLoneCharactersAreSpecks) {
  EXPECT_TRUE(IsSpeckWord(At("~", 40, 8)));
  EXPECT_TRUE(IsSpeckWord(At("._", 30, 10)));
  EXPECT_TRUE(IsSpeckWord(At("'|;", 50, 12)));
  EXPECT_TRUE(IsSpeckWord(At("a.", 20, 10)));
  EXPECT_TRUE(IsSpeckWord(At("•", 10, 6)));
  EXPECT_FALSE(IsSpeckWord(At("~", 90, 8)));        // read surely
  EXPECT_FALSE(IsSpeckWord(At("Totale", 40, 60)));  // letters, however unsure
  EXPECT_FALSE(IsSpeckWord(At("città", 40, 50)));   // an accented letter is a letter
}

TEST(SpeckWordsTest, TheTypicalWidthIsTheMedianOfSureWords) {
  const std::vector<Word> words = {At("Fattura", 95, 70), At("numero", 90, 66), At("2024", 92, 36),
                                   At("di", 95, 30),          // too short
                                   At("xxxxxxxx", 20, 400)};  // unsure
  EXPECT_DOUBLE_EQ(TypicalCharacterWidth(words), 10.0);       // 9, 10, 11
  EXPECT_EQ(TypicalCharacterWidth({At("??", 10, 40)}), 0);
}

// A dotted leader read as 20 letters at confidence 0, packed at 4 pixels a
// letter on a page whose text takes 10.
TEST(SpeckWordsTest, ALongPackedWordWithoutConfidenceIsARule) {
  EXPECT_TRUE(IsRuleWord(At("suevonansnngnannonvs", 0, 80), 10));
  EXPECT_FALSE(IsRuleWord(At("suevonansnngnannonvs", 40, 80), 10));  // some confidence
  EXPECT_FALSE(IsRuleWord(At("SIGNATURE(S),", 0, 52), 10));          // 13 characters
  EXPECT_FALSE(IsRuleWord(At("suevonansnngnannonvs", 0, 160), 10));  // as wide as text
  EXPECT_FALSE(IsRuleWord(At("suevonansnngnannonvs", 0, 80), 0));    // nothing to compare
}

TEST(SpeckWordsTest, DroppingKeepsTheOtherWordsInOrder) {
  std::vector<Word> words = {At("Data:", 95, 50, 0), At("~", 30, 8, 60), At("11/12/96", 93, 80, 80),
                             At("sssesosesresssessee", 0, 70, 200), At("Company", 91, 70, 300)};
  DropSpeckWords(words);
  std::vector<std::string> kept;
  kept.reserve(words.size());
  for (const Word& w : words)
    kept.push_back(w.text);
  EXPECT_EQ(kept, (std::vector<std::string>{"Data:", "11/12/96", "Company"}));
}

}  // namespace
}  // namespace travet::ocr
