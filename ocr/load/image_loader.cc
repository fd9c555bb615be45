#include "ocr/load/image_loader.h"

#include <fstream>
#include <iterator>
#include <mutex>
#include <opencv2/core/utils/logger.hpp>
#include <opencv2/imgproc.hpp>
#include <system_error>

#include "ocr/load/internal/page_image.h"

namespace travet::ocr {
namespace {

void SilenceLibraries() {
  static std::once_flag once;
  std::call_once(once,
                 [] { cv::utils::logging::setLogLevel(cv::utils::logging::LOG_LEVEL_SILENT); });
}

std::string Megabytes(std::uintmax_t bytes) {
  return std::to_string((bytes + (1u << 20) - 1) >> 20) + " MB";
}

Status CheckSize(std::uintmax_t size, const std::string& name, const LoadLimits& limits) {
  if (size == 0) {
    return InvalidArgument(name + ": the file is empty");
  }
  if (size > limits.max_file_bytes) {
    return InvalidArgument(name + ": the file is " + Megabytes(size) + "; the limit is " +
                           Megabytes(limits.max_file_bytes));
  }
  return Status::Ok();
}

Result<std::string> ReadWhole(const std::filesystem::path& file, const std::string& name,
                              const LoadLimits& limits) {
  std::error_code ec;
  const auto status = std::filesystem::status(file, ec);
  if (!std::filesystem::exists(status)) {
    return NotFound(name + ": no such file");
  }
  if (!std::filesystem::is_regular_file(status)) {
    return InvalidArgument(name + ": not a regular file");
  }
  const std::uintmax_t size = std::filesystem::file_size(file, ec);
  if (ec) {
    return IoError(name + ": " + ec.message());
  }
  TRAVET_RETURN_IF_ERROR(CheckSize(size, name, limits));
  std::ifstream in(file, std::ios::binary);
  std::string bytes(size, '\0');
  if (!in.read(bytes.data(), static_cast<std::streamsize>(size))) {
    return IoError(name + ": cannot read the file");
  }
  return bytes;
}

PageInfo InfoFrom(const ImageHeader& h) {
  PageInfo info;
  info.width = static_cast<int>(h.width);
  info.height = static_cast<int>(h.height);
  info.dpi = h.dpi > 0 ? h.dpi : kAssumedDpi;
  info.dpi_assumed = h.dpi <= 0;
  return info;
}

Result<std::vector<PageInfo>> InspectSingleImage(const DocumentSource::Impl& doc) {
  const bool png = doc.format == FileFormat::kPng;
  const auto header = png ? ReadPngHeader(doc.bytes) : ReadJpegHeader(doc.bytes);
  if (!header || header->width <= 0 || header->height <= 0) {
    return CorruptImage(doc.name);
  }
  TRAVET_RETURN_IF_ERROR(CheckPixels(doc, 1, header->width, header->height));
  if (!png && !JpegHasEnd(doc.bytes)) {
    return CorruptImage(doc.name);
  }
  return std::vector<PageInfo>{InfoFrom(*header)};
}

Result<std::vector<PageInfo>> Inspect(const DocumentSource::Impl& doc) {
  switch (doc.format) {
    case FileFormat::kPng:
    case FileFormat::kJpeg:
      return InspectSingleImage(doc);
    case FileFormat::kTiff:
      return InspectTiff(doc);
    case FileFormat::kPdf:
      return InspectPdf(doc);
    case FileFormat::kUnknown:
      break;
  }
  return InvalidArgument(doc.name + ": not an image (PNG, JPEG, TIFF or PDF)");
}

}  // namespace

Status CorruptImage(const std::string& name) {
  return InvalidArgument(name + ": the image is truncated or corrupt");
}

Status CheckPixels(const DocumentSource::Impl& doc, int page, std::int64_t width,
                   std::int64_t height) {
  const std::int64_t pixels = width * height;
  if (pixels <= doc.limits.max_page_pixels && width < (1 << 30) && height < (1 << 30)) {
    return Status::Ok();
  }
  return InvalidArgument(doc.name + ": page " + std::to_string(page) + " is " +
                         std::to_string(width) + "x" + std::to_string(height) + " pixels (" +
                         std::to_string(pixels / 1'000'000) + " Mpx); the limit is " +
                         std::to_string(doc.limits.max_page_pixels / 1'000'000) + " Mpx");
}

Status CheckPageCount(const DocumentSource::Impl& doc, int count) {
  if (count <= doc.limits.max_pages) {
    return Status::Ok();
  }
  return InvalidArgument(doc.name + ": " + std::to_string(count) + " pages; the limit is " +
                         std::to_string(doc.limits.max_pages));
}

Result<DocumentSource> DocumentSource::Open(const std::filesystem::path& file,
                                            const LoadLimits& limits) {
  std::string name = file.filename().string();
  auto bytes = ReadWhole(file, name, limits);
  if (!bytes) {
    return bytes.error();
  }
  return FromBytes(std::move(name), std::move(*bytes), limits);
}

Result<DocumentSource> DocumentSource::FromBytes(std::string name, std::string bytes,
                                                 const LoadLimits& limits) {
  TRAVET_RETURN_IF_ERROR(CheckSize(bytes.size(), name, limits));
  SilenceLibraries();
  auto doc = std::make_shared<Impl>();
  doc->name = std::move(name);
  doc->limits = limits;
  doc->bytes = std::move(bytes);
  doc->format = SniffFormat(doc->bytes);
  auto pages = Inspect(*doc);
  if (!pages) {
    return pages.error();
  }
  if (pages->empty()) {
    return InvalidArgument(doc->name + ": the document has no pages");
  }
  doc->pages = std::move(*pages);
  return DocumentSource(std::move(doc));
}

const std::string& DocumentSource::name() const {
  return impl_->name;
}

int DocumentSource::page_count() const {
  return static_cast<int>(impl_->pages.size());
}

const PageInfo& DocumentSource::page(int index) const {
  return impl_->pages.at(index);
}

Result<PageImage> LoadPage(const DocumentSource& source, int index) {
  const DocumentSource::Impl& doc = source.impl();
  switch (doc.format) {
    case FileFormat::kTiff:
      return LoadTiffPage(doc, index);
    case FileFormat::kPdf:
      return LoadPdfPage(doc, index);
    case FileFormat::kPng:
      // libpng would print its own error on stderr before failing.
      if (const std::string problem = PngStructureProblem(doc.bytes); !problem.empty()) {
        return InvalidArgument(doc.name + ": " + problem);
      }
      return LoadPngOrJpeg(doc);
    default:
      return LoadPngOrJpeg(doc);
  }
}

}  // namespace travet::ocr
