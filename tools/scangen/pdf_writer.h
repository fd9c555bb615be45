#pragma once

#include <string>
#include <vector>

namespace travet::scangen {

// One page of an image-only PDF: a baseline JPEG of a grayscale image.
struct PdfImagePage {
  std::string jpeg;
  int width_px = 0;
  int height_px = 0;
  int dpi = 300;  // sets the page size: width_px / dpi inches
};

// A minimal PDF 1.4 whose pages each show one JPEG (DCTDecode, DeviceGray),
// like a scanner's PDF: no text layer, no metadata, no dates, so the same
// pages give the same bytes.
std::string ImageOnlyPdf(const std::vector<PdfImagePage>& pages);

}  // namespace travet::scangen
