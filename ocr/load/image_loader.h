#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "runtime/core/result.h"

namespace travet::ocr {

// Limits that keep a hostile or broken file from exhausting memory. They are
// checked against the file size and the headers before anything is decoded.
struct LoadLimits {
  std::uintmax_t max_file_bytes = 200ull * 1024 * 1024;
  std::int64_t max_page_pixels = 100'000'000;
  int max_pages = 500;
  int pdf_dpi = 300;  // PDF pages are rasterised at this resolution
};

// The size and resolution of one page, as its file describes it.
struct PageInfo {
  int width = 0;
  int height = 0;
  int dpi = 300;
  bool dpi_assumed = false;  // the file recorded no resolution: 300 assumed
};

// A document opened for reading: PNG, JPEG, TIFF (every page) or PDF (every
// page). Open reads the file once and checks its headers and limits; pages are
// decoded on demand (see LoadPage in ocr/load/internal/page_image.h, internal to ocr/), from
// any thread. Copies share the file's bytes and are cheap.
class DocumentSource {
 public:
  // Opens `file`. Errors (kInvalidArgument unless said) name the file:
  // "scan.png: no such file" (kNotFound), "scan.png: the file is empty",
  // "scan.png: not an image (PNG, JPEG, TIFF or PDF)",
  // "big.png: page 1 is 40000x40000 pixels (1600 Mpx); the limit is 100 Mpx",
  // "cut.png: the image is truncated or corrupt", and the size/page limits.
  static Result<DocumentSource> Open(const std::filesystem::path& file,
                                     const LoadLimits& limits = {});
  // The document whose whole content is `bytes`, named `name` in messages
  // (for a file its caller opened itself, e.g. beneath a working folder);
  // the same checks and errors as Open, but no file is read.
  static Result<DocumentSource> FromBytes(std::string name, std::string bytes,
                                          const LoadLimits& limits = {});

  // The file name used in messages (without its folder).
  const std::string& name() const;
  int page_count() const;
  // The page at 0-based `index` < page_count().
  const PageInfo& page(int index) const;

  struct Impl;  // defined in ocr/load/internal/page_image.h
  const Impl& impl() const { return *impl_; }

 private:
  explicit DocumentSource(std::shared_ptr<const Impl> impl) : impl_(std::move(impl)) {}
  std::shared_ptr<const Impl> impl_;
};

}  // namespace travet::ocr
