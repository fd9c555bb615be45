#include "runtime/core/duration.h"

#include <gtest/gtest.h>

namespace travet {
namespace {

TEST(DurationTest, ParsesUnitsAndCombinations) {
  EXPECT_EQ(*ParseDuration("250ms"), Millis(250));
  EXPECT_EQ(*ParseDuration("30s"), Millis(30'000));
  EXPECT_EQ(*ParseDuration("5m"), Millis(300'000));
  EXPECT_EQ(*ParseDuration("2h"), Millis(7'200'000));
  EXPECT_EQ(*ParseDuration("1m30s"), Millis(90'000));
  EXPECT_EQ(*ParseDuration("45"), Millis(45'000));  // a bare number is seconds
}

TEST(DurationTest, ErrorsQuoteTheText) {
  EXPECT_EQ(ParseDuration("").error().message(),
            "bad duration '': empty (use e.g. 500ms, 30s, 5m, 1h)");
  EXPECT_EQ(ParseDuration("soon").error().message(),
            "bad duration 'soon': expected a number (use e.g. 500ms, 30s, 5m, 1h)");
  EXPECT_EQ(ParseDuration("3d").error().message(),
            "bad duration '3d': unknown unit 'd' (use e.g. 500ms, 30s, 5m, 1h)");
  EXPECT_EQ(ParseDuration("99999999999s").error().message(),
            "bad duration '99999999999s': number too large (use e.g. 500ms, 30s, 5m, 1h)");
}

}  // namespace
}  // namespace travet
