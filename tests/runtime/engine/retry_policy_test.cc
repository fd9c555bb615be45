#include "runtime/engine/retry_policy.h"

#include <gtest/gtest.h>

namespace travet::engine {
namespace {

lang::RetryPolicy Policy(int attempts, long long delay_ms, lang::Backoff backoff,
                         long long max_ms = 300'000) {
  lang::RetryPolicy p;
  p.attempts = attempts;
  p.delay = Millis(delay_ms);
  p.backoff = backoff;
  p.max_delay = Millis(max_ms);
  return p;
}

TEST(RetryPolicyTest, OnlyRetryableFailuresAreRetried) {
  auto p = Policy(3, 1000, lang::Backoff::kFixed);
  EXPECT_TRUE(ShouldRetry(p, Unavailable("HTTP 503"), 1));
  EXPECT_TRUE(ShouldRetry(p, Timeout("timed out"), 2));
  EXPECT_FALSE(ShouldRetry(p, Failed("HTTP 404"), 1));
  EXPECT_FALSE(ShouldRetry(p, InvalidArgument("bad"), 1));
  EXPECT_FALSE(ShouldRetry(p, Suspended("waiting"), 1));
  EXPECT_FALSE(ShouldRetry(p, Status::Ok(), 1));
}

TEST(RetryPolicyTest, StopsAfterTheLastAttempt) {
  auto p = Policy(3, 1000, lang::Backoff::kFixed);
  EXPECT_TRUE(ShouldRetry(p, Unavailable("x"), 2));
  EXPECT_FALSE(ShouldRetry(p, Unavailable("x"), 3));
  EXPECT_FALSE(ShouldRetry(lang::RetryPolicy{}, Unavailable("x"), 1));  // default: one attempt
}

TEST(RetryPolicyTest, FixedDelay) {
  auto p = Policy(5, 1500, lang::Backoff::kFixed);
  EXPECT_EQ(RetryDelay(p, 1), Millis(1500));
  EXPECT_EQ(RetryDelay(p, 4), Millis(1500));
}

TEST(RetryPolicyTest, ExponentialDelayDoublesUpToTheCap) {
  auto p = Policy(10, 2000, lang::Backoff::kExponential, 20'000);
  EXPECT_EQ(RetryDelay(p, 1), Millis(2000));
  EXPECT_EQ(RetryDelay(p, 2), Millis(4000));
  EXPECT_EQ(RetryDelay(p, 3), Millis(8000));
  EXPECT_EQ(RetryDelay(p, 4), Millis(16000));
  EXPECT_EQ(RetryDelay(p, 5), Millis(20000));
  EXPECT_EQ(RetryDelay(p, 60), Millis(20000));  // no overflow far out
}

}  // namespace
}  // namespace travet::engine
