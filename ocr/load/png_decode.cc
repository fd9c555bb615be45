#include "ocr/load/internal/png_decode.h"

#include <png.h>

#include <csetjmp>
#include <cstring>
#include <vector>

#include "ocr/load/internal/page_image.h"

namespace travet::ocr {
namespace {

// Everything a libpng callback touches is trivially destructible: libpng
// leaves an error by longjmp, which would skip the destructors of C++ objects.
struct MemoryInput {
  const unsigned char* data;
  size_t size;
  size_t at;
};

void ReadFromMemory(png_structp png, png_bytep out, size_t length) {
  auto* in = static_cast<MemoryInput*>(png_get_io_ptr(png));
  if (length > in->size - in->at) {
    png_error(png, "read past the end of the data");
  }
  std::memcpy(out, in->data + in->at, length);
  in->at += length;
}

// The loader reports every rejection as the one "truncated or corrupt" error,
// so the message is not kept; returning from here would make libpng print it.
[[noreturn]] void OnError(png_structp png, png_const_charp /*message*/) {
  png_longjmp(png, 1);
}

void OnWarning(png_structp /*png*/, png_const_charp /*message*/) {}

// Owns libpng's read and info structures. It lives in DecodePngGray's frame,
// which no longjmp ever crosses.
struct PngReader {
  png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, nullptr, OnError, OnWarning);
  png_infop info = png ? png_create_info_struct(png) : nullptr;
  ~PngReader() { png_destroy_read_struct(&png, &info, nullptr); }
};

// Asks libpng for one 8-bit grey sample per pixel, whatever the file holds.
void SetGrayTransforms(png_structp png, png_infop info) {
  const int color = png_get_color_type(png, info);
  // Leptonica, the previous decoder and still the JPEG one, ignored gamma:
  // 1/1 keeps compositing and grey conversion on the stored values.
  png_set_gamma_fixed(png, PNG_FP_1, PNG_FP_1);
  png_set_expand(png);  // palette to RGB, grey of 1, 2 or 4 bits to 8, tRNS to alpha
  png_set_strip_16(png);
  if ((color & PNG_COLOR_MASK_ALPHA) != 0 || png_get_valid(png, info, PNG_INFO_tRNS) != 0) {
    png_color_16 white{};
    white.red = white.green = white.blue = white.gray = 255;
    png_set_background_fixed(png, &white, PNG_BACKGROUND_GAMMA_SCREEN, 0, PNG_FP_1);
  }
  if ((color & PNG_COLOR_MASK_COLOR) != 0) {
    // Leptonica's pixConvertRGBToLuminance weights (0.3, 0.5, 0.2), not
    // libpng's Rec. 709 default: colour PNG pages keep the grey they had, the
    // same grey a JPEG page gets, which Leptonica still converts. libpng
    // truncates where Leptonica rounds, so a pixel may read one lower.
    png_set_rgb_to_gray_fixed(png, PNG_ERROR_ACTION_NONE, 30000, 50000);
  }
  png_set_interlace_handling(png);
  png_read_update_info(png, info);
}

struct PngShape {
  png_uint_32 width = 0;
  png_uint_32 height = 0;
  bool one_grey_byte = false;  // what SetGrayTransforms asked for
};

// The setjmp frames: plain C, nothing in them needs destroying.
bool ReadHeader(png_structp png, png_infop info, PngShape* shape) {
  if (setjmp(png_jmpbuf(png)) != 0) {
    return false;
  }
  png_read_info(png, info);
  SetGrayTransforms(png, info);
  shape->width = png_get_image_width(png, info);
  shape->height = png_get_image_height(png, info);
  shape->one_grey_byte = png_get_channels(png, info) == 1 && png_get_bit_depth(png, info) == 8 &&
                         png_get_rowbytes(png, info) == shape->width;
  return true;
}

bool ReadRows(png_structp png, png_bytepp rows) {
  if (setjmp(png_jmpbuf(png)) != 0) {
    return false;
  }
  png_read_image(png, rows);  // every Adam7 pass, when interlaced
  png_read_end(png, nullptr);
  return true;
}

}  // namespace

Result<cv::Mat> DecodePngGray(std::string_view bytes, const std::string& name) {
  PngReader reader;
  if (reader.info == nullptr) {
    return Internal(name + ": libpng could not start");
  }
  MemoryInput input{reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), 0};
  png_set_read_fn(reader.png, &input, ReadFromMemory);
  // CRC checks stay at libpng's default: a bad CRC on IDAT (a critical chunk)
  // is an error, so a damaged file still fails. That makes zlib's Adler-32 of
  // the inflated pixels a second check of the same bytes; skipping it took
  // 66 A4 pages from 1.92 s to 1.73 s (10%), checking the CRC costs nothing.
  png_set_option(reader.png, PNG_IGNORE_ADLER32, PNG_OPTION_ON);
  PngShape shape;
  if (!ReadHeader(reader.png, reader.info, &shape)) {
    return CorruptImage(name);
  }
  if (!shape.one_grey_byte) {
    return Internal(name + ": libpng did not convert the image to 8-bit grey");
  }
  cv::Mat gray;
  try {
    gray.create(static_cast<int>(shape.height), static_cast<int>(shape.width), CV_8U);
  } catch (const cv::Exception&) {
    return Internal(name + ": no memory for " + std::to_string(shape.width) + "x" +
                    std::to_string(shape.height) + " pixels");
  }
  std::vector<png_bytep> rows(shape.height);
  for (png_uint_32 y = 0; y < shape.height; ++y) {
    rows[y] = gray.ptr<unsigned char>(static_cast<int>(y));
  }
  if (!ReadRows(reader.png, rows.data())) {
    return CorruptImage(name);
  }
  return gray;
}

}  // namespace travet::ocr
