#pragma once

// Real text images for the OCR tests: pages rendered with TrueType fonts by
// the scan generator's renderer, turned by known angles, packed into TIFF and
// PDF files.

#include <filesystem>
#include <opencv2/core.hpp>
#include <string>
#include <vector>

#include "tools/scangen/page_renderer.h"

namespace travet::ocr::testing {

// Italian lines (accents included) that Tesseract reads exactly when clean.
std::vector<std::string> SampleLines();

// A page of `lines` in 12 pt Liberation Sans, 25 mm from the top-left corner.
scangen::PageSpec TextPage(const std::vector<std::string>& lines, double width_mm = 180,
                           double height_mm = 110, int dpi = 300);

// The page rendered to 8-bit grey; fails the calling test when rendering does.
cv::Mat RenderGray(const scangen::PageSpec& spec);

// `gray` turned counter-clockwise by `degrees` on a grown white canvas.
cv::Mat RotateCcw(const cv::Mat& gray, double degrees);

// Writes `image` as PNG (no pHYs chunk) and returns the path.
std::filesystem::path WritePng(const cv::Mat& image, const std::filesystem::path& path);

// A PDF whose pages each show one JPEG of `pages` (no text layer).
std::string ImageOnlyPdf(const std::vector<cv::Mat>& pages, int dpi);

// A born-digital A4 PDF with `lines` in Helvetica, one page.
std::string TextLayerPdf(const std::vector<std::string>& lines);

// The Levenshtein distance between `a` and `b`, in bytes.
size_t EditDistance(const std::string& a, const std::string& b);

// `text` with runs of whitespace collapsed to one space and trimmed.
std::string Squash(const std::string& text);

}  // namespace travet::ocr::testing
