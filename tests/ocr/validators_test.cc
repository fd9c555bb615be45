#include "ocr/validators/validators.h"

#include <gtest/gtest.h>

#include "ocr/validators/check_digits.h"

namespace travet::ocr {
namespace {

// The check digits in these tests were computed by hand with the published
// algorithms (and cross-checked with an independent script), not by the code
// under test.

TEST(FieldTypeTest, NamesRoundTrip) {
  for (auto name : {"text", "date", "amount", "partita_iva", "codice_fiscale", "iban", "cap",
                    "email", "integer"}) {
    auto type = ParseFieldType(name);
    ASSERT_TRUE(type.has_value()) << name;
    EXPECT_EQ(FieldTypeName(*type), name);
  }
  EXPECT_FALSE(ParseFieldType("amout").has_value());
  EXPECT_FALSE(ParseFieldType("Amount").has_value());
}

TEST(PartitaIvaTest, AcceptsPublicExamples) {
  for (auto number : {"01234567897", "07643520567", "00743110157", "12345678903"}) {
    Verdict verdict = ValidateField(FieldType::kPartitaIva, number);
    EXPECT_TRUE(verdict.valid) << number << ": " << verdict.message;
    EXPECT_TRUE(verdict.checksum);
    EXPECT_FALSE(verdict.corrected);
    EXPECT_EQ(verdict.value, number);
  }
}

TEST(PartitaIvaTest, DropsItPrefixAndSpaces) {
  Verdict verdict = ValidateField(FieldType::kPartitaIva, " IT 0764 3520 567 ");
  EXPECT_TRUE(verdict.valid) << verdict.message;
  EXPECT_EQ(verdict.value, "07643520567");
  EXPECT_TRUE(ValidateField(FieldType::kPartitaIva, "it07643520567").valid);
}

TEST(PartitaIvaTest, ReportsTheWrongCheckDigit) {
  Verdict verdict = ValidateField(FieldType::kPartitaIva, "12345678907");
  EXPECT_FALSE(verdict.valid);
  EXPECT_FALSE(verdict.checksum);
  EXPECT_EQ(verdict.message, "check digit is 7, expected 3");
  EXPECT_EQ(verdict.value, "12345678907");
  EXPECT_EQ(ValidateField(FieldType::kPartitaIva, "01234567890").message,
            "check digit is 0, expected 7");
}

TEST(PartitaIvaTest, CatchesASwappedPairOfDigits) {
  EXPECT_EQ(ValidateField(FieldType::kPartitaIva, "07643250567").message,
            "check digit is 7, expected 1");
}

TEST(PartitaIvaTest, RejectsWrongLengthLettersAndZeros) {
  EXPECT_EQ(ValidateField(FieldType::kPartitaIva, "0123456789").message,
            "has 10 digits, expected 11");
  EXPECT_EQ(ValidateField(FieldType::kPartitaIva, "ABCDEFGHIJK").message,
            "not a partita IVA: 'ABCDEFGHIJK'");
  EXPECT_EQ(ValidateField(FieldType::kPartitaIva, "00000000000").message,
            "a partita IVA of all zeros");
  EXPECT_EQ(ValidateField(FieldType::kPartitaIva, "").message, "has 0 digits, expected 11");
}

TEST(PartitaIvaTest, ReadsLookAlikeLettersAsDigitsAndSaysSo) {
  Verdict verdict = ValidateField(FieldType::kPartitaIva, "O l234S6789B");
  EXPECT_FALSE(verdict.valid);  // 01234567898: the B is really a misread 7
  EXPECT_EQ(verdict.value, "01234567898");
  EXPECT_TRUE(verdict.corrected);
  EXPECT_EQ(verdict.message, "check digit is 8, expected 7");

  verdict = ValidateField(FieldType::kPartitaIva, "O7643S2O567");
  EXPECT_TRUE(verdict.valid) << verdict.message;
  EXPECT_EQ(verdict.value, "07643520567");
  EXPECT_TRUE(verdict.corrected);
}

TEST(CodiceFiscaleTest, AcceptsTheWellKnownExample) {
  Verdict verdict = ValidateField(FieldType::kCodiceFiscale, "rssmra85t10a562s");
  EXPECT_TRUE(verdict.valid) << verdict.message;
  EXPECT_TRUE(verdict.checksum);
  EXPECT_EQ(verdict.value, "RSSMRA85T10A562S");
  EXPECT_EQ(CodiceFiscaleCheckChar("RSSMRA85T10A562"), 'S');
}

TEST(CodiceFiscaleTest, AcceptsOmocodiaAndKeepsTheLetters) {
  // 2 -> N in the last digit position; then every digit replaced. The check
  // character is recomputed on the letters, as the Agenzia delle Entrate does.
  for (auto code : {"RSSMRA85T10A56NH", "RSSMRAURTMLARSNL", "RSSMRA85T10ARSNO"}) {
    Verdict verdict = ValidateField(FieldType::kCodiceFiscale, code);
    EXPECT_TRUE(verdict.valid) << code << ": " << verdict.message;
    EXPECT_EQ(verdict.value, code);
  }
}

// Measured on the scangen corpus: a check character "O" read as "0".
TEST(CodiceFiscaleTest, ReadsADigitWhereALetterMustBeAsItsLookAlike) {
  Verdict verdict = ValidateField(FieldType::kCodiceFiscale, "BRBGLI59E71A8590");
  EXPECT_TRUE(verdict.valid) << verdict.message;
  EXPECT_EQ(verdict.value, "BRBGLI59E71A859O");
  EXPECT_TRUE(verdict.checksum);
  EXPECT_TRUE(verdict.corrected);
}

TEST(CodiceFiscaleTest, ReportsTheWrongCheckCharacter) {
  EXPECT_EQ(ValidateField(FieldType::kCodiceFiscale, "RSSMRA85T10A562X").message,
            "check character is X, expected S");
  EXPECT_EQ(ValidateField(FieldType::kCodiceFiscale, "RSSMRA85T10A56NS").message,
            "check character is S, expected H");
}

TEST(CodiceFiscaleTest, RejectsBadLayouts) {
  EXPECT_EQ(ValidateField(FieldType::kCodiceFiscale, "RSSMRA85T10A562").message,
            "has 15 characters, expected 16 (or 11 digits for a company)");
  EXPECT_EQ(ValidateField(FieldType::kCodiceFiscale, "RSSMRA8OT10A562S").message,
            "character 8 is 'O', expected a digit");
  EXPECT_EQ(ValidateField(FieldType::kCodiceFiscale, "RSS1RA85T10A562S").message,
            "character 4 is '1', expected a letter");
  EXPECT_EQ(ValidateField(FieldType::kCodiceFiscale, "RSSMRA85Z10A562S").message,
            "month letter 'Z' is not one of ABCDEHLMPRST");
  EXPECT_EQ(ValidateField(FieldType::kCodiceFiscale, "RSSMRA85T35A562S").message,
            "day 35 is not 1..31 or 41..71");
}

TEST(CodiceFiscaleTest, AcceptsACompanyNumberAsAPartitaIva) {
  Verdict verdict = ValidateField(FieldType::kCodiceFiscale, "07643520567");
  EXPECT_TRUE(verdict.valid) << verdict.message;
  EXPECT_TRUE(verdict.checksum);
  EXPECT_EQ(ValidateField(FieldType::kCodiceFiscale, "07643520560").message,
            "check digit is 0, expected 7");
}

TEST(IbanTest, AcceptsPublicExamples) {
  for (auto iban :
       {"IT60X0542811101000000123456", "GB82WEST12345698765432", "DE89370400440532013000"}) {
    Verdict verdict = ValidateField(FieldType::kIban, iban);
    EXPECT_TRUE(verdict.valid) << iban << ": " << verdict.message;
    EXPECT_TRUE(verdict.checksum);
    EXPECT_EQ(verdict.value, iban);
  }
}

TEST(IbanTest, NormalisesSpacesAndCase) {
  Verdict verdict = ValidateField(FieldType::kIban, "it60 x054 2811 1010 0000 0123 456");
  EXPECT_TRUE(verdict.valid) << verdict.message;
  EXPECT_EQ(verdict.value, "IT60X0542811101000000123456");
}

TEST(IbanTest, ReportsTheExpectedCheckDigits) {
  Verdict verdict = ValidateField(FieldType::kIban, "IT60X0542811101000000123457");
  EXPECT_FALSE(verdict.valid);
  EXPECT_FALSE(verdict.checksum);
  EXPECT_EQ(verdict.message, "check digits are 60, expected 33");
  EXPECT_EQ(ValidateField(FieldType::kIban, "GB83WEST12345698765432").message,
            "check digits are 83, expected 82");
}

TEST(IbanTest, ChecksTheItalianCin) {
  // Same BBAN with another CIN letter and the check digits recomputed for it,
  // so only the CIN is wrong.
  EXPECT_EQ(ValidateField(FieldType::kIban, "IT64Y0542811101000000123456").message,
            "CIN is Y, expected X");
}

// Measured on the scangen corpus: a serif CIN "I" read as "1".
TEST(IbanTest, ReadsADigitInTheCinAsItsLookAlikeLetterWhenTheCheckHolds) {
  Verdict verdict = ValidateField(FieldType::kIban, "IT25 1020 0832 2133 1365 1259 330");
  EXPECT_TRUE(verdict.valid);
  EXPECT_EQ(verdict.value, "IT25I0200832213313651259330");
  EXPECT_TRUE(verdict.checksum);
  EXPECT_TRUE(verdict.corrected);
  Verdict wrong = ValidateField(FieldType::kIban, "IT25 1020 0832 2133 1365 1259 331");
  EXPECT_FALSE(wrong.valid);
  EXPECT_FALSE(wrong.corrected);
}

TEST(IbanTest, ReadsALetterInTheBankCodeAsItsLookAlikeDigit) {
  Verdict verdict = ValidateField(FieldType::kIban, "IT04 HO76 0172 5343 4190 8563 397");
  EXPECT_TRUE(verdict.valid) << verdict.message;
  EXPECT_EQ(verdict.value, "IT04H0760172534341908563397");
  EXPECT_TRUE(verdict.corrected);
}

TEST(IbanTest, RejectsWrongLengthsAndLayouts) {
  EXPECT_EQ(ValidateField(FieldType::kIban, "IT60X054281110100000012345").message,
            "IT IBAN has 26 characters, expected 27");
  // Kosovo is not in the table: any length from 15 to 34 will do.
  EXPECT_TRUE(ValidateField(FieldType::kIban, "XK051212012345678906").valid);
  EXPECT_EQ(ValidateField(FieldType::kIban, "ZZ12345").message,
            "IBAN has 7 characters, expected 15..34");
  EXPECT_EQ(ValidateField(FieldType::kIban, "1234567890123456").message,
            "does not start with a country code and 2 check digits");
  EXPECT_EQ(ValidateField(FieldType::kIban, "IT60X05428111010000001234-6").message,
            "'-' is not a letter or a digit");
}

TEST(CapTest, AcceptsFiveDigits) {
  EXPECT_TRUE(ValidateField(FieldType::kCap, "10121").valid);
  Verdict verdict = ValidateField(FieldType::kCap, "2O121");
  EXPECT_TRUE(verdict.valid);
  EXPECT_EQ(verdict.value, "20121");
  EXPECT_TRUE(verdict.corrected);
  EXPECT_EQ(ValidateField(FieldType::kCap, "1012").message, "has 4 digits, expected 5");
  EXPECT_EQ(ValidateField(FieldType::kCap, "Roma").message, "not a CAP: 'Roma'");
}

TEST(EmailTest, AcceptsAddressesAndLowercasesTheDomain) {
  Verdict verdict = ValidateField(FieldType::kEmail, " Mario.Rossi@Example.IT ");
  EXPECT_TRUE(verdict.valid);
  EXPECT_EQ(verdict.value, "Mario.Rossi@example.it");
  EXPECT_EQ(ValidateField(FieldType::kEmail, "fatture @ pec.azienda.it").value,
            "fatture@pec.azienda.it");
}

TEST(EmailTest, RejectsMalformedAddresses) {
  for (auto bad : {"mario.rossi", "mario@", "@example.it", "a@@b.it", "mario@example",
                   "mario@example.i", "mario..rossi@example.it", "mario@-example.it",
                   "mario@example..it", "mario@exa_mple.it", "mario@example.it1"}) {
    Verdict verdict = ValidateField(FieldType::kEmail, bad);
    EXPECT_FALSE(verdict.valid) << bad;
    EXPECT_EQ(verdict.message, "not an email address: '" + std::string(bad) + "'");
  }
}

TEST(IntegerTest, ReadsSignsAndThousandDots) {
  EXPECT_EQ(ValidateField(FieldType::kInteger, "1.234").value, "1234");
  EXPECT_EQ(ValidateField(FieldType::kInteger, "1.234.567").value, "1234567");
  EXPECT_EQ(ValidateField(FieldType::kInteger, "-42").value, "-42");
  EXPECT_EQ(ValidateField(FieldType::kInteger, "+0042").value, "42");
  EXPECT_EQ(ValidateField(FieldType::kInteger, "-0").value, "0");
  Verdict verdict = ValidateField(FieldType::kInteger, "1O4");
  EXPECT_TRUE(verdict.valid);
  EXPECT_EQ(verdict.value, "104");
  EXPECT_TRUE(verdict.corrected);
}

TEST(IntegerTest, RejectsBadGroupingAndWords) {
  EXPECT_EQ(ValidateField(FieldType::kInteger, "12.34").message, "bad digit grouping in '12.34'");
  EXPECT_EQ(ValidateField(FieldType::kInteger, "1.").message, "not an integer: '1.'");
  EXPECT_EQ(ValidateField(FieldType::kInteger, "BOSS").message, "not an integer: 'BOSS'");
  EXPECT_FALSE(ValidateField(FieldType::kInteger, "BOSS").corrected);
  EXPECT_EQ(ValidateField(FieldType::kInteger, "12,5").message, "not an integer: '12,5'");
  EXPECT_EQ(ValidateField(FieldType::kInteger, "-").message, "not an integer: '-'");
}

TEST(TextTest, TrimsAndCollapsesWhitespace) {
  Verdict verdict = ValidateField(FieldType::kText, "  Rossi \t Srl\n Torino ");
  EXPECT_TRUE(verdict.valid);
  EXPECT_EQ(verdict.value, "Rossi Srl Torino");
  EXPECT_FALSE(verdict.checksum);
  EXPECT_EQ(ValidateField(FieldType::kText, " \n ").message, "empty");
}

TEST(ValidateFieldTest, DatesAndAmountsNormaliseOrExplain) {
  EXPECT_EQ(ValidateField(FieldType::kDate, "03/11/2026").value, "2026-11-03");
  EXPECT_EQ(ValidateField(FieldType::kAmount, "€ 1.464,00").value, "1464.00");
  Verdict verdict = ValidateField(FieldType::kDate, " 31/02/2024 ");
  EXPECT_FALSE(verdict.valid);
  EXPECT_EQ(verdict.value, "31/02/2024");
  EXPECT_EQ(verdict.message, "not a calendar date: 2024-02-31");
  EXPECT_EQ(ValidateField(FieldType::kAmount, "abc").message, "not an amount: 'abc'");
}

}  // namespace
}  // namespace travet::ocr
