// WriteSearchablePdf (declared in ocr/export/ocr_export.h): Tesseract's own PDF
// renderer, fed with the preprocessed pages.
#include <leptonica/allheaders.h>
#include <tesseract/renderer.h>
#include <unistd.h>

#include <atomic>
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
    l_uint32* line = data + y * wpl;
    for (int x = 0; x < gray.cols; ++x) {
      SET_DATA_BYTE(line, x, row[x]);
    }
  }
  pixSetResolution(pix.get(), dpi, dpi);
  return pix;
}

Status AddPage(tesseract::TessBaseAPI& api, tesseract::TessPDFRenderer& renderer,
               const DocumentSource& source, int index, const PreprocessPlan& plan,
               EnginePool& pool, int psm) {
  auto image = LoadPage(source, index);
  if (!image) {
    return image.error();
  }
  const PreparedPage prepared = Prepare(*image, plan, pool);
  NumericCLocale c_locale;
  SetPage(api, prepared, psm);
  api.SetInputImage(ToPix(prepared.image, prepared.dpi).release());  // the engine owns it
  if (api.Recognize(nullptr) != 0 || !renderer.AddImage(&api)) {
    return Internal(source.name() + ": page " + std::to_string(index + 1) +
                    " could not be added to the PDF");
  }
  api.Clear();
  return Status::Ok();
}

Status RenderAll(const DocumentSource& source, const std::vector<int>& indices,
                 const std::string& out_base, const std::filesystem::path& tessdata,
                 const RecognizeOptions& options, const PreprocessPlan& plan) {
  EnginePool pool(1);
  auto lease = pool.Acquire(options.lang);
  if (!lease) {
    return lease.error();
  }
  tesseract::TessPDFRenderer renderer(out_base.c_str(), tessdata.c_str(), /*textonly=*/false);
  if (!renderer.BeginDocument(source.name().c_str())) {
    return IoError(out_base + ".pdf: cannot be written");
  }
  int done = 0;
  for (int index : indices) {
    // A PDF is complete or absent: a page that throws fails the document.
    TRAVET_RETURN_IF_ERROR(GuardPage(index + 1, [&] {
      return AddPage(lease->api(), renderer, source, index, plan, pool, options.psm);
    }));
    if (options.progress) {
      options.progress(++done, static_cast<int>(indices.size()));
    }
  }
  if (!renderer.EndDocument() || !renderer.happy()) {
    return IoError(out_base + ".pdf: cannot be written");
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
  Status status = RenderAll(*source, *indices, base, *tessdata, options, *plan);
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
