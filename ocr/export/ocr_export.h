#pragma once

#include <filesystem>
#include <string>

#include "ocr/ocr_types.h"
#include "ocr/recognise/recognizer.h"
#include "runtime/core/status.h"

namespace travet::ocr {

// Tesseract-style TSV: a header line, then per page a level-1 row (the page
// size) and a level-5 row per word: level page_num block_num par_num line_num
// word_num left top width height conf text. Tabs and newlines in a word
// become spaces.
std::string ToTsv(const DocumentResult& document);

// hOCR 1.2 as XHTML: per page a div.ocr_page, per block a div.ocr_carea, per
// line a span.ocr_line, per word a span.ocrx_word with "bbox l t r b;
// x_wconf N" (boxes in page pixels as loaded).
std::string ToHocr(const DocumentResult& document);

// Writes `out_pdf`: every page of `input` (or options.pages) as its
// preprocessed image with an invisible text layer from Tesseract's PDF
// renderer, so that the PDF can be searched and copied from. Written to a
// temporary file beside `out_pdf` and renamed into place. Pages are read one
// after another (the renderer needs them in order). Errors: those of
// Recognizer::Read, kIoError when the output cannot be written.
Status WriteSearchablePdf(const std::filesystem::path& input, const std::filesystem::path& out_pdf,
                          const RecognizeOptions& options);

}  // namespace travet::ocr
