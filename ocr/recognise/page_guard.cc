#include "ocr/recognise/page_guard.h"

#include <new>
#include <opencv2/core.hpp>
#include <utility>

namespace travet::ocr {

Status PageFailure(int page_number, std::exception_ptr thrown) {
  const std::string where = "page " + std::to_string(page_number) + ": ";
  try {
    std::rethrow_exception(std::move(thrown));
  } catch (const cv::Exception& e) {
    // e.what() repeats the file and line of OpenCV's source; the message and
    // the function are what a reader can act on.
    return Internal(where + "image processing failed in " + e.func + ": " + e.err);
  } catch (const std::bad_alloc&) {
    return Internal(where + "out of memory while reading it");
  } catch (const std::exception& e) {
    return Internal(where + "reading it failed: " + e.what());
  } catch (...) {
    return Internal(where + "reading it failed with an unknown error");
  }
}

PageResult FailedPage(int page_number, const Status& why) {
  PageResult page;
  page.page = page_number;
  page.error = why.message();
  return page;
}

}  // namespace travet::ocr
