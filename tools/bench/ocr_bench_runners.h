#pragma once

// The systems ocr_bench compares, each run over the same pages.

#include <filesystem>
#include <string>
#include <vector>

#include "ocr/ocr_types.h"
#include "runtime/core/result.h"
#include "tools/bench/ocr_bench_process.h"

namespace travet::ocr_bench {

// What one system read: one PageResult per input image (text always, words
// where the system gives boxes), and how long the whole batch took.
struct SystemRun {
  std::vector<ocr::PageResult> pages;
  std::vector<bool> ok;  // false where the page failed
  double seconds = 0;
  int failed = 0;
  std::string first_failure;
};

// Travet's pipeline in this process: auto preprocessing, default PSM,
// language set `lang`, `engines` engines fed by as many threads, one image
// each.
SystemRun RunTravet(const std::vector<std::filesystem::path>& images, int engines,
                    const std::string& lang = "ita+eng");

// `tesseract IMG OUT -l ita+eng txt tsv`, one page after the other, in the
// default environment (OpenMP on): the plain CLI as a user scripts it; the
// TSV (same recognition) gives words with boxes for field extraction.
Result<SystemRun> RunTesseract(const std::vector<std::filesystem::path>& images,
                               const std::filesystem::path& work);

// `xargs -P$(nproc) tesseract IMG stdout -l ita+eng` with OMP_THREAD_LIMIT=1,
// through /bin/sh: the best a shell user can do. Timing only.
Result<BatchRun> RunXargsTesseract(const std::vector<std::filesystem::path>& images,
                                   const std::filesystem::path& work);

// How ocrmypdf is run.
struct OcrmypdfOptions {
  int jobs = 1;  // files at once
  std::string lang = "ita+eng";
  // --image-dpi: the resolution of images whose file records none (ocrmypdf
  // refuses those otherwise); 0 = not given.
  int image_dpi = 0;
  std::vector<std::string> env;  // added to each child's environment
};

// `ocrmypdf --deskew [--clean] --oversample 300 [--image-dpi N] -l LANG
// --output-type pdf --jobs 1 --sidecar OUT.txt IMG OUT.pdf`, `jobs` files at
// once. --clean only when unpaper is installed.
Result<SystemRun> RunOcrmypdf(const std::vector<std::filesystem::path>& images,
                              const std::filesystem::path& work, const OcrmypdfOptions& options);

// `travet ocr IMG... --json --workers N` as one child process.
Result<BatchRun> RunTravetCli(const std::filesystem::path& travet,
                              const std::vector<std::filesystem::path>& images,
                              const std::filesystem::path& work, int workers);

// Parses Tesseract's TSV output into words (level-5 rows) with line ids.
void ParseTsv(const std::string& tsv, ocr::PageResult& page);

}  // namespace travet::ocr_bench
