// PDF pages through poppler-cpp: rasterised at limits.pdf_dpi, and a page
// with a text layer (born digital) also yields its words, so no OCR is needed.
#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-page-renderer.h>
#include <poppler/cpp/poppler-page.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <memory>
#include <mutex>
#include <opencv2/imgproc.hpp>

#include "ocr/load/internal/page_image.h"

namespace travet::ocr {
namespace {

// A page whose text layer has fewer characters than this is treated as a scan
// (scanners often add a stamp or a page number as text).
constexpr int kMinTextLayerChars = 20;

void SilencePoppler() {
  static std::once_flag once;
  std::call_once(
      once, [] { poppler::set_debug_error_function([](const std::string&, void*) {}, nullptr); });
}

std::unique_ptr<poppler::document> OpenPdf(const DocumentSource::Impl& doc) {
  SilencePoppler();
  if (doc.bytes.size() > static_cast<size_t>(INT32_MAX)) {
    return nullptr;
  }
  return std::unique_ptr<poppler::document>(
      poppler::document::load_from_raw_data(doc.bytes.data(), static_cast<int>(doc.bytes.size())));
}

std::string Utf8(const poppler::ustring& s) {
  const poppler::byte_array bytes = s.to_utf8();
  return std::string(bytes.begin(), bytes.end());
}

bool QuarterTurned(const poppler::page& page) {
  return page.orientation() == poppler::page::landscape ||
         page.orientation() == poppler::page::seascape;
}

// Groups the text boxes into lines (a new line when the baseline moves by
// more than half a box height or the text goes back left).
void AddTextLayer(const poppler::page& page, double scale, PageImage& out) {
  const std::vector<poppler::text_box> boxes = page.text_list();
  double last_y = -1e9;
  double last_x = -1e9;
  int line = 0;
  for (const poppler::text_box& tb : boxes) {
    const poppler::rectf r = tb.bbox();
    const double cy = r.y() + r.height() / 2;
    if (std::abs(cy - last_y) > r.height() / 2 || r.x() < last_x) {
      ++line;
      if (!out.text.empty()) {
        out.text += '\n';
      }
    } else if (!out.text.empty()) {
      out.text += ' ';
    }
    last_y = cy;
    last_x = r.x();
    Word w;
    w.text = Utf8(tb.text());
    w.confidence = 100;
    w.box = {static_cast<int>(std::floor(r.x() * scale)),
             static_cast<int>(std::floor(r.y() * scale)),
             static_cast<int>(std::ceil(r.width() * scale)),
             static_cast<int>(std::ceil(r.height() * scale))};
    w.block = 1;
    w.line = line;
    out.text += w.text;
    out.words.push_back(std::move(w));
  }
  out.from_text_layer = true;
}

int CountVisible(const std::string& text) {
  return static_cast<int>(std::count_if(text.begin(), text.end(), [](char c) {
    return !std::isspace(static_cast<unsigned char>(c));
  }));
}

}  // namespace

Result<std::vector<PageInfo>> InspectPdf(const DocumentSource::Impl& doc) {
  std::unique_ptr<poppler::document> pdf = OpenPdf(doc);
  if (!pdf) {
    return InvalidArgument(doc.name + ": the PDF is truncated or corrupt");
  }
  if (pdf->is_locked()) {
    return InvalidArgument(doc.name + ": the PDF is encrypted");
  }
  TRAVET_RETURN_IF_ERROR(CheckPageCount(doc, pdf->pages()));
  const double scale = doc.limits.pdf_dpi / 72.0;
  std::vector<PageInfo> pages;
  for (int i = 0; i < pdf->pages(); ++i) {
    std::unique_ptr<poppler::page> page(pdf->create_page(i));
    if (!page) {
      return InvalidArgument(doc.name + ": page " + std::to_string(i + 1) + " is corrupt");
    }
    const poppler::rectf r = page->page_rect();
    auto w = static_cast<std::int64_t>(std::ceil(r.width() * scale));
    auto h = static_cast<std::int64_t>(std::ceil(r.height() * scale));
    if (QuarterTurned(*page)) {
      std::swap(w, h);
    }
    TRAVET_RETURN_IF_ERROR(CheckPixels(doc, i + 1, w, h));
    PageInfo info;
    info.width = static_cast<int>(w);
    info.height = static_cast<int>(h);
    info.dpi = doc.limits.pdf_dpi;
    pages.push_back(info);
  }
  return pages;
}

Result<PageImage> LoadPdfPage(const DocumentSource::Impl& doc, int index) {
  std::unique_ptr<poppler::document> pdf = OpenPdf(doc);
  std::unique_ptr<poppler::page> page(pdf ? pdf->create_page(index) : nullptr);
  if (!page) {
    return InvalidArgument(doc.name + ": page " + std::to_string(index + 1) + " is corrupt");
  }
  poppler::page_renderer renderer;
  renderer.set_render_hints(poppler::page_renderer::antialiasing |
                            poppler::page_renderer::text_antialiasing);
  renderer.set_image_format(poppler::image::format_gray8);
  const double dpi = doc.limits.pdf_dpi;
  poppler::image img = renderer.render_page(page.get(), dpi, dpi);
  if (!img.is_valid()) {
    return InvalidArgument(doc.name + ": page " + std::to_string(index + 1) +
                           " cannot be rendered");
  }
  PageImage out;
  out.info = doc.pages.at(index);
  const cv::Mat view(img.height(), img.width(), CV_8U, const_cast<char*>(img.const_data()),
                     static_cast<size_t>(img.bytes_per_row()));
  out.image = view.clone();
  out.info.width = out.image.cols;
  out.info.height = out.image.rows;
  if (CountVisible(Utf8(page->text())) >= kMinTextLayerChars) {
    AddTextLayer(*page, dpi / 72.0, out);
  }
  return out;
}

}  // namespace travet::ocr
