#pragma once

#include <functional>
#include <string>
#include <vector>

#include "ocr/ocr_types.h"
#include "runtime/core/result.h"

namespace travet::ocr {

// How to read a document.
struct RecognizeOptions {
  std::string lang = "ita+eng";  // Tesseract language set: ita, eng, ita+eng ...
  int psm = -1;  // Tesseract page segmentation mode; -1 = the default, 6 (one block)
  std::string preprocess = "auto";  // see ParsePreprocess in ocr/prepare/preprocess.h
  std::vector<int> pages;           // 1-based pages to read; empty = all
  int workers = 0;                  // pages read in parallel; 0 = the pool's size
  // Called after each page (from a worker thread, one call at a time).
  std::function<void(int done, int total)> progress;
  // Asked before each page and reading, and by Tesseract between words (from
  // worker threads, concurrently): once it says true the read ends with
  // kTimeout. A step's `timeout:` stops a long document so.
  std::function<bool()> stop;
};

// Reads scans for those that must not link the image pipeline: the bot
// actions and the engine get one from the program that runs them (the
// `travet` command passes its Recognizer, ocr/recognise/recognizer.h), so
// that a program without OCR (the step benchmark, the fuzzers) loads no
// OpenCV or Tesseract.
class DocumentReader {
 public:
  virtual ~DocumentReader() = default;
  // Reads the document whose whole content is `bytes` (PNG, JPEG, TIFF or
  // PDF), named `name` in messages; errors as Recognizer::Read's.
  virtual Result<DocumentResult> ReadBytes(std::string name, std::string bytes,
                                           const RecognizeOptions& options) = 0;
};

}  // namespace travet::ocr
