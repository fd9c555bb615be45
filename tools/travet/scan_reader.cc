#include "tools/travet/scan_reader.h"

#include "ocr/recognise/recognizer.h"
#include "ocr/recognise/scan_viewer.h"

namespace travet::cli {

ocr::DocumentReader& ScanReader() {
  static ocr::Recognizer recognizer;
  return recognizer;
}

ocr::PageViewer& ScanPages() {
  static ocr::ScanViewer viewer;
  return viewer;
}

}  // namespace travet::cli
