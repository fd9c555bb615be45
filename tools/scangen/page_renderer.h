#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "runtime/core/result.h"

namespace travet::scangen {

// Renders text pages, black on white, with real TrueType fonts from Debian's
// fonts-liberation2 and fonts-dejavu-core packages, for OCR tests and the
// scan generator. No OpenCV or FreeType type appears here.

// The family of a page: regular, bold, mono and mono bold faces.
enum class Typeface {
  kLiberationSerif,  // Liberation Serif; Liberation Mono for mono runs
  kLiberationSans,   // Liberation Sans; Liberation Mono for mono runs
  kDejaVuSans,       // DejaVu Sans; DejaVu Sans Mono for mono runs
  kDejaVuSerif,      // DejaVu Serif; DejaVu Sans Mono for mono runs
};

// One line of UTF-8 text (Italian accents and € included). (x_mm, y_mm) is
// the top-left corner of the line: the left end of the pen and the top of the
// font's ascender, in millimetres from the page's top-left corner.
struct TextRun {
  std::string text;
  double x_mm = 20;
  double y_mm = 20;
  double size_pt = 11;
  bool bold = false;
  bool mono = false;
};

// A page: its size, its resolution, its lines and the family they are set in.
struct PageSpec {
  double width_mm = 210;
  double height_mm = 297;
  int dpi = 300;
  std::vector<TextRun> runs;
  Typeface typeface = Typeface::kLiberationSerif;
};

// A rectangle in pixels, origin at the top-left corner of the page.
struct PixelBox {
  int x = 0;
  int y = 0;
  int width = 0;
  int height = 0;
};

// A rendered page: PNG bytes and the ink box of each run, in the order of
// PageSpec::runs (an empty box for a run with no ink, e.g. only spaces).
struct RenderedPng {
  std::string png;
  int width_px = 0;
  int height_px = 0;
  std::vector<PixelBox> boxes;
};

// Renders `spec` as an 8-bit grayscale PNG (with a pHYs chunk that records
// the dpi). Errors: kInvalidArgument for a page size or dpi out of range
// (1..2000 mm, 50..1200 dpi), malformed UTF-8, a character the font has no
// glyph for ("no glyph for U+4E2D in LiberationSerif-Regular.ttf") or a run
// that does not fit on the page; kNotFound for a missing font file.
// Deterministic: the same spec gives the same bytes. Thread-safe.
Result<std::string> RenderPng(const PageSpec& spec);

// As RenderPng, with the size and the box of every run.
Result<RenderedPng> RenderPngWithBoxes(const PageSpec& spec);

// Renders `spec` and writes the PNG to `out` atomically (a temporary file
// beside it, then a rename). Errors as RenderPng, plus kIoError naming the
// path when the file cannot be written.
Status WritePng(const PageSpec& spec, const std::filesystem::path& out);

// The advance width of `run` in millimetres when set in `typeface` (for
// right-aligning and wrapping). Errors as RenderPng for the text.
Result<double> TextWidthMm(const TextRun& run, Typeface typeface);

}  // namespace travet::scangen
