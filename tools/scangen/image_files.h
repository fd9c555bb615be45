#pragma once

#include <filesystem>
#include <opencv2/core.hpp>
#include <string_view>
#include <vector>

#include "runtime/core/result.h"

namespace travet::scangen {

enum class OutputFormat { kPng, kJpg, kTiff, kPdf };

// "png", "jpg", "tiff", "pdf": also the file extension.
std::string_view FormatName(OutputFormat format);

// The format named `name`; kInvalidArgument lists the known names.
Result<OutputFormat> ParseFormat(std::string_view name);

// Whether one file holds all the pages of a document (TIFF, PDF).
bool IsMultiPage(OutputFormat format);

// An 8-bit grayscale page and its resolution.
struct OutputPage {
  cv::Mat image;
  int dpi = 300;
};

// Writes `pages` to `path` in `format`, atomically, with the dpi recorded in
// the file (PNG pHYs, JFIF density, TIFF resolution tags, PDF page size).
// PNG and JPEG (quality 92) take exactly one page; TIFF (LZW) and PDF (one
// JPEG per page) take any number. Deterministic bytes. kIoError names the
// path; kInternal reports an OpenCV failure.
Status WritePages(const std::vector<OutputPage>& pages, OutputFormat format,
                  const std::filesystem::path& path);

}  // namespace travet::scangen
