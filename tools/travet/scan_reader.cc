#include "tools/travet/scan_reader.h"

#include "ocr/recognise/recognizer.h"

namespace travet::cli {

ocr::DocumentReader& ScanReader() {
  static ocr::Recognizer recognizer;
  return recognizer;
}

}  // namespace travet::cli
