// Corrections an operator types (`--set field=value`, the web form) are checked
// against their field's type before they reach the store.
#include "runtime/review/corrections.h"

#include <gtest/gtest.h>

namespace travet::review {
namespace {

const Value kFields = {{"total", {{"value", "12.50"}, {"type", "amount"}}},
                       {"date", {{"value", "2026-11-03"}, {"type", "date"}}},
                       {"vat", {{"value", "01234567890"}, {"type", "partita_iva"}}},
                       {"note", {{"value", "x"}}}};

TEST(CorrectionsTest, TypedValuesAreNormalised) {
  auto corrections = ParseCorrections({"total=1.234,50", "date=03/12/2026", "note=  as typed "},
                                      kFields, /*force=*/false);
  ASSERT_TRUE(corrections) << corrections.error().message();
  EXPECT_EQ((*corrections)["total"], "1234.50");
  EXPECT_EQ((*corrections)["date"], "2026-12-03");
  EXPECT_EQ((*corrections)["note"], "  as typed ");
}

TEST(CorrectionsTest, AnInvalidValueIsRefusedUnlessForced) {
  auto refused = ParseCorrections({"vat=01234567891"}, kFields, /*force=*/false);
  ASSERT_FALSE(refused);
  EXPECT_NE(
      refused.error().message().find("'01234567891' is not a valid partita_iva for field 'vat'"),
      std::string::npos)
      << refused.error().message();
  EXPECT_NE(refused.error().message().find("(use --force to keep it anyway)"), std::string::npos);
  auto forced = ParseCorrections({"vat=01234567891"}, kFields, /*force=*/true);
  ASSERT_TRUE(forced);
  EXPECT_EQ((*forced)["vat"], "01234567891");
}

TEST(CorrectionsTest, AnUnknownFieldOrAPairWithoutNameIsRefused) {
  EXPECT_EQ(ParseCorrections({"totale=3"}, kFields, false).error().message(),
            "the task has no field 'totale'");
  EXPECT_EQ(ParseCorrections({"=3"}, kFields, false).error().message(),
            "--set expects field=value, got '=3'");
}

}  // namespace
}  // namespace travet::review
