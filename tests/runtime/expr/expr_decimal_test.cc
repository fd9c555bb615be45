#include <string>

#include "runtime/expr/decimal.h"
#include "tests/runtime/expr/library_test_support.h"

namespace travet::expr {
namespace {

using DecimalLibraryTest = LibraryTest;

TEST_F(DecimalLibraryTest, SumsAreExact) {
  EXPECT_EQ(Eval("decimal(0.1) + decimal(0.2) == decimal('0.3')"), Value(true));
  EXPECT_EQ(Eval("decimal(8.3) + 0"), Value("8.3"));
  EXPECT_EQ(Eval("decimal('1.234,56', 'it') - decimal('1,000.06', 'en')"), Value("234.50"));
  EXPECT_EQ(Eval("decimal(12) * decimal('0.22')"), Value("2.64"));
  EXPECT_EQ(Eval("-decimal('1.5')"), Value("-1.5"));
  EXPECT_EQ(Eval("decimal('1.234,56', 'it') + decimal(0.1)"), Value("1234.66"));
  EXPECT_EQ(Eval("decimal('0.10') + '0.20' + 1"), Value("1.30"));
  EXPECT_EQ(Eval("decimal('0.1234567891') * decimal('0.1234567891')"),
            Value("0.015241578774881879"));
}

TEST_F(DecimalLibraryTest, Rounding) {
  EXPECT_EQ(Eval("decimal('2.345'):round(2)"), Value("2.35"));
  EXPECT_EQ(Eval("decimal('-2.345'):round(2)"), Value("-2.35"));
  EXPECT_EQ(Eval("decimal('2.345'):round(2, 'half_even')"), Value("2.34"));
  EXPECT_EQ(Eval("decimal('2.355'):round(2, 'half_even')"), Value("2.36"));
  EXPECT_EQ(Eval("decimal('2.349'):round(2, 'down')"), Value("2.34"));
  EXPECT_EQ(Eval("decimal('2.341'):round(2, 'up')"), Value("2.35"));
  EXPECT_EQ(Eval("decimal('1.5'):round(2)"), Value("1.50"));
}

TEST_F(DecimalLibraryTest, Division) {
  EXPECT_EQ(Eval("decimal(1) / 3"), Value("0.3333333333"));
  EXPECT_EQ(Eval("decimal(2) / 3"), Value("0.6666666667"));
  EXPECT_EQ(Eval("decimal(100):div(3, 2)"), Value("33.33"));
  EXPECT_EQ(Eval("decimal(-100):div(3, 0, 'up')"), Value("-34"));
  EXPECT_EQ(Eval("decimal('0.5'):div(decimal('0.25'), 1)"), Value("2.0"));
}

TEST_F(DecimalLibraryTest, FormatAndCompare) {
  EXPECT_EQ(Eval("decimal('-1234567.5'):round(2):format('it')"), Value("-1.234.567,50"));
  EXPECT_EQ(Eval("decimal('1234.56'):format('en')"), Value("1,234.56"));
  EXPECT_EQ(Eval("decimal('999.5'):format()"), Value("999,5"));
  EXPECT_EQ(Eval("decimal('1.50') == decimal('1.5')"), Value(true));
  EXPECT_EQ(Eval("decimal('1.5') < 2 and 1 <= decimal('1.0')"), Value(true));
  EXPECT_EQ(Eval("tostring(decimal('0.050'))"), Value("0.050"));
  EXPECT_EQ(Eval("'Totale: ' .. decimal('12.50') .. ' euro'"), Value("Totale: 12.50 euro"));
  EXPECT_EQ(Eval("decimal('8.3'):tonumber()"), Value(8.3));
}

TEST_F(DecimalLibraryTest, Errors) {
  EXPECT_EQ(EvalError("decimal(1) / 0"), "expression 'decimal(1) / 0' failed: division by zero");
  EXPECT_EQ(EvalError("decimal('12a')"),
            "expression 'decimal('12a')' failed: not a decimal number: '12a'");
  EXPECT_EQ(EvalError("decimal('1.234,5', 'fr')"),
            "expression 'decimal('1.234,5', 'fr')' failed: unknown locale 'fr' (use \"it\" or "
            "\"en\")");
  EXPECT_EQ(Eval("decimal('1234,5', 'it')"), Value("1234.5"));
  EXPECT_EQ(EvalError("decimal('12.34,5', 'it')"),
            "expression 'decimal('12.34,5', 'it')' failed: not a decimal number: '12.34,5'");
  EXPECT_EQ(EvalError("decimal('1.234,56')"),
            "expression 'decimal('1.234,56')' failed: not a decimal number: '1.234,56'");
  EXPECT_EQ(EvalError("decimal(('9'):rep(37))"),
            "expression 'decimal(('9'):rep(37))' failed: decimal overflow: more than 36 digits");
  EXPECT_EQ(EvalError("decimal(('9'):rep(36)) + 1"),
            "expression 'decimal(('9'):rep(36)) + 1' failed: decimal overflow: more than 36 "
            "digits");
  EXPECT_EQ(EvalError("decimal(('9'):rep(30)) * decimal(('9'):rep(30))"),
            "expression 'decimal(('9'):rep(30)) * decimal(('9'):rep(30))' failed: decimal "
            "overflow: more than 36 digits");
  EXPECT_EQ(EvalError("decimal(1):round(2, 'bankers')"),
            "expression 'decimal(1):round(2, 'bankers')' failed: unknown rounding mode "
            "'bankers' (use \"half_up\", \"half_even\", \"down\" or \"up\")");
  EXPECT_EQ(EvalError("decimal(1):div(3, 40)"),
            "expression 'decimal(1):div(3, 40)' failed: decimal places must be 0..18, not 40");
  EXPECT_EQ(EvalError("decimal(('x'):rep(1000000))"),
            "expression 'decimal(('x'):rep(1000000))' failed: not a decimal number: '" +
                std::string(40, 'x') + "...'");
  EXPECT_EQ(EvalError("decimal(('1'):rep(1000000))"),
            "expression 'decimal(('1'):rep(1000000))' failed: decimal overflow: more than 36 "
            "digits");
  EXPECT_EQ(EvalError("decimal(0/0)"), "expression 'decimal(0/0)' failed: not a finite number");
  EXPECT_EQ(EvalError("decimal({})"),
            "expression 'decimal({})' failed: bad argument #1 to 'decimal' (decimal, number or "
            "string expected, got table)");
}

TEST_F(DecimalLibraryTest, TemplatesAndScriptsSeeTheExactText) {
  Result<Value> rendered = evaluator_.Render(
      Value("Totale ${{ decimal(8.2) + decimal(0.1) }} euro, ${{ (decimal(1) / 8):format('it') }}"),
      scope_);
  ASSERT_TRUE(rendered.has_value()) << rendered.error().message();
  EXPECT_EQ(*rendered, Value("Totale 8.3 euro, 0,1250000000"));
  EXPECT_EQ(Run("local total = decimal(0) "
                "for _, price in ipairs({'0.10', '0.20', '7.99'}) do total = total + price end "
                "return {total = total, big = total > 8}"),
            Value({{"big", true}, {"total", "8.29"}}));
}

TEST(DecimalTest, ParsesAndPrintsExactly) {
  Decimal value;
  std::string error;
  ASSERT_TRUE(ParseDecimal(" -0,05 ", "it", &value, &error)) << error;
  EXPECT_EQ(value.ToString(), "-0.05");
  ASSERT_TRUE(ParseDecimal("1,234,567.891", "en", &value, &error)) << error;
  EXPECT_EQ(value.ToString(), "1234567.891");
  EXPECT_FALSE(ParseDecimal("1,23,4", "en", &value, &error));
  EXPECT_EQ(error, "not a decimal number: '1,23,4'");
  EXPECT_FALSE(ParseDecimal("0.1234567890123456789", "", &value, &error));
  EXPECT_EQ(error, "more than 18 decimal places");
}

}  // namespace
}  // namespace travet::expr
