#include "tools/scangen/page_renderer.h"

#include "runtime/core/atomic_write.h"
#include "tools/scangen/font_set.h"
#include "tools/scangen/image_encoding.h"
#include "tools/scangen/page_raster.h"

namespace travet::scangen {

Result<RenderedPng> RenderPngWithBoxes(const PageSpec& spec) {
  Result<Raster> raster = RenderRaster(spec);
  if (!raster)
    return raster.status();
  Result<std::string> png = EncodePng(raster->gray, spec.dpi);
  if (!png)
    return png.status();
  RenderedPng out;
  out.png = std::move(*png);
  out.width_px = raster->gray.cols;
  out.height_px = raster->gray.rows;
  out.boxes = std::move(raster->boxes);
  return out;
}

Result<std::string> RenderPng(const PageSpec& spec) {
  Result<RenderedPng> rendered = RenderPngWithBoxes(spec);
  if (!rendered)
    return rendered.status();
  return std::move(rendered->png);
}

Status WritePng(const PageSpec& spec, const std::filesystem::path& out) {
  Result<std::string> png = RenderPng(spec);
  if (!png)
    return png.status();
  return WriteFileAtomic(out, *png);
}

Result<double> TextWidthMm(const TextRun& run, Typeface typeface) {
  constexpr int kDpi = 1200;  // fine enough that hinting does not matter
  Result<FontSet> fonts = FontSet::Open(typeface);
  if (!fonts)
    return fonts.status();
  Result<double> px = fonts->AdvancePx(run, kDpi);
  if (!px)
    return px.status();
  return *px / kDpi * 25.4;
}

}  // namespace travet::scangen
