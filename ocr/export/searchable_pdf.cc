// WriteSearchablePdf (declared in ocr/export/ocr_export.h): Tesseract's own PDF
// renderer, fed with the preprocessed pages.
#include <leptonica/allheaders.h>
#include <tesseract/renderer.h>
#include <unistd.h>

#include <atomic>
#include <cstddef>
#include <memory>

#include "ocr/export/ocr_export.h"
#include "ocr/recognise/internal/engine_pool.h"
#include "ocr/recognise/internal/page_ocr.h"
#include "ocr/recognise/internal/pix_ptr.h"
#include "ocr/recognise/page_guard.h"

namespace travet::ocr {
namespace {

PixPtr ToPix(const cv::Mat& gray, int dpi) {
  PixPtr pix(pixCreate(gray.cols, gray.rows, 8));
  l_uint32* data = pixGetData(pix.get());
  const int wpl = pixGetWpl(pix.get());
  for (int y = 0; y < gray.rows; ++y) {
    const auto* row = gray.ptr<unsigned char>(y);
    l_uint32* line = data + static_cast<std::ptrdiff_t>(y) * wpl;
    for (int x = 0; x < gray.cols; ++x) {
      SET_DATA_BYTE(line, x, row[x]);
    }
  }
  pixSetResolution(pix.get(), dpi, dpi);
  return pix;
}

// What one searchable PDF is made from.
struct PdfJob {
  const DocumentSource& source;
  std::vector<int> indices;  // 0-based pages, in order
  std::string out_base;      // the renderer appends ".pdf"
  std::filesystem::path tessdata;
  const RecognizeOptions& options;
  PreprocessPlan plan;
};

// Prepares and recognises page `index` of the job with `api` (one of
// `pool`'s engines) and adds it to the PDF.
Status AddPage(const PdfJob& job, int index, EnginePool& pool, tesseract::TessBaseAPI& api,
               tesseract::TessPDFRenderer& renderer) {
  auto image = LoadPage(job.source, index);
  if (!image) {
    return image.error();
  }
  const PreparedPage prepared = Prepare(*image, job.plan, pool);
  NumericCLocale c_locale;
  SetPage(api, prepared, job.options.psm);
  api.SetInputImage(ToPix(prepared.image, prepared.dpi).release());  // the engine owns it
  if (api.Recognize(nullptr) != 0 || !renderer.AddImage(&api)) {
    return Internal(job.source.name() + ": page " + std::to_string(index + 1) +
                    " could not be added to the PDF");
  }
  api.Clear();
  return Status::Ok();
}

Status RenderAll(const PdfJob& job) {
  EnginePool pool(1);
  auto lease = pool.Acquire(job.options.lang);
  if (!lease) {
    return lease.error();
  }
  tesseract::TessPDFRenderer renderer(job.out_base.c_str(), job.tessdata.c_str(),
                                      /*textonly=*/false);
  if (!renderer.BeginDocument(job.source.name().c_str())) {
    return IoError(job.out_base + ".pdf: cannot be written");
  }
  int done = 0;
  for (int index : job.indices) {
    // A PDF is complete or absent: a page that throws fails the document.
    TRAVET_RETURN_IF_ERROR(
        GuardPage(index + 1, [&] { return AddPage(job, index, pool, lease->api(), renderer); }));
    if (job.options.progress) {
      job.options.progress(++done, static_cast<int>(job.indices.size()));
    }
  }
  if (!renderer.EndDocument() || !renderer.happy()) {
    return IoError(job.out_base + ".pdf: cannot be written");
  }
  return Status::Ok();
}

}  // namespace

Status WriteSearchablePdf(const std::filesystem::path& input, const std::filesystem::path& out_pdf,
                          const RecognizeOptions& options) {
  auto plan = ParsePreprocess(options.preprocess);
  if (!plan) {
    return plan.error();
  }
  auto tessdata = FindTessdata(options.lang);
  if (!tessdata) {
    return tessdata.error();
  }
  auto source = DocumentSource::Open(input);
  if (!source) {
    return source.error();
  }
  auto indices = SelectPages(*source, options.pages);
  if (!indices) {
    return indices.error();
  }
  // The renderer appends ".pdf" to the base name it is given.
  static std::atomic<int> counter{0};
  const std::string base =
      out_pdf.string() + ".tmp" + std::to_string(getpid()) + "-" + std::to_string(counter++);
  Status status = RenderAll({*source, std::move(*indices), base, *tessdata, options, *plan});
  std::error_code ec;
  if (status.ok()) {
    std::filesystem::rename(base + ".pdf", out_pdf, ec);
    if (ec) {
      status = IoError(out_pdf.string() + ": " + ec.message());
    }
  }
  if (!status.ok()) {
    std::filesystem::remove(base + ".pdf", ec);
  }
  return status;
}

}  // namespace travet::ocr
