#include <string>

#include "tests/runtime/expr/library_test_support.h"

namespace travet::expr {
namespace {

using ItalianIdsTest = LibraryTest;

TEST_F(ItalianIdsTest, PartitaIvaValidAndNormalised) {
  EXPECT_EQ(Eval("it.partita_iva('IT 0123456789 7')"),
            Value({{"valid", true}, {"value", "01234567897"}}));
}

TEST_F(ItalianIdsTest, PartitaIvaSaysWhichCheckDigitWasExpected) {
  EXPECT_EQ(Eval("it.partita_iva('01234567891')"),
            Value({{"valid", false},
                   {"value", "01234567891"},
                   {"reason", "check digit is 1, expected 7"}}));
}

TEST_F(ItalianIdsTest, CodiceFiscale) {
  EXPECT_EQ(Eval("it.codice_fiscale('rssmra85t10a562s')"),
            Value({{"valid", true}, {"value", "RSSMRA85T10A562S"}}));
  const Value wrong = Eval("it.codice_fiscale('RSSMRA85T10A562T')");
  EXPECT_EQ(wrong["valid"], Value(false));
  EXPECT_EQ(wrong["reason"], Value("check character is T, expected S"));
}

TEST_F(ItalianIdsTest, IbanWithSpaces) {
  EXPECT_EQ(Eval("it.iban('IT60 X054 2811 1010 0000 0123 456')"),
            Value({{"valid", true}, {"value", "IT60X0542811101000000123456"}}));
  EXPECT_EQ(Eval("it.iban('IT61X0542811101000000123456').reason"),
            Value("check digits are 61, expected 60"));
}

TEST_F(ItalianIdsTest, HostileInput) {
  EXPECT_EQ(Eval("it.iban(('9'):rep(1000000)).reason"), Value("longer than 100 characters"));
  EXPECT_EQ(Eval("it.partita_iva('').valid"), Value(false));
  EXPECT_EQ(EvalError("it.iban(nil)"),
            "expression 'it.iban(nil)' failed: bad argument #1 to 'iban' (string expected, got "
            "nil)");
  EXPECT_EQ(EvalError("(function() it.iban = 1 end)()"),
            "expression '(function() it.iban = 1 end)()' failed: the standard library is "
            "read-only");
}

}  // namespace
}  // namespace travet::expr
