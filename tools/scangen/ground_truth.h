#pragma once

#include <string>
#include <vector>

#include "runtime/core/value.h"
#include "tools/scangen/degrade.h"
#include "tools/scangen/document.h"
#include "tools/scangen/page_renderer.h"

namespace travet::scangen {

// The ground truth of one page as it ends up in an image: its text, its
// lines with their boxes in the output image, and what was done to it.
// {"page", "text", "dpi", "skew_degrees", "rotation", "width", "height",
//  "degradation": {...}, "page_corners": [[x, y] x 4], "lines": [{"text",
//  "box": [x, y, w, h]}]}
Value PageGroundTruth(int page_number, const DocumentPage& page,
                      const std::vector<PixelBox>& run_boxes, const DegradedPage& degraded);

// Where a document came from, for reproducing it.
struct Provenance {
  std::string name;   // file name without extension
  std::string image;  // the image file the JSON describes
  std::uint64_t seed = 0;
  int index = 0;
  Condition condition = Condition::kClean;
};

// The JSON written beside an image file holding `pages` (PageGroundTruth
// values) of `doc`: {"kind", "condition", "text", "fields", "dpi",
// "skew_degrees", "rotation", "page_count", "pages", "image", "generator"}.
// `text` joins the pages' texts with a form feed; dpi, skew_degrees and
// rotation are those of the first page.
Value FileGroundTruth(const Document& doc, const Provenance& provenance,
                      const std::vector<Value>& pages);

}  // namespace travet::scangen
