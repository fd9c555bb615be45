#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "ocr/image_loader.h"
#include "ocr/ocr_types.h"
#include "runtime/core/result.h"

namespace travet::ocr {

// How to read a document.
struct RecognizeOptions {
  std::string lang = "ita+eng";  // Tesseract language set: ita, eng, ita+eng ...
  int psm = -1;  // Tesseract page segmentation mode; -1 = the default, 6 (one block)
  std::string preprocess = "auto";  // see ParsePreprocess in ocr/preprocess.h
  std::vector<int> pages;           // 1-based pages to read; empty = all
  int workers = 0;                  // pages read in parallel; 0 = the pool's size
  // Called after each page (from a worker thread, one call at a time).
  std::function<void(int done, int total)> progress;
  // Asked before each page and reading, and by Tesseract between words (from
  // worker threads, concurrently): once it says true the read ends with
  // kTimeout. A step's `timeout:` stops a long document so.
  std::function<bool()> stop;
};

// Reads documents (PNG, JPEG, TIFF, PDF) into words with boxes. Keeps a pool
// of initialised Tesseract engines (at most `workers` per language set,
// started on first use) across calls. Read may be called from several threads
// at once; they share the engines.
class Recognizer {
 public:
  // `workers` = 0: one engine per hardware thread.
  explicit Recognizer(int workers = 0);
  ~Recognizer();
  Recognizer(const Recognizer&) = delete;
  Recognizer& operator=(const Recognizer&) = delete;

  // Reads `file`: pages in parallel, results in page order; a born-digital PDF
  // page is taken from its text layer. Errors: those of DocumentSource::Open
  // (ocr/image_loader.h), of ParsePreprocess, an unknown language
  // (kFailedPrecondition), "scan.pdf: page 7 does not exist (the document has
  // 3 pages)", or the first page's error when no page could be read. A page
  // that fails while others are read stays in the result with its `error`
  // (a corrupt TIFF page, an image operation that threw). A read that
  // options.stop ended fails with kTimeout ("scan.tif: reading stopped before
  // its 9 pages were read").
  Result<DocumentResult> Read(const std::filesystem::path& file, const RecognizeOptions& options);
  // The same for a document already opened (DocumentSource::FromBytes).
  Result<DocumentResult> Read(const DocumentSource& source, const RecognizeOptions& options);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace travet::ocr
