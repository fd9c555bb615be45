#pragma once

// Internal to ocr/: one page through preprocessing and one Tesseract engine.

#include <tesseract/baseapi.h>

#include <functional>

#include "ocr/load/internal/page_image.h"
#include "ocr/ocr_types.h"
#include "ocr/prepare/internal/prepared_page.h"
#include "ocr/recognise/internal/engine_pool.h"

namespace travet::ocr {

// The 0-based indices of the 1-based `wanted` pages (all when empty).
// Errors: "scan.pdf: page 7 does not exist (the document has 3 pages)".
Result<std::vector<int>> SelectPages(const DocumentSource& source, const std::vector<int>& wanted);

// The page segmentation mode used when the caller asks for none (-1).
int DefaultPsm();

// Preprocesses `page`, borrowing an orientation engine from `pool` when the
// plan includes orientation.
PreparedPage Prepare(const PageImage& page, const PreprocessPlan& plan, EnginePool& pool,
                     bool suspects_rotation = false);

// Asked by Tesseract between words; true cancels the recognition.
using StopCheck = std::function<bool()>;

// How to read one prepared page.
struct PageRead {
  int psm = -1;         // Tesseract's segmentation mode; -1: the default
  int page_number = 0;  // fills PageResult.page
  StopCheck stop;       // says true: the read ends with kTimeout
};

// Recognises `prepared` with `api` (whose language is already set) and returns
// the words with boxes mapped back to the page as loaded (`info`).
Result<PageResult> RecognizePage(tesseract::TessBaseAPI& api, const PreparedPage& prepared,
                                 const PageInfo& info, const PageRead& read);

// Loads `api` with `prepared` and its settings, ready for Recognize().
void SetPage(tesseract::TessBaseAPI& api, const PreparedPage& prepared, int psm);

// The PageResult of a born-digital page (its text layer, no OCR).
PageResult TextLayerPage(const PageImage& page, int page_number);

}  // namespace travet::ocr
