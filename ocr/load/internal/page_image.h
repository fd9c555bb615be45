#pragma once

// Internal to ocr/ (includes OpenCV): the decoded pages of a DocumentSource.

#include <opencv2/core.hpp>
#include <string>
#include <vector>

#include "ocr/load/image_header.h"
#include "ocr/load/image_loader.h"
#include "ocr/ocr_types.h"
#include "runtime/core/result.h"

namespace travet::ocr {

// The resolution taken for a file that records none (PageInfo::dpi_assumed):
// what office scanners use by default.
inline constexpr int kAssumedDpi = 300;

struct DocumentSource::Impl {
  std::string name;
  FileFormat format = FileFormat::kUnknown;
  std::string bytes;  // the whole file, read once
  LoadLimits limits;
  std::vector<PageInfo> pages;
};

// One decoded page: 8-bit grey or BGR pixels at the page's own resolution, or,
// for a born-digital PDF page, the words of its text layer (in pixels at
// limits.pdf_dpi) along with its rasterisation.
struct PageImage {
  cv::Mat image;
  PageInfo info;
  bool from_text_layer = false;
  std::string text;
  std::vector<Word> words;
};

// Decodes the page at 0-based `index`. Thread-safe: each call decodes anew.
Result<PageImage> LoadPage(const DocumentSource& source, int index);

// Internal helpers of LoadPage, one per container.
Result<std::vector<PageInfo>> InspectPdf(const DocumentSource::Impl& doc);
Result<PageImage> LoadPdfPage(const DocumentSource::Impl& doc, int index);
Result<std::vector<PageInfo>> InspectTiff(const DocumentSource::Impl& doc);
Result<PageImage> LoadTiffPage(const DocumentSource::Impl& doc, int index);
// The page of a PNG or JPEG file, as grey.
Result<PageImage> LoadPngOrJpeg(const DocumentSource::Impl& doc);

// "cut.png: the image is truncated or corrupt".
Status CorruptImage(const std::string& name);
// Checks a document's page count against the page limit.
Status CheckPageCount(const DocumentSource::Impl& doc, int count);
// Checks `width` x `height` of 1-based `page` against the pixel limit.
Status CheckPixels(const DocumentSource::Impl& doc, int page, std::int64_t width,
                   std::int64_t height);

}  // namespace travet::ocr
