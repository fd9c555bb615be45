#pragma once

#include "ocr/recognise/document_reader.h"
#include "ocr/recognise/page_viewer.h"

namespace travet::cli {

// The process's one reader of scans, for the runs it executes: engines take
// a tenth of a second each to start, so one pool serves every step and run.
ocr::DocumentReader& ScanReader();

// The server's pictures of review pages and reads of boxes drawn on them,
// with engines of their own (ocr/recognise/scan_viewer.h).
ocr::PageViewer& ScanPages();

}  // namespace travet::cli
