#include "runtime/kpi/operator_time.h"

#include <gtest/gtest.h>

#include <vector>

namespace travet::kpi {
namespace {

using store::KpiAudit;

// An entry of task t-1 at 10:MM:SS on 2 March 2026.
KpiAudit At(const std::string& mm_ss, std::string actor, std::string action,
            std::string note = "") {
  return {
      "t-1",          "2026-03-02T10:" + mm_ss + ".000Z", std::move(actor), std::move(action), "",
      std::move(note)};
}

std::optional<Millis> TimeOf(const std::vector<KpiAudit>& entries) {
  return OperatorTime(entries);
}

TEST(KpiOperatorTimeTest, FromClaimToDecision) {
  EXPECT_EQ(TimeOf({At("00:00", "anna", "claim"), At("01:00", "anna", "correct"),
                    At("03:30", "anna", "approve")}),
            Millis(210'000));
  EXPECT_EQ(TimeOf({At("00:00", "anna", "claim"), At("00:45", "anna", "reject")}), Millis(45'000));
}

TEST(KpiOperatorTimeTest, ARenewalContinuesTheClaim) {
  EXPECT_EQ(TimeOf({At("00:00", "anna", "claim"), At("10:00", "anna", "claim", "renewed"),
                    At("20:00", "anna", "approve")}),
            Millis(1'200'000));
}

TEST(KpiOperatorTimeTest, ReleasedClaimsCountLapsedOnesDoNot) {
  // anna looks for 2 minutes and gives it back; bob decides in 1.
  EXPECT_EQ(TimeOf({At("00:00", "anna", "claim"), At("02:00", "anna", "release"),
                    At("05:00", "bob", "claim"), At("06:00", "bob", "approve")}),
            Millis(180'000));
  // anna's claim lapses: its end is unknown.
  EXPECT_EQ(
      TimeOf({At("00:00", "anna", "claim"), At("30:00", "bob", "claim", "lease of anna lapsed"),
              At("31:00", "bob", "reject")}),
      Millis(60'000));
  // A decision by someone else after anna's claim lapsed ends it uncounted.
  EXPECT_EQ(TimeOf({At("00:00", "anna", "claim"), At("40:00", "bob", "approve")}), std::nullopt);
}

TEST(KpiOperatorTimeTest, FourEyesAddsBothApprovers) {
  EXPECT_EQ(TimeOf({At("00:00", "anna", "claim"), At("01:00", "anna", "approve"),
                    At("10:00", "bob", "claim"), At("14:00", "bob", "approve")}),
            Millis(300'000));
}

TEST(KpiOperatorTimeTest, NoClaimNoTime) {
  EXPECT_EQ(TimeOf({}), std::nullopt);
  EXPECT_EQ(TimeOf({At("03:00", "anna", "approve")}), std::nullopt);
  EXPECT_EQ(TimeOf({At("03:00", "anna", "claim")}), std::nullopt);  // still claimed
}

}  // namespace
}  // namespace travet::kpi
