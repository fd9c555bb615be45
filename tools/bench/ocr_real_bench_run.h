#pragma once

// What ocr_real_bench runs: each system over each real set, the field specs
// over the receipts, and the generated set's comparison.

#include <filesystem>
#include <string>
#include <vector>

#include "runtime/core/result.h"
#include "tools/bench/ocr_bench_real.h"

namespace travet::ocr_bench {

// The tesseract command lines always measured besides the plain one: the
// best found by measurement on the real sets (docs/ocr-benchmark.md).
extern const std::vector<std::string> kTunedTesseract;

// The command lines --search adds: segmentation modes, Sauvola binarisation,
// upscaling, the LSTM engine alone, and their combinations.
extern const std::vector<std::string> kSearchTesseract;

struct RealBenchOptions {
  std::filesystem::path real = "../shared/realscans";
  bool real_given = false;
  std::filesystem::path set;  // a travet-scangen set; empty = none
  std::string only;           // "receipts", "forms" or "" for both
  int limit = 0;              // first N pages of each set; 0 = all
  int jobs = 2;               // Travet engines, tesseract and ocrmypdf processes at once
  std::string lang = "eng";   // for the real sets (the generated set is read ita+eng)
  std::vector<std::filesystem::path> fields;  // receipt field specs
  std::vector<std::string> variants;          // extra tesseract command lines
  bool search = false;
  bool plain_only = false;  // no tuned tesseract lines: quicker, for trying a change
  double threshold = 85;    // the headline acceptance threshold
  bool skip_travet = false;
  bool skip_ocrmypdf = false;
  bool show_misses = false;    // each wrong receipt field on stderr
  std::filesystem::path work;  // scratch folder (exists)
};

// Measures what `options` asks for. Errors: a set cannot be loaded, a
// tesseract command line does not parse, or a program cannot be started. A
// field spec that does not load is reported in its SpecReport, not as an
// error.
Result<RealResults> RunRealBench(const RealBenchOptions& options);

}  // namespace travet::ocr_bench
