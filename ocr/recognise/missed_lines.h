#pragma once

#include "ocr/ocr_types.h"

namespace travet::ocr {

// Adds to `kept` the lines `other` read where `kept` read nothing: a line of
// `other` whose words overlap no word of `kept` and whose mean confidence is
// at least `sure`. Each such line goes in as a line of its own, before the
// first line of `kept` that lies below it; the text and the confidence of
// `kept` are then made again from its words. Both readings are of the same
// page, their boxes in the page as loaded.
//
// Why: one segmentation may miss a whole line that another reads well, e.g.
// a receipt's TOTAL printed at twice the body's size is dropped by a reading
// in one block and read by Tesseract's page layout analysis. Choosing one
// reading for the page loses that line either way; taking it from the other
// loses nothing the kept reading had.
void AddMissedLines(PageResult& kept, const PageResult& other, float sure);

}  // namespace travet::ocr
