#include <string>

#include "tests/runtime/expr/library_test_support.h"

namespace travet::expr {
namespace {

using TextLibraryTest = LibraryTest;

TEST_F(TextLibraryTest, Squash) {
  EXPECT_EQ(Eval("text.squash('  Via\\tRoma \\n\\n 12\\u{A0}bis  ')"), Value("Via Roma 12 bis"));
  EXPECT_EQ(Eval("text.squash('   ')"), Value(""));
}

TEST_F(TextLibraryTest, StripAccents) {
  EXPECT_EQ(Eval("text.strip_accents('Perché più città, Ñandú, Straße, Æsir, €')"),
            Value("Perche piu citta, Nandu, Strasse, AEsir, €"));
}

TEST_F(TextLibraryTest, Similarity) {
  EXPECT_EQ(Eval("text.similarity('ROSSI', 'ROSSI')"), Value(1));
  EXPECT_EQ(Eval("text.similarity('', '')"), Value(1));
  EXPECT_EQ(Eval("text.similarity('abcd', 'abed')"), Value(0.75));
  EXPECT_EQ(Eval("text.similarity('città', 'citta')"), Value(0.8));
  EXPECT_EQ(Eval("text.similarity('abc', '')"), Value(0));
  EXPECT_EQ(Eval("text.similarity('ROSSI', 'ROSSO')"), Value(0.8));
}

TEST_F(TextLibraryTest, Errors) {
  EXPECT_EQ(EvalError("text.similarity(('a'):rep(2001), 'a')"),
            "expression 'text.similarity(('a'):rep(2001), 'a')' failed: text.similarity: texts "
            "longer than 2000 characters");
  EXPECT_EQ(EvalError("text.squash('\\xff')"),
            "expression 'text.squash('\\xff')' failed: text.squash: invalid UTF-8");
  EXPECT_EQ(EvalError("text.strip_accents()"),
            "expression 'text.strip_accents()' failed: bad argument #1 to 'strip_accents' "
            "(string expected, got no value)");
}

}  // namespace
}  // namespace travet::expr
