#pragma once

// Pages of a scanned document shown to a person who checks what was read:
// the page as a picture, and the text of a box drawn on it. An interface, as
// DocumentReader is, so that the server links no image library itself: the
// program that serves passes a ScanViewer (ocr/recognise/scan_viewer.h).

#include <string>

#include "ocr/ocr_types.h"
#include "runtime/core/result.h"

namespace travet::ocr {

// A document's whole content and a key that changes whenever the content
// does (its path, size and modification time): pages decoded under one key
// are reused by later calls.
struct ScanFile {
  std::string key;
  std::string name;  // in messages: "scan.png"
  std::string bytes;
};

// One page as a PNG picture.
struct PagePicture {
  std::string png;
  int width = 0;  // of the picture
  int height = 0;
  // The page as loaded, the space of word and field boxes (ocr::Box): an
  // image's own pixels, a PDF page rasterised at LoadLimits::pdf_dpi. A box
  // maps onto the picture scaled by width / page_width.
  int page_width = 0;
  int page_height = 0;
  int page_count = 0;  // of the document
};

// The size of one page as loaded (the space of boxes) and its document's
// page count.
struct PageSize {
  int width = 0;
  int height = 0;
  int page_count = 0;
};

// What was read in a box of a page.
struct RegionText {
  std::string text;      // lines joined by '\n', words by one space; may be empty
  float confidence = 0;  // mean word confidence, 0..100; 0 when nothing was read
};

class PageViewer {
 public:
  virtual ~PageViewer() = default;

  // Page `page` (1-based) of `file` as an 8-bit grey PNG `width` pixels wide
  // (the height keeps the aspect), or at the page's own width when `width`
  // is 0 or larger: a picture is never scaled up. Errors: those of
  // DocumentSource::Open, kNotFound "scan.png: page 3 does not exist (the
  // document has 1 page)".
  virtual Result<PagePicture> RenderPage(const ScanFile& file, int page, int width) = 0;

  // The size of page `page` (1-based) of `file`; errors as RenderPage's.
  virtual Result<PageSize> MeasurePage(const ScanFile& file, int page) = 0;

  // Reads `box` (in the page-as-loaded space) of page `page` of `file` with
  // Tesseract in language set `lang`. Errors: those of RenderPage; kInvalidArgument
  // "box [10, 20, 0, 5] is empty" or "box [...] is not inside page 1 (2480 x
  // 3508 pixels)".
  virtual Result<RegionText> ReadRegion(const ScanFile& file, int page, const Box& box,
                                        const std::string& lang) = 0;
};

}  // namespace travet::ocr
