#include "tools/scangen/font_set.h"

#include <ft2build.h>
#include FT_FREETYPE_H

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <string>

#include "tools/scangen/utf8.h"

namespace travet::scangen {
namespace {

constexpr char kFontDir[] = "/usr/share/fonts/truetype/";

// Regular, bold, mono, mono bold.
std::array<std::string, 4> FontFiles(Typeface typeface) {
  const std::string lib = "liberation2/Liberation";
  const std::string dv = "dejavu/DejaVu";
  switch (typeface) {
    case Typeface::kLiberationSerif:
      return {lib + "Serif-Regular.ttf", lib + "Serif-Bold.ttf", lib + "Mono-Regular.ttf",
              lib + "Mono-Bold.ttf"};
    case Typeface::kLiberationSans:
      return {lib + "Sans-Regular.ttf", lib + "Sans-Bold.ttf", lib + "Mono-Regular.ttf",
              lib + "Mono-Bold.ttf"};
    case Typeface::kDejaVuSans:
      return {dv + "Sans.ttf", dv + "Sans-Bold.ttf", dv + "SansMono.ttf", dv + "SansMono-Bold.ttf"};
    case Typeface::kDejaVuSerif:
      return {dv + "Serif.ttf", dv + "Serif-Bold.ttf", dv + "SansMono.ttf",
              dv + "SansMono-Bold.ttf"};
  }
  return {};
}

std::string HexCodePoint(char32_t cp) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "U+%04X", static_cast<unsigned>(cp));
  return buffer;
}

// Called for each glyph with its slot (loaded, not rendered) and the pen
// position in 26.6 fixed point.
using GlyphVisitor = std::function<Status(FT_GlyphSlot slot, FT_Pos pen_x)>;

}  // namespace

struct FontSet::Impl {
  FT_Library library = nullptr;
  std::array<FT_Face, 4> faces{};
  std::array<std::string, 4> names;

  ~Impl() {
    for (FT_Face face : faces) {
      if (face != nullptr)
        FT_Done_Face(face);
    }
    if (library != nullptr)
      FT_Done_FreeType(library);
  }

  int FaceIndex(const TextRun& run) const { return (run.mono ? 2 : 0) + (run.bold ? 1 : 0); }

  // Sets the size, lays out `run` glyph by glyph (with kerning) and returns
  // the final pen position in 26.6 fixed point.
  Result<FT_Pos> Walk(const TextRun& run, int dpi, const GlyphVisitor& visit) const {
    const int index = FaceIndex(run);
    FT_Face face = faces[index];
    const auto char_size = static_cast<FT_F26Dot6>(std::lround(run.size_pt * 64));
    if (FT_Set_Char_Size(face, 0, char_size, dpi, dpi) != 0) {
      return InvalidArgument("cannot set font size " + std::to_string(run.size_pt) + " pt");
    }
    Result<std::u32string> code_points = DecodeUtf8(run.text);
    if (!code_points)
      return code_points.status();
    FT_Pos pen = 0;
    FT_UInt previous = 0;
    for (char32_t cp : *code_points) {
      const FT_UInt glyph = FT_Get_Char_Index(face, cp);
      if (glyph == 0) {
        return InvalidArgument("no glyph for " + HexCodePoint(cp) + " in " + names[index]);
      }
      if (previous != 0 && FT_HAS_KERNING(face)) {
        FT_Vector delta;
        FT_Get_Kerning(face, previous, glyph, FT_KERNING_DEFAULT, &delta);
        pen += delta.x;
      }
      if (FT_Load_Glyph(face, glyph, FT_LOAD_DEFAULT) != 0) {
        return InvalidArgument("cannot load " + HexCodePoint(cp) + " from " + names[index]);
      }
      if (visit)
        TRAVET_RETURN_IF_ERROR(visit(face->glyph, pen));
      pen += face->glyph->advance.x;
      previous = glyph;
    }
    return pen;
  }
};

