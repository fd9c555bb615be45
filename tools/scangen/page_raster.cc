#include "tools/scangen/page_raster.h"

#include <cmath>
#include <string>

#include "tools/scangen/font_set.h"

namespace travet::scangen {
namespace {

Status CheckSpec(const PageSpec& spec) {
  const auto in_range = [](double mm) { return mm >= 1 && mm <= 2000; };
  if (!in_range(spec.width_mm) || !in_range(spec.height_mm)) {
    return InvalidArgument("page size out of range (1..2000 mm): " + std::to_string(spec.width_mm) +
                           " x " + std::to_string(spec.height_mm));
  }
  if (spec.dpi < 50 || spec.dpi > 1200) {
    return InvalidArgument("dpi out of range (50..1200): " + std::to_string(spec.dpi));
  }
  return Status::Ok();
}

int MmToPx(double mm, int dpi) {
  return static_cast<int>(std::lround(mm / 25.4 * dpi));
}

}  // namespace

Result<Raster> RenderRaster(const PageSpec& spec) {
  TRAVET_RETURN_IF_ERROR(CheckSpec(spec));
  Result<FontSet> fonts = FontSet::Open(spec.typeface);
  if (!fonts)
    return fonts.status();
  Raster raster;
  raster.gray = cv::Mat(MmToPx(spec.height_mm, spec.dpi), MmToPx(spec.width_mm, spec.dpi), CV_8UC1,
                        cv::Scalar(255));
  raster.boxes.reserve(spec.runs.size());
  for (const TextRun& run : spec.runs) {
    Result<PixelBox> box = fonts->Draw(run, spec.dpi, raster.gray);
    if (!box)
      return box.status();
    raster.boxes.push_back(*box);
  }
  return raster;
}

}  // namespace travet::scangen
