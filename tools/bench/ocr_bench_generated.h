#pragma once

// The generated side of ocr_real_bench: plain tesseract's CER on a
// travet-scangen set (to compare with the real sets) and the calibration
// curve of the set's field spec.

#include <filesystem>

#include "tools/bench/ocr_bench_real.h"

namespace travet::ocr_bench {

struct GeneratedOptions {
  std::filesystem::path set;   // travet-scangen output, with its fields.yaml
  std::filesystem::path work;  // scratch folder (created)
  int jobs = 2;
  int limit = 0;             // first N pages (documents with a page beyond are left out); 0 = all
  bool skip_travet = false;  // no curve
};

// Plain `tesseract IMG stdout -l ita+eng` over every page (CER with the real
// sets' definition, case kept), and Travet (ita+eng) for the curve of the
// fields of its fields.yaml, thresholds 50..99, over the documents that have
// a true value for each of those fields. A set or spec that cannot be loaded
// is reported in `note`.
GeneratedReport MeasureGenerated(const GeneratedOptions& options);

}  // namespace travet::ocr_bench
