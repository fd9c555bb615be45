#pragma once

#include <memory>
#include <string>

#include "ocr/recognise/page_viewer.h"

namespace travet::ocr {

// How many engines and decoded pages a ScanViewer keeps.
struct ScanViewerOptions {
  // Tesseract engines for boxes read at once; more callers wait for one.
  // Its own engines, not a Recognizer's: a box drawn by a person must not
  // wait behind the pages of a long document a worker is reading.
  int engines = 2;
  // Decoded pages kept for the next picture or box of the same page (an A4
  // page at 300 dpi is 8.7 MB of grey), least recently used dropped first.
  size_t cached_bytes = 96u << 20;
};

// The PageViewer of the image pipeline: decodes pages with the loader
// (DocumentSource; PDF pages rasterised with poppler at 300 dpi), scales
// them with OpenCV, encodes them with libpng and reads boxes with its own
// Tesseract engines, started on first use. Thread-safe.
class ScanViewer final : public PageViewer {
 public:
  explicit ScanViewer(ScanViewerOptions options = {});
  ~ScanViewer() override;
  ScanViewer(const ScanViewer&) = delete;
  ScanViewer& operator=(const ScanViewer&) = delete;

  Result<PagePicture> RenderPage(const ScanFile& file, int page, int width) override;
  Result<PageSize> MeasurePage(const ScanFile& file, int page) override;
  Result<RegionText> ReadRegion(const ScanFile& file, int page, const Box& box,
                                const std::string& lang) override;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace travet::ocr
