#pragma once

#include <string>
#include <vector>

namespace travet::ocr {

// A rectangle in page pixels (of the page as loaded, before preprocessing
// rescales it), origin top-left.
struct Box {
  int x = 0;
  int y = 0;
  int width = 0;
  int height = 0;
};

// One recognised word.
struct Word {
  std::string text;
  float confidence = 0;  // 0..100, Tesseract's word confidence
  Box box;
  int block = 0;  // ids as Tesseract numbers them, within the page
  int line = 0;   // unique within the page
};

// Wall time spent on one page in each stage, in milliseconds. Recognition
// excludes waiting for a free engine and starting one; a page read twice (an
// upside-down suspect) adds both passes.
struct StageTimes {
  double load_ms = 0;        // decoding the file's page
  double preprocess_ms = 0;  // measuring and fixing it, orientation detection included
  double recognize_ms = 0;   // Tesseract, words and boxes
};

// What happened to one page.
struct PageResult {
  int page = 1;  // 1-based
  int width = 0;
  int height = 0;
  int dpi = 0;               // as read from the file, or assumed
  bool dpi_assumed = false;  // the file recorded no resolution: 300 assumed
  std::string text;
  float confidence = 0;  // mean word confidence, 0..100
  std::vector<Word> words;
  bool from_text_layer = false;     // a born-digital PDF page: no OCR was needed
  std::vector<std::string> stages;  // preprocessing applied, in order, e.g. "deskew:1.8"
  // How many degrees clockwise the content was turned on the page as loaded
  // (0, 90, 180, 270), found and undone before reading; word boxes stay in
  // the page as loaded.
  int orientation = 0;
  StageTimes times;
  // Why the page could not be read (a corrupt page of a TIFF, an image
  // operation that failed); empty when it was. A failed page has no text and
  // no words, and the other pages of the document are read all the same.
  std::string error;
};

struct DocumentResult {
  std::string file;
  std::vector<PageResult> pages;

  // Whether a page could not be read (see PageResult::error).
  bool AnyPageFailed() const {
    for (const PageResult& page : pages) {
      if (!page.error.empty()) {
        return true;
      }
    }
    return false;
  }
};

}  // namespace travet::ocr
