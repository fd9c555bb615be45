// OCR benchmark on real scans (../shared/realscans: scanned receipts and
// forms with their ground truth, never part of this repository): CER of
// Travet's pipeline, of plain `tesseract`, of tuned tesseract command lines
// and of `ocrmypdf --deskew --clean`; where Travet reads a page worse than
// plain tesseract; field accuracy and the calibration curve of the
// acceptance threshold on the receipts; and, given a travet-scangen set too,
// plain tesseract's CER on generated vs real pages and the generated set's
// calibration curve.
//
//   ocr_real_bench [--real ../shared/realscans] [--set /tmp/scans]
//                  [--only receipts|forms] [--limit N] [--jobs N] [--lang eng]
//                  [--fields FILE]... [--tesseract 'x2 --psm 6']... [--search]
//                  [--plain-only]
//                  [--threshold 85] [--skip-travet] [--skip-ocrmypdf]
//                  [--show-misses] [--json OUT]
//
// A tesseract command line is written as its arguments after `stdout`; a
// first word "x2" upscales the page first (OpenCV, bicubic, to a PNG).
// Without --real and without ../shared/realscans, it says so and exits 0.
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>

#include "tools/bench/ocr_bench_real.h"
#include "tools/bench/ocr_bench_real_json.h"
#include "tools/bench/ocr_real_bench_run.h"

namespace {

namespace fs = std::filesystem;
using namespace travet::ocr_bench;  // NOLINT: a main file

constexpr const char* kUsage =
    "usage: ocr_real_bench [--real DIR] [--set DIR] [--only receipts|forms] [--limit N] "
    "[--jobs N] [--lang L] [--fields FILE]... [--tesseract 'ARGS']... [--search] "
    "[--plain-only] [--threshold T] [--skip-travet] [--skip-ocrmypdf] [--show-misses] [--json "
    "OUT]\n";

bool ParseFlag(const std::string& a, RealBenchOptions& o) {
  if (a == "--search") {
    o.search = true;
  } else if (a == "--plain-only") {
    o.plain_only = true;
  } else if (a == "--skip-travet") {
    o.skip_travet = true;
  } else if (a == "--skip-ocrmypdf") {
    o.skip_ocrmypdf = true;
  } else if (a == "--show-misses") {
    o.show_misses = true;
  } else {
    return false;
  }
  return true;
}

bool ParseValue(const std::string& a, const char* v, RealBenchOptions& o, fs::path& json) {
  if (a == "--real") {
    o.real = v;
    o.real_given = true;
  } else if (a == "--set") {
    o.set = v;
  } else if (a == "--only" && (std::string(v) == "receipts" || std::string(v) == "forms")) {
    o.only = v;
  } else if (a == "--limit") {
    o.limit = std::max(0, std::atoi(v));
  } else if (a == "--jobs") {
    o.jobs = std::max(1, std::atoi(v));
  } else if (a == "--lang") {
    o.lang = v;
  } else if (a == "--fields") {
    o.fields.push_back(v);
  } else if (a == "--tesseract") {
    o.variants.push_back(v);
  } else if (a == "--threshold") {
    o.threshold = std::atof(v);
  } else if (a == "--json") {
    json = v;
  } else {
    return false;
  }
  return true;
}

bool ParseArgs(int argc, char** argv, RealBenchOptions& o, fs::path& json) {
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (ParseFlag(a, o) || (i + 1 < argc && ParseValue(a, argv[i + 1], o, json) && ++i)) {
      continue;
    }
    std::fprintf(stderr, "ocr_real_bench: unknown or incomplete option '%s'\n%s", a.c_str(),
                 kUsage);
    return false;
  }
  if (o.fields.empty()) {
    o.fields = {fs::path(TRAVET_BENCH_DIR) / "receipt_fields.yaml",
                fs::path(TRAVET_BENCH_DIR) / "receipt_fields_pick.yaml",
                fs::path(TRAVET_BENCH_DIR) / "receipt_fields_checked.yaml"};
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  RealBenchOptions o;
  fs::path json;
  if (!ParseArgs(argc, argv, o, json)) {
    return 2;
  }
  if (!fs::is_directory(o.real)) {
    std::fprintf(stderr, "ocr_real_bench: %s: no such folder; %s\n", o.real.string().c_str(),
                 o.real_given ? "nothing measured"
                              : "the real scans are not here, skipped (give --real DIR)");
    return o.real_given ? 1 : 0;
  }
  o.work = fs::temp_directory_path() / ("ocr-real-bench-" + std::to_string(getpid()));
  fs::create_directories(o.work);
  auto results = RunRealBench(o);
  std::error_code ec;
  fs::remove_all(o.work, ec);
  if (!results) {
    std::fprintf(stderr, "ocr_real_bench: %s\n", results.error().message().c_str());
    return 1;
  }
  PrintRealReport(*results);
  if (!json.empty()) {
    std::ofstream(json) << RealJson(*results).dump(2) << '\n';
  }
  return 0;
}
