#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "ocr/load/image_loader.h"
#include "ocr/ocr_types.h"
#include "ocr/recognise/document_reader.h"
#include "runtime/core/result.h"

namespace travet::ocr {

// Reads documents (PNG, JPEG, TIFF, PDF) into words with boxes. Keeps a pool
// of initialised Tesseract engines (at most `workers` per language set,
// started on first use) across calls. Read may be called from several threads
// at once; they share the engines.
class Recognizer final : public DocumentReader {
 public:
  // `workers` = 0: one engine per hardware thread.
  explicit Recognizer(int workers = 0);
  ~Recognizer();
  Recognizer(const Recognizer&) = delete;
  Recognizer& operator=(const Recognizer&) = delete;

  // Reads `file`: pages in parallel, results in page order; a born-digital PDF
  // page is taken from its text layer. Errors: those of DocumentSource::Open
  // (ocr/load/image_loader.h), of ParsePreprocess, an unknown language
  // (kFailedPrecondition), "scan.pdf: page 7 does not exist (the document has
  // 3 pages)", or the first page's error when no page could be read. A page
  // that fails while others are read stays in the result with its `error`
  // (a corrupt TIFF page, an image operation that threw). A read that
  // options.stop ended fails with kTimeout ("scan.tif: reading stopped before
  // its 9 pages were read").
  Result<DocumentResult> Read(const std::filesystem::path& file, const RecognizeOptions& options);
  // The same for a document already opened (DocumentSource::FromBytes).
  Result<DocumentResult> Read(const DocumentSource& source, const RecognizeOptions& options);
  // DocumentReader: opens `bytes` (DocumentSource::FromBytes) and reads it.
  Result<DocumentResult> ReadBytes(std::string name, std::string bytes,
                                   const RecognizeOptions& options) override;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace travet::ocr
