#pragma once

#include <vector>

#include "runtime/actions/action.h"

namespace travet::actions {

// `ocr.read` (text and words of a scan) and `ocr.extract` (typed, validated
// fields with a review verdict). Both share one process-wide pool of
// Tesseract engines, started on first use.
std::vector<ActionDef> OcrActions();

}  // namespace travet::actions
