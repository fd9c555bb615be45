#include "runtime/schedule/iso_time.h"

#include <gtest/gtest.h>

namespace travet::schedule {
namespace {

using namespace std::chrono;

TEST(IsoTimeTest, ParsesOffsetsAndZ) {
  const sys_seconds eleven = sys_days(2026y / March / 28) + 11h;
  EXPECT_EQ(*ParseIsoInstant("2026-03-28T12:00:00+01:00"), eleven);
  EXPECT_EQ(*ParseIsoInstant("2026-03-28T11:00:00Z"), eleven);
  EXPECT_EQ(*ParseIsoInstant("2026-03-28T11:00Z"), eleven);
  EXPECT_EQ(*ParseIsoInstant("2026-03-28T11:00:00.750Z"), eleven);
  EXPECT_EQ(*ParseIsoInstant("2026-03-28T06:00:00-0500"), eleven);
  EXPECT_EQ(*ParseIsoInstant("2026-03-28T16:30:00+05:30"), eleven);
}

TEST(IsoTimeTest, RefusesTimesWithoutOffsetAndImpossibleDates) {
  for (const char* text : {"2026-03-28T12:00:00", "2026-03-28", "2026-02-30T12:00Z",
                           "2026-03-28T24:00Z", "2026-03-28T12:00+25:00", "tomorrow", ""}) {
    auto t = ParseIsoInstant(text);
    ASSERT_FALSE(t.has_value()) << text;
    EXPECT_EQ(t.error().message(), "'" + std::string(text) +
                                       "' is not a time with an offset or Z (use e.g. "
                                       "2026-03-28T12:00:00+01:00 or 2026-03-28T11:00:00Z)");
  }
}

TEST(IsoTimeTest, FormatsLocalTimeWithItsOffset) {
  const sys_seconds t = sys_days(2026y / March / 30) + 6h;
  EXPECT_EQ(FormatIso(*ToLocalTime(t, "Europe/Rome")), "2026-03-30T08:00:00+02:00");
  EXPECT_EQ(FormatIso(*ToLocalTime(t, "America/New_York")), "2026-03-30T02:00:00-04:00");
  EXPECT_EQ(FormatIso(*ToLocalTime(t, "Asia/Kolkata")), "2026-03-30T11:30:00+05:30");
  EXPECT_EQ(FormatIso(*ToLocalTime(t, "UTC")), "2026-03-30T06:00:00+00:00");
  EXPECT_EQ(FormatIso(*ToLocalTime(t - days(2), "Europe/Rome")), "2026-03-28T07:00:00+01:00");
}

TEST(IsoTimeTest, UnknownZone) {
  auto t = ToLocalTime(sys_seconds{}, "Mars/Olympus_Mons");
  ASSERT_FALSE(t.has_value());
  EXPECT_EQ(t.error().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(t.error().message().rfind("unknown time zone 'Mars/Olympus_Mons'", 0), 0u);
}

}  // namespace
}  // namespace travet::schedule
