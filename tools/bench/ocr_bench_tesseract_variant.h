#pragma once

// Tesseract command lines that ocr_real_bench compares: the plain one and
// tuned ones (segmentation mode, binarisation, upscaling the image first).

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/core/result.h"
#include "tools/bench/ocr_bench_runners.h"

namespace travet::ocr_bench {

// One command line: `tesseract IMG stdout ARGS`, where IMG is the page or,
// with a scale, the page resized by OpenCV (bicubic) and written as PNG.
struct TesseractVariant {
  std::string label;  // as written, e.g. "x2 --dpi 300 --psm 6 -c thresholding_method=2"
  double scale = 1;
  std::vector<std::string> args;
};

// Parses a variant as written on ocr_real_bench's command line: words
// separated by spaces; a first word "xF" (F a number in 0.25..8, "x2",
// "x1.5") scales the image, the rest are tesseract's arguments. "" is the
// plain command line. Errors (kInvalidArgument): "bad scale 'x0' in 'x0
// --psm 6' (0.25..8)".
Result<TesseractVariant> ParseTesseractVariant(std::string_view text);

// How to run a variant over a batch of pages.
struct VariantRunOptions {
  std::string lang = "eng";      // added as `-l LANG` unless the variant has -l
  int jobs = 1;                  // pages at once, each tesseract with OMP_THREAD_LIMIT=1
  std::filesystem::path work;    // a folder of its own for the outputs (must exist)
  std::filesystem::path scaled;  // scaled images, shared by the variants of one run
};

// Reads `images` with `variant`. A page whose tesseract fails or whose image
// cannot be scaled is marked not ok (first_failure says why); the others are
// read. Errors: tesseract cannot be started.
Result<SystemRun> RunTesseractVariant(const std::vector<std::filesystem::path>& images,
                                      const TesseractVariant& variant,
                                      const VariantRunOptions& options);

}  // namespace travet::ocr_bench
