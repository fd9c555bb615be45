#pragma once

#include <memory>
#include <opencv2/core.hpp>

#include "runtime/core/result.h"
#include "tools/scangen/page_renderer.h"

namespace travet::scangen {

// The four faces of a Typeface (regular, bold, mono, mono bold) opened with
// FreeType, and the drawing of text runs with them. Internal to scangen: it
// exposes cv::Mat. Not thread-safe (a FreeType face holds the current size);
// use one FontSet per thread.
class FontSet {
 public:
  // Opens the font files; kNotFound names a missing file.
  static Result<FontSet> Open(Typeface typeface);

  FontSet(FontSet&&) noexcept;
  FontSet& operator=(FontSet&&) noexcept;
  ~FontSet();

  // The pen advance of `run` in pixels at `dpi`.
  Result<double> AdvancePx(const TextRun& run, int dpi) const;

  // Draws `run` in black on the 8-bit `page` (darkening, anti-aliased) and
  // returns its ink box. kInvalidArgument when some ink falls off the page.
  Result<PixelBox> Draw(const TextRun& run, int dpi, cv::Mat& page) const;

 private:
  struct Impl;
  explicit FontSet(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace travet::scangen
