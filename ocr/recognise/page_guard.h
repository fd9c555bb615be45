#pragma once

// Internal to ocr/: one page's failure as a value.

#include <exception>
#include <string>

#include "ocr/ocr_types.h"
#include "runtime/core/result.h"

namespace travet::ocr {

// What went wrong on page `page_number` (1-based) when reading it threw:
// OpenCV's cv::Exception, std::bad_alloc on a huge page, anything else. A
// throw on a worker thread would otherwise end the process and every other
// page with it.
Status PageFailure(int page_number, std::exception_ptr thrown);

// Runs `read` (returning a Status or a Result) and turns a throw into the
// Status of PageFailure.
template <typename Read>
auto GuardPage(int page_number, Read&& read) -> decltype(read()) {
  try {
    return read();
  } catch (...) {
    return PageFailure(page_number, std::current_exception());
  }
}

// The page as the results show one that could not be read: its number and
// why, no text, no words.
PageResult FailedPage(int page_number, const Status& why);

}  // namespace travet::ocr
