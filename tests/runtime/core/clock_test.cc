#include "runtime/core/clock.h"

#include <gtest/gtest.h>

namespace travet {
namespace {

TEST(ClockTest, ParsesWhatFormatRfc3339Writes) {
  for (TimePoint t :
       {TimePoint(), TimePoint(std::chrono::milliseconds(1795681500123)),
        TimePoint(std::chrono::hours(24 * 365 * 56) + std::chrono::milliseconds(7))}) {
    std::string text = FormatRfc3339(t);
    EXPECT_EQ(ParseRfc3339(text), t) << text;
  }
  EXPECT_EQ(FormatRfc3339(*ParseRfc3339("2028-02-29T23:59:59.999Z")), "2028-02-29T23:59:59.999Z");
}

TEST(ClockTest, ParsesNothingElse) {
  for (std::string_view text :
       {"", "2026-11-27T08:15:00Z", "2026-11-27T08:15:00.123+01:00", "2026-11-27 08:15:00.123Z",
        "2026-11-27T08:15:00.123z", "2026-13-27T08:15:00.123Z", "2026-02-29T08:15:00.123Z",
        "2026-11-27T24:00:00.000Z", "2026-11-27T08:60:00.000Z", "2026-11-27T08:15:60.000Z",
        "2026-11-2xT08:15:00.123Z", "+026-11-27T08:15:00.123Z", "2026-11-27T08:15:00.123Z "}) {
    EXPECT_EQ(ParseRfc3339(text), std::nullopt) << text;
  }
}

}  // namespace
}  // namespace travet
