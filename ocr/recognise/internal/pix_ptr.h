#pragma once

// Internal to ocr/: ownership of a Leptonica image.

#include <leptonica/allheaders.h>

#include <memory>

namespace travet::ocr {

struct PixDeleter {
  void operator()(PIX* p) const { pixDestroy(&p); }
};

// A PIX freed with pixDestroy when it goes out of scope.
using PixPtr = std::unique_ptr<PIX, PixDeleter>;

}  // namespace travet::ocr
