#include "runtime/expr/pattern_matcher.h"

#include <gtest/gtest.h>

#include <string>

#include "tests/fakes/fake_clock.h"

namespace travet::expr {
namespace {

TEST(PatternMatcherTest, MatchesWithCaptures) {
  PatternMatcher matcher("key = value", "(%w+)%s*=%s*()(%w+)");
  MatchBudget budget{.steps = 1000};
  ASSERT_EQ(matcher.MatchAt(0, budget), MatchOutcome::kMatch);
  EXPECT_EQ(matcher.end(), 11u);
  ASSERT_EQ(matcher.capture_count(), 3);
  EXPECT_EQ(matcher.capture(0).start, 0u);
  EXPECT_EQ(matcher.capture(0).length, 3);
  EXPECT_EQ(matcher.capture(1).start, 6u);
  EXPECT_EQ(matcher.capture(1).length, PatternMatcher::kPosition);
  EXPECT_EQ(matcher.capture(2).length, 5);
  EXPECT_LT(budget.steps, 1000);
  EXPECT_EQ(matcher.MatchAt(1, budget), MatchOutcome::kMatch);
  EXPECT_EQ(matcher.MatchAt(11, budget), MatchOutcome::kNoMatch);
}

TEST(PatternMatcherTest, MalformedPatternsSayWhyAsLuaDoes) {
  MatchBudget budget{.steps = 1000};
  for (const auto& [pattern, message] : {
           std::pair<const char*, const char*>{"[a", "malformed pattern (missing ']')"},
           {"a%", "malformed pattern (ends with '%')"},
           {"%b", "malformed pattern (missing arguments to '%b')"},
           {"%fa", "missing '[' after '%f' in pattern"},
           {"a)", "invalid pattern capture"},
           {"(a)%2", "invalid capture index %2"},
       }) {
    PatternMatcher matcher("aaa", pattern);
    EXPECT_EQ(matcher.MatchAt(0, budget), MatchOutcome::kMalformed) << pattern;
    EXPECT_STREQ(matcher.error(), message) << pattern;
  }
}

TEST(PatternMatcherTest, StopsWhenTheStepsRunOut) {
  const std::string subject(30000, 'a');
  PatternMatcher matcher(subject, ".-.-.-.-b");
  MatchBudget budget{.steps = 1'000'000};
  EXPECT_EQ(matcher.MatchAt(0, budget), MatchOutcome::kOutOfSteps);
  EXPECT_LT(budget.steps, 0);
}

TEST(PatternMatcherTest, StopsPastTheDeadline) {
  testing::FakeClock clock;
  const std::string subject(30000, 'a');
  PatternMatcher matcher(subject, ".-.-.-.-b");
  MatchBudget budget{.steps = 1'000'000'000'000, .clock = &clock, .deadline = clock.Now()};
  clock.Advance(Millis(1));
  EXPECT_EQ(matcher.MatchAt(0, budget), MatchOutcome::kPastDeadline);
  EXPECT_GE(budget.steps, 1'000'000'000'000 - 2 * MatchBudget::kClockEvery);
}

}  // namespace
}  // namespace travet::expr
