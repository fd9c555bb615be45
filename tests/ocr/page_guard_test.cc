#include "ocr/recognise/page_guard.h"

#include <gtest/gtest.h>

#include <opencv2/imgproc.hpp>
#include <stdexcept>

namespace travet::ocr {
namespace {

TEST(PageGuardTest, OpenCvErrorBecomesTheStatusOfItsPage) {
  auto read = GuardPage(4, []() -> Result<PageResult> {
    cv::Mat empty;
    cv::Mat out;
    cv::cvtColor(empty, out, cv::COLOR_BGR2GRAY);  // throws: no pixels
    return PageResult{};
  });
  ASSERT_FALSE(read.has_value());
  EXPECT_EQ(read.error().code(), StatusCode::kInternal);
  EXPECT_TRUE(read.error().message().starts_with("page 4: image processing failed in "))
      << read.error().message();
  EXPECT_NE(read.error().message().find("cvtColor"), std::string::npos) << read.error().message();
}

TEST(PageGuardTest, OtherThrowsSayWhatHappened) {
  auto oom = GuardPage(2, []() -> Result<PageResult> { throw std::bad_alloc(); });
  EXPECT_EQ(oom.error().message(), "page 2: out of memory while reading it");
  auto odd = GuardPage(1, []() -> Status { throw std::runtime_error("bad strip"); });
  EXPECT_EQ(odd.message(), "page 1: reading it failed: bad strip");
  auto fine = GuardPage(1, []() -> Status { return Status::Ok(); });
  EXPECT_TRUE(fine.ok());
}

TEST(PageGuardTest, FailedPageKeepsItsNumberAndReason) {
  const PageResult page = FailedPage(3, Internal("page 3: out of memory while reading it"));
  EXPECT_EQ(page.page, 3);
  EXPECT_EQ(page.error, "page 3: out of memory while reading it");
  EXPECT_TRUE(page.text.empty());
}

}  // namespace
}  // namespace travet::ocr
