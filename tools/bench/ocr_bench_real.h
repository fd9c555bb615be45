#pragma once

// What ocr_real_bench measured on the real scans, and how it is printed.

#include <map>
#include <string>
#include <vector>

#include "tools/bench/ocr_bench_field_tally.h"
#include "tools/bench/ocr_bench_text.h"

namespace travet::ocr_bench {

// Mean, median and quartiles of per-page CERs, and the pooled CER (all edits
// over all reference characters).
struct CerSummary {
  int pages = 0;
  double mean = 0;
  double q1 = 0;
  double median = 0;
  double q3 = 0;
  double pooled = 0;
};

// The summary of `pages` (quartiles by linear interpolation between ranks).
CerSummary Summarise(const std::vector<CerCount>& pages);

// One system's reading of one set, page by page.
struct SystemCer {
  std::string name;  // "travet", "tesseract", "tesseract x2 --psm 6", "ocrmypdf"
  bool measured = false;
  std::string note;  // why it was not measured, or how many pages failed
  std::vector<CerCount> pages;
  double seconds = 0;
};

// Field accuracy of one field spec file on the receipts.
struct SpecReport {
  std::string path;
  std::string error;                           // the spec did not load: nothing else is set
  std::map<std::string, FieldTally> by_field;  // at the headline threshold
  std::vector<CurvePointByType> curve;         // thresholds 50..99
};

// One set (receipts or forms).
struct SetReport {
  std::string name;
  std::vector<std::string> pages;  // page names, in the order of SystemCer::pages
  std::vector<SystemCer> systems;  // travet first, then plain tesseract, variants, ocrmypdf
  std::vector<SpecReport> specs;   // receipts only
};

// The generated set, when one is given: plain tesseract's CER and the
// calibration curve of its field spec.
struct GeneratedReport {
  std::string path;
  std::string note;  // why it was not measured
  SystemCer tesseract;
  std::vector<CurvePointByType> curve;
};

struct RealResults {
  std::string root;
  std::string lang;
  double threshold = 85;
  std::vector<SetReport> sets;
  GeneratedReport generated;
};

// The system of `set` named `name`; nullptr when it was not run.
const SystemCer* FindSystem(const SetReport& set, const std::string& name);

// Prints the CER table per set, the page-by-page comparison of Travet with
// plain tesseract, field accuracy, the calibration curves and the generated
// vs real comparison.
void PrintRealReport(const RealResults& r);

}  // namespace travet::ocr_bench
