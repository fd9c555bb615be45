#pragma once

// ocr_real_bench's results as JSON (--json OUT).

#include "runtime/core/value.h"
#include "tools/bench/ocr_bench_real.h"

namespace travet::ocr_bench {

// Per set: each system's summary and every page's CER ({"pages": [{"name",
// "cer": {system: rate}, "reference_chars"}]}), the field tallies and curves
// of each spec; the generated set's summary and curve.
Value RealJson(const RealResults& r);

}  // namespace travet::ocr_bench
