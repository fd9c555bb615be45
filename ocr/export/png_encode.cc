#include "ocr/export/internal/png_encode.h"

#include <png.h>
#include <zlib.h>

#include <algorithm>
#include <csetjmp>
#include <cstdlib>
#include <cstring>

namespace travet::ocr {
namespace {

// libpng leaves an error by longjmp, so nothing it calls back owns a C++
// object: the output is a plain buffer grown with realloc.
struct MemoryOutput {
  unsigned char* data = nullptr;
  size_t size = 0;
  size_t capacity = 0;
  bool failed = false;
};

void WriteToMemory(png_structp png, png_bytep bytes, size_t length) {
  auto* out = static_cast<MemoryOutput*>(png_get_io_ptr(png));
  if (out->size + length > out->capacity) {
    const size_t capacity = std::max(out->capacity * 2, out->size + length);
    auto* grown = static_cast<unsigned char*>(std::realloc(out->data, capacity));
    if (grown == nullptr) {
      out->failed = true;
      png_error(png, "out of memory");
    }
    out->data = grown;
    out->capacity = capacity;
  }
  std::memcpy(out->data + out->size, bytes, length);
  out->size += length;
}

void FlushMemory(png_structp /*png*/) {}

[[noreturn]] void OnWriteError(png_structp png, png_const_charp /*message*/) {
  png_longjmp(png, 1);
}

void OnWriteWarning(png_structp /*png*/, png_const_charp /*message*/) {}

struct PngWriter {
  png_structp png =
      png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, OnWriteError, OnWriteWarning);
  png_infop info = png ? png_create_info_struct(png) : nullptr;
  MemoryOutput out;
  ~PngWriter() {
    png_destroy_write_struct(&png, &info);
    std::free(out.data);
  }
};

// Writes `image` through `writer`; false when libpng gave up. Kept apart
// from EncodePng so that no object with a destructor lives in the frame
// that setjmp marks.
bool WriteRows(PngWriter& writer, const cv::Mat& image) {
  if (setjmp(png_jmpbuf(writer.png)) != 0) {
    return false;
  }
  png_set_write_fn(writer.png, &writer.out, WriteToMemory, FlushMemory);
  const bool grey = image.channels() == 1;
  png_set_IHDR(writer.png, writer.info, static_cast<png_uint_32>(image.cols),
               static_cast<png_uint_32>(image.rows), 8,
               grey ? PNG_COLOR_TYPE_GRAY : PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE,
               PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
  png_set_compression_level(writer.png, Z_BEST_SPEED);
  // Up (the row above) suits scans: long runs of paper, ink in columns.
  png_set_filter(writer.png, PNG_FILTER_TYPE_BASE, PNG_FILTER_UP);
  png_write_info(writer.png, writer.info);
  if (!grey) {
    png_set_bgr(writer.png);
  }
  for (int y = 0; y < image.rows; ++y) {
    png_write_row(writer.png, image.ptr<png_byte>(y));
  }
  png_write_end(writer.png, writer.info);
  return true;
}

}  // namespace

Result<std::string> EncodePng(const cv::Mat& image) {
  if (image.depth() != CV_8U || (image.channels() != 1 && image.channels() != 3) || image.empty()) {
    return InvalidArgument("a PNG is written from 8-bit grey or BGR pixels only");
  }
  PngWriter writer;
  if (writer.info == nullptr || !WriteRows(writer, image)) {
    return Internal("libpng could not encode the page as PNG");
  }
  return std::string(reinterpret_cast<const char*>(writer.out.data), writer.out.size);
}

}  // namespace travet::ocr
