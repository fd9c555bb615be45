// Image pages: every page of a multi-page TIFF from memory (with its
// resolution tags and fax G3/G4 pages) and JPEG through Leptonica, PNG through
// libpng straight into the page's rows (ocr/load/internal/png_decode.h), which saves
// Leptonica's copies and conversions. Decoding here rather than with OpenCV's
// imgcodecs keeps GDAL and its dozens of libraries out of every Travet process.
#include <leptonica/allheaders.h>

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <memory>
#include <mutex>
#include <opencv2/imgproc.hpp>

#include "ocr/load/internal/page_image.h"
#include "ocr/load/internal/png_decode.h"
#include "ocr/recognise/internal/pix_ptr.h"

namespace travet::ocr {
namespace {

void SilenceLeptonica() {
  static std::once_flag once;
  std::call_once(once, [] { leptSetStderrHandler([](const char*) {}); });
}

const l_uint8* Data(const DocumentSource::Impl& doc) {
  return reinterpret_cast<const l_uint8*>(doc.bytes.data());
}

int CountPages(const DocumentSource::Impl& doc) {
  FILE* f = fmemopen(const_cast<char*>(doc.bytes.data()), doc.bytes.size(), "rb");
  if (f == nullptr) {
    return 0;
  }
  l_int32 count = 0;
  if (tiffGetCount(f, &count) != 0) {
    count = 0;
  }
  std::fclose(f);
  return count;
}

// Any depth or colormap to 8-bit grey (1 bit: 0 is white), owned by a Mat.
cv::Mat ToGrayMat(PIX* pix) {
  PixPtr gray(pixGetDepth(pix) == 32 ? pixConvertRGBToLuminance(pix) : pixConvertTo8(pix, 0));
  if (!gray) {
    return {};
  }
  const int w = pixGetWidth(gray.get());
  const int h = pixGetHeight(gray.get());
  cv::Mat out(h, w, CV_8U);
  for (int y = 0; y < h; ++y) {
    const l_uint32* line =
        pixGetData(gray.get()) + static_cast<std::ptrdiff_t>(y) * pixGetWpl(gray.get());
    auto* row = out.ptr<unsigned char>(y);
    // Leptonica keeps the bytes of each 32-bit word in big-endian order:
    // swapping whole words is 5x faster than reading byte by byte.
    const int whole = std::endian::native == std::endian::little ? w / 4 : 0;
    for (int k = 0; k < whole; ++k) {
      const std::uint32_t word = __builtin_bswap32(line[k]);
      std::memcpy(row + std::ptrdiff_t{4} * k, &word, 4);
    }
    for (int x = 4 * whole; x < w; ++x) {
      row[x] = static_cast<unsigned char>(GET_DATA_BYTE(line, x));
    }
  }
  return out;
}

}  // namespace

Result<std::vector<PageInfo>> InspectTiff(const DocumentSource::Impl& doc) {
  SilenceLeptonica();
  const int count = CountPages(doc);
  if (count <= 0) {
    return CorruptImage(doc.name);
  }
  TRAVET_RETURN_IF_ERROR(CheckPageCount(doc, count));
  std::vector<PageInfo> pages;
  for (int n = 0; n < count; ++n) {
    l_int32 w = 0, h = 0, bps = 0, spp = 0, res = 0, cmap = 0, format = 0;
    if (readHeaderMemTiff(Data(doc), doc.bytes.size(), n, &w, &h, &bps, &spp, &res, &cmap,
                          &format) != 0 ||
        w <= 0 || h <= 0) {
      return CorruptImage(doc.name);
    }
    TRAVET_RETURN_IF_ERROR(CheckPixels(doc, n + 1, w, h));
    PageInfo info;
    info.width = w;
    info.height = h;
    info.dpi = res > 0 ? res : kAssumedDpi;
    info.dpi_assumed = res <= 0;
    pages.push_back(info);
  }
  return pages;
}

namespace {

// The page in `pix` as grey, checked against the size the header promised.
Result<PageImage> FromPix(const DocumentSource::Impl& doc, PixPtr pix, int index) {
  if (!pix) {
    return CorruptImage(doc.name);
  }
  if (pixGetSpp(pix.get()) == 4) {
    pix.reset(pixRemoveAlpha(pix.get()));  // over white: a clear background reads as paper
  }
  PageImage page;
  page.info = doc.pages.at(index);
  page.image = pix ? ToGrayMat(pix.get()) : cv::Mat();
  if (page.image.empty() || page.image.cols != page.info.width ||
      page.image.rows != page.info.height) {
    return CorruptImage(doc.name);
  }
  return page;
}

}  // namespace

Result<PageImage> LoadTiffPage(const DocumentSource::Impl& doc, int index) {
  SilenceLeptonica();
  return FromPix(doc, PixPtr(pixReadMemTiff(Data(doc), doc.bytes.size(), index)), index);
}

Result<PageImage> LoadPngOrJpeg(const DocumentSource::Impl& doc) {
  if (doc.format != FileFormat::kPng) {
    SilenceLeptonica();
    return FromPix(doc, PixPtr(pixReadMem(Data(doc), doc.bytes.size())), 0);
  }
  auto gray = DecodePngGray(doc.bytes, doc.name);
  if (!gray) {
    return gray.error();
  }
  PageImage page;
  page.info = doc.pages.at(0);
  if (gray->cols != page.info.width || gray->rows != page.info.height) {
    return CorruptImage(doc.name);
  }
  page.image = std::move(*gray);
  return page;
}

}  // namespace travet::ocr
