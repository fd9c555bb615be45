// The one UTF-8 check every reader uses (files, CSV rows, Lua strings), and
// the ASCII lower case of protocol names.
#include "runtime/core/utf8.h"

#include <gtest/gtest.h>

#include "runtime/core/ascii.h"

namespace travet {
namespace {

TEST(Utf8Test, FindsTheFirstByteThatIsNotWellFormed) {
  EXPECT_EQ(InvalidUtf8Offset("perché € 𝄞"), std::string_view::npos);
  EXPECT_EQ(InvalidUtf8Offset("ok\x80"), 2u);               // a stray continuation byte
  EXPECT_EQ(InvalidUtf8Offset("a\xC0\xAF"), 1u);            // overlong '/'
  EXPECT_EQ(InvalidUtf8Offset("ab\xED\xA0\x80"), 2u);       // a surrogate, U+D800
  EXPECT_EQ(InvalidUtf8Offset("\xF4\x90\x80\x80"), 0u);     // past U+10FFFF
  EXPECT_EQ(InvalidUtf8Offset("abc\xE2\x82"), 3u);          // cut short
  EXPECT_EQ(InvalidUtf8Offset("perch\xE9 (Latin-1)"), 5u);  // the usual culprit
  EXPECT_TRUE(IsValidUtf8(""));
  EXPECT_FALSE(IsValidUtf8("\xFF"));
}

TEST(Utf8Test, ABomIsDroppedOnlyAtTheStart) {
  EXPECT_EQ(WithoutBom("\xEF\xBB\xBFnome"), "nome");
  EXPECT_EQ(WithoutBom("nome\xEF\xBB\xBF"), "nome\xEF\xBB\xBF");
}

TEST(Utf8Test, TextForAMessageIsValidAndCutAtACharacter) {
  EXPECT_EQ(ForMessage("a\xFF"
                       "b"),
            "a?b");
  EXPECT_EQ(ForMessage("perché perché", 10), "perché...");  // not inside the é
  EXPECT_EQ(ForMessage("short", 80), "short");
}

TEST(AsciiLowerTest, LowersOnlyAsciiLetters) {
  EXPECT_EQ(AsciiLower("Content-Type: Application/JSON"), "content-type: application/json");
  EXPECT_EQ(AsciiLower("PERCHÉ"), "perchÉ");
}

}  // namespace
}  // namespace travet
