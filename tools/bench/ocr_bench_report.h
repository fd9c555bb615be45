#pragma once

// What ocr_bench measured, the targets of issue 3, and how it is printed.

#include <string>
#include <vector>

#include "runtime/core/value.h"
#include "tools/bench/ocr_bench_fields.h"
#include "tools/bench/ocr_bench_text.h"

namespace travet::ocr_bench {

// Accuracy of one condition (or a pool of them).
struct ConditionRow {
  std::string condition;
  int pages = 0;
  CerCount travet;
  CerCount tesseract;
  CerCount ocrmypdf;
  FieldCount fields;            // Travet, at the headline threshold
  FieldCount tesseract_fields;  // the same extraction over tesseract's TSV words
};

// Acceptance at one threshold.
struct CurvePoint {
  int threshold = 0;
  FieldCount clean;
  FieldCount degraded;  // skewed, fax, noisy, lowdpi
  FieldCount all;
};

// One throughput line: `pages` in `seconds` of wall time.
struct Throughput {
  std::string name;
  bool measured = false;
  int pages = 0;
  double seconds = 0;
  std::string note;
  double PagesPerMinute() const { return seconds > 0 ? pages * 60.0 / seconds : 0; }
};

struct Results {
  std::string set;
  double threshold = ocr::kDefaultMinConfidence;
  std::vector<ConditionRow> rows;
  ConditionRow degraded;  // the pool of skewed, fax, noisy, lowdpi
  ConditionRow all;
  std::vector<CurvePoint> curve;
  bool tesseract = false;
  bool ocrmypdf = false;
  Throughput travet;
  Throughput tesseract_sequential;
  Throughput xargs;
  Throughput cli;
  Throughput ocrmypdf_run;
  double load_ms = 0;
  double preprocess_ms = 0;
  double recognize_ms = 0;
  double extract_ms = 0;
  long rss_kb = 0;
  int engines = 2;
};

// Prints the table, the curve, the throughput lines and PASS/MISS per target.
void PrintReport(const Results& r);

// The same as JSON.
Value ToJson(const Results& r);

}  // namespace travet::ocr_bench
