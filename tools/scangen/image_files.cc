#include "tools/scangen/image_files.h"

#include <opencv2/imgcodecs.hpp>
#include <string>
#include <system_error>

#include "runtime/core/atomic_write.h"
#include "tools/scangen/image_encoding.h"
#include "tools/scangen/pdf_writer.h"

namespace travet::scangen {
namespace {

constexpr int kJpegQuality = 92;
constexpr int kTiffLzw = 5;  // libtiff's COMPRESSION_LZW

Status WriteTiff(const std::vector<OutputPage>& pages, const std::filesystem::path& path) {
  // OpenCV picks the codec from the extension, so the temporary name keeps it.
  const std::filesystem::path temp =
      path.parent_path() / ("." + path.stem().string() + ".tmp" + path.extension().string());
  std::vector<cv::Mat> images;
  images.reserve(pages.size());
  for (const OutputPage& page : pages)
    images.push_back(page.image);
  const int dpi = pages.front().dpi;
  const std::vector<int> params = {
      cv::IMWRITE_TIFF_RESUNIT, 2,   cv::IMWRITE_TIFF_XDPI,        dpi,
      cv::IMWRITE_TIFF_YDPI,    dpi, cv::IMWRITE_TIFF_COMPRESSION, kTiffLzw};
  bool written = false;
  try {
    written = cv::imwritemulti(temp.string(), images, params);
  } catch (const cv::Exception& e) {
    return Internal("cannot write '" + path.string() + "': " + e.what());
  }
  std::error_code ec;
  if (!written) {
    std::filesystem::remove(temp, ec);
    return IoError("cannot write '" + path.string() + "'");
  }
  std::filesystem::rename(temp, path, ec);
  if (ec)
    return IoError("cannot replace '" + path.string() + "': " + ec.message());
  return Status::Ok();
}

Result<std::string> Encode(const std::vector<OutputPage>& pages, OutputFormat format) {
  if (format == OutputFormat::kPng)
    return EncodePng(pages.front().image, pages.front().dpi);
  if (format == OutputFormat::kJpg) {
    return EncodeJpeg(pages.front().image, pages.front().dpi, kJpegQuality);
  }
  std::vector<PdfImagePage> pdf_pages;
  for (const OutputPage& page : pages) {
    Result<std::string> jpeg = EncodeJpeg(page.image, page.dpi, kJpegQuality);
    if (!jpeg)
      return jpeg.status();
    pdf_pages.push_back({std::move(*jpeg), page.image.cols, page.image.rows, page.dpi});
  }
  return ImageOnlyPdf(pdf_pages);
}

}  // namespace

std::string_view FormatName(OutputFormat format) {
  switch (format) {
    case OutputFormat::kPng:
      return "png";
    case OutputFormat::kJpg:
      return "jpg";
    case OutputFormat::kTiff:
      return "tiff";
    case OutputFormat::kPdf:
      return "pdf";
  }
  return "";
}

Result<OutputFormat> ParseFormat(std::string_view name) {
  for (OutputFormat format :
       {OutputFormat::kPng, OutputFormat::kJpg, OutputFormat::kTiff, OutputFormat::kPdf}) {
    if (FormatName(format) == name)
      return format;
  }
  return InvalidArgument("unknown format '" + std::string(name) + "' (known: png, jpg, tiff, pdf)");
}

bool IsMultiPage(OutputFormat format) {
  return format == OutputFormat::kTiff || format == OutputFormat::kPdf;
}

Status WritePages(const std::vector<OutputPage>& pages, OutputFormat format,
                  const std::filesystem::path& path) {
  if (pages.empty() || (!IsMultiPage(format) && pages.size() != 1)) {
    return InvalidArgument("cannot write " + std::to_string(pages.size()) + " pages as " +
                           std::string(FormatName(format)));
  }
  if (format == OutputFormat::kTiff)
    return WriteTiff(pages, path);
  Result<std::string> bytes = Encode(pages, format);
  if (!bytes)
    return bytes.status();
  return WriteFileAtomic(path, *bytes);
}

}  // namespace travet::scangen