FontSet::FontSet(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
FontSet::FontSet(FontSet&&) noexcept = default;
FontSet& FontSet::operator=(FontSet&&) noexcept = default;
FontSet::~FontSet() = default;

Result<FontSet> FontSet::Open(Typeface typeface) {
  auto impl = std::make_unique<Impl>();
  if (FT_Init_FreeType(&impl->library) != 0)
    return Internal("cannot initialise FreeType");
  const std::array<std::string, 4> files = FontFiles(typeface);
  for (std::size_t i = 0; i < files.size(); ++i) {
    const std::string path = kFontDir + files[i];
    impl->names[i] = std::filesystem::path(path).filename().string();
    std::error_code ec;
    if (!std::filesystem::exists(path, ec))
      return NotFound("font not found: " + path);
    if (FT_New_Face(impl->library, path.c_str(), 0, &impl->faces[i]) != 0) {
      impl->faces[i] = nullptr;
      return IoError("cannot open font " + path);
    }
  }
  return FontSet(std::move(impl));
}

Result<double> FontSet::AdvancePx(const TextRun& run, int dpi) const {
  Result<FT_Pos> pen = impl_->Walk(run, dpi, nullptr);
  if (!pen)
    return pen.status();
  return static_cast<double>(*pen) / 64.0;
}

namespace {

// Multiplies the page by the glyph's coverage (ink darkens, never lightens)
// and grows `box`. False when part of the bitmap falls off the page.
bool Blend(const FT_Bitmap& bitmap, int left, int top, cv::Mat& page, cv::Rect& box) {
  const cv::Rect rect(left, top, static_cast<int>(bitmap.width), static_cast<int>(bitmap.rows));
  if (rect.area() == 0)
    return true;
  const cv::Rect clipped = rect & cv::Rect(0, 0, page.cols, page.rows);
  for (int y = clipped.y; y < clipped.y + clipped.height; ++y) {
    const unsigned char* src = bitmap.buffer + static_cast<std::ptrdiff_t>(y - top) * bitmap.pitch;
    unsigned char* dst = page.ptr<unsigned char>(y);
    for (int x = clipped.x; x < clipped.x + clipped.width; ++x) {
      const int coverage = src[x - left];
      dst[x] = static_cast<unsigned char>(dst[x] * (255 - coverage) / 255);
    }
  }
  box = box.area() == 0 ? clipped : (box | clipped);
  return clipped == rect;
}

}  // namespace

Result<PixelBox> FontSet::Draw(const TextRun& run, int dpi, cv::Mat& page) const {
  const double origin_x = run.x_mm / 25.4 * dpi;
  const double top = run.y_mm / 25.4 * dpi;
  cv::Rect box;
  bool fits = true;
  FT_Face face = impl_->faces[impl_->FaceIndex(run)];
  const GlyphVisitor draw = [&](FT_GlyphSlot slot, FT_Pos pen) -> Status {
    if (FT_Render_Glyph(slot, FT_RENDER_MODE_NORMAL) != 0) {
      return InvalidArgument("cannot render a glyph of '" + run.text + "'");
    }
    // The ascender is known only once the size is set, inside Walk.
    const int baseline =
        static_cast<int>(std::lround(top)) + static_cast<int>(face->size->metrics.ascender >> 6);
    const int left = static_cast<int>(std::lround(origin_x + pen / 64.0)) + slot->bitmap_left;
    fits = Blend(slot->bitmap, left, baseline - slot->bitmap_top, page, box) && fits;
    return Status::Ok();
  };
  Result<FT_Pos> pen = impl_->Walk(run, dpi, draw);
  if (!pen)
    return pen.status();
  if (!fits) {
    return InvalidArgument("text run '" + run.text + "' does not fit on the page");
  }
  return PixelBox{box.x, box.y, box.width, box.height};
}

}  // namespace travet::scangen
