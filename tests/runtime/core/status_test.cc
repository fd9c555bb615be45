#include "runtime/core/status.h"

#include <gtest/gtest.h>

#include "runtime/core/result.h"

namespace travet {
namespace {

TEST(StatusTest, OnlyUnavailableAndTimeoutAreRetryable) {
  EXPECT_TRUE(Unavailable("503").retryable());
  EXPECT_TRUE(Timeout("slow").retryable());
  EXPECT_FALSE(Failed("404").retryable());
  EXPECT_FALSE(InvalidArgument("bad").retryable());
  EXPECT_FALSE(Suspended("waiting").retryable());
  EXPECT_FALSE(Status::Ok().retryable());
}

TEST(StatusTest, ContextIsPrefixed) {
  Status s = NotFound("no such file").WithContext("step read");
  EXPECT_EQ(s.code(), StatusCode::kNotFound);
  EXPECT_EQ(s.message(), "step read: no such file");
  EXPECT_TRUE(Status::Ok().WithContext("x").ok());
  EXPECT_EQ(StatusCodeName(StatusCode::kUnavailable), "unavailable");
}

Result<int> Half(int n) {
  if (n % 2)
    return InvalidArgument(std::to_string(n) + " is odd");
  return n / 2;
}

Status UsesMacro(int n, int* out) {
  Result<int> r = Half(n);
  TRAVET_RETURN_IF_ERROR(r.status());
  *out = *r;
  return Status::Ok();
}

TEST(ResultTest, HoldsAValueOrAnError) {
  EXPECT_EQ(*Half(8), 4);
  EXPECT_EQ(Half(3).error().message(), "3 is odd");
  int out = 0;
  EXPECT_TRUE(UsesMacro(10, &out).ok());
  EXPECT_EQ(out, 5);
  EXPECT_EQ(UsesMacro(7, &out).message(), "7 is odd");
}

}  // namespace
}  // namespace travet
