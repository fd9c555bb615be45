#include "ocr/recognise/scan_viewer.h"

#include <algorithm>
#include <list>
#include <mutex>
#include <opencv2/imgproc.hpp>

#include "ocr/export/internal/png_encode.h"
#include "ocr/load/internal/page_image.h"
#include "ocr/recognise/internal/engine_pool.h"
#include "ocr/recognise/internal/region_ocr.h"

namespace travet::ocr {
namespace {

// No picture is wider: more pixels than a screen shows cost encoding time
// and memory for nothing.
constexpr int kWidestPicture = 4000;

std::string BoxText(const Box& box) {
  return "[" + std::to_string(box.x) + ", " + std::to_string(box.y) + ", " +
         std::to_string(box.width) + ", " + std::to_string(box.height) + "]";
}

Status CheckBox(const Box& box, const cv::Mat& image, int page) {
  if (box.width <= 0 || box.height <= 0) {
    return InvalidArgument("box " + BoxText(box) + " is empty");
  }
  const bool inside = box.x >= 0 && box.y >= 0 && box.x + box.width <= image.cols &&
                      box.y + box.height <= image.rows;
  if (!inside) {
    return InvalidArgument("box " + BoxText(box) + " is not inside page " + std::to_string(page) +
                           " (" + std::to_string(image.cols) + " x " + std::to_string(image.rows) +
                           " pixels)");
  }
  return Status::Ok();
}

}  // namespace

struct ScanViewer::Impl {
  struct DecodedPage {
    std::string key;  // ScanFile::key
    int index = 0;    // 0-based page
    cv::Mat image;
    int dpi = 0;
    int page_count = 0;
  };

  explicit Impl(const ScanViewerOptions& options)
      : engines(std::max(options.engines, 1)), cached_bytes(options.cached_bytes) {}

  Result<std::shared_ptr<const DecodedPage>> Page(const ScanFile& file, int page);
  std::shared_ptr<const DecodedPage> Cached(const std::string& key, int index);
  void Keep(std::shared_ptr<const DecodedPage> page);

  EnginePool engines;
  const size_t cached_bytes;
  std::mutex mu;
  std::list<std::shared_ptr<const DecodedPage>> pages;  // most recently used first
};

std::shared_ptr<const ScanViewer::Impl::DecodedPage> ScanViewer::Impl::Cached(
    const std::string& key, int index) {
  const std::lock_guard lock(mu);
  for (auto it = pages.begin(); it != pages.end(); ++it) {
    if ((*it)->key == key && (*it)->index == index) {
      pages.splice(pages.begin(), pages, it);
      return pages.front();
    }
  }
  return nullptr;
}

void ScanViewer::Impl::Keep(std::shared_ptr<const DecodedPage> page) {
  const std::lock_guard lock(mu);
  pages.push_front(std::move(page));
  size_t total = 0;
  for (auto it = pages.begin(); it != pages.end();) {
    total += (*it)->image.total() * (*it)->image.elemSize();
    // The newest page stays even when it alone is over the bound.
    it = total > cached_bytes && it != pages.begin() ? pages.erase(it) : std::next(it);
  }
}

Result<std::shared_ptr<const ScanViewer::Impl::DecodedPage>> ScanViewer::Impl::Page(
    const ScanFile& file, int page) {
  if (auto cached = Cached(file.key, page - 1)) {
    return cached;
  }
  auto source = DocumentSource::FromBytes(file.name, file.bytes);
  if (!source) {
    return source.error();
  }
  if (page < 1 || page > source->page_count()) {
    const int count = source->page_count();
    return NotFound(file.name + ": page " + std::to_string(page) +
                    " does not exist (the document has " + std::to_string(count) +
                    (count == 1 ? " page)" : " pages)"));
  }
  auto loaded = LoadPage(*source, page - 1);
  if (!loaded) {
    return loaded.error();
  }
  auto decoded = std::make_shared<const DecodedPage>(
      DecodedPage{file.key, page - 1, loaded->image, loaded->info.dpi, source->page_count()});
  Keep(decoded);
  return decoded;
}

ScanViewer::ScanViewer(ScanViewerOptions options) : impl_(std::make_unique<Impl>(options)) {}

ScanViewer::~ScanViewer() = default;

Result<PagePicture> ScanViewer::RenderPage(const ScanFile& file, int page, int width) {
  auto decoded = impl_->Page(file, page);
  if (!decoded) {
    return decoded.error();
  }
  const cv::Mat& image = (*decoded)->image;
  const int own = std::min(image.cols, kWidestPicture);
  const int wanted = width <= 0 ? own : std::min(width, own);
  cv::Mat scaled = image;
  if (wanted != image.cols) {
    const int height =
        std::max(1, static_cast<int>(static_cast<long long>(image.rows) * wanted / image.cols));
    cv::resize(image, scaled, cv::Size(wanted, height), 0, 0, cv::INTER_AREA);
  }
  auto png = EncodePng(scaled);
  if (!png) {
    return png.error();
  }
  return PagePicture{std::move(*png), scaled.cols, scaled.rows,
                     image.cols,      image.rows,  (*decoded)->page_count};
}

Result<PageSize> ScanViewer::MeasurePage(const ScanFile& file, int page) {
  auto decoded = impl_->Page(file, page);
  if (!decoded) {
    return decoded.error();
  }
  return PageSize{(*decoded)->image.cols, (*decoded)->image.rows, (*decoded)->page_count};
}

Result<RegionText> ScanViewer::ReadRegion(const ScanFile& file, int page, const Box& box,
                                          const std::string& lang) {
  auto decoded = impl_->Page(file, page);
  if (!decoded) {
    return decoded.error();
  }
  TRAVET_RETURN_IF_ERROR(CheckBox(box, (*decoded)->image, page));
  auto engine = impl_->engines.Acquire(lang);
  if (!engine) {
    return engine.error();
  }
  return ReadBox(engine->api(), (*decoded)->image, (*decoded)->dpi, box);
}

}  // namespace travet::ocr
