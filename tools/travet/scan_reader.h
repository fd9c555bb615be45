#pragma once

#include "ocr/recognise/document_reader.h"

namespace travet::cli {

// The process's one reader of scans, for the runs it executes: engines take
// a tenth of a second each to start, so one pool serves every step and run.
ocr::DocumentReader& ScanReader();

}  // namespace travet::cli
