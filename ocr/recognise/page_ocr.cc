#include "ocr/recognise/internal/page_ocr.h"

#include <tesseract/ocrclass.h>
#include <tesseract/osdetect.h>
#include <tesseract/resultiterator.h>

#include <algorithm>
#include <cmath>
#include <memory>

#include "ocr/recognise/speck_words.h"

namespace travet::ocr {
namespace {

// Tesseract's orientation confidence below which a page is left as it is:
// a wrong quarter turn destroys a page that was fine.
constexpr float kMinOrientationConfidence = 3.0f;

std::string Take(char* text) {
  std::unique_ptr<char[]> owned(text);
  return owned ? std::string(owned.get()) : std::string();
}

// The box on the page as loaded (`info`) of `read`, a box on the prepared
// image, which `m` maps back.
Box MapBack(const cv::Matx23d& m, const Box& read, const PageInfo& info) {
  const int left = read.x, top = read.y;
  const int right = read.x + read.width, bottom = read.y + read.height;
  double x0 = 1e18, y0 = 1e18, x1 = -1e18, y1 = -1e18;
  for (const auto& [x, y] : {std::pair{left, top}, {right, top}, {left, bottom}, {right, bottom}}) {
    const double px = m(0, 0) * x + m(0, 1) * y + m(0, 2);
    const double py = m(1, 0) * x + m(1, 1) * y + m(1, 2);
    x0 = std::min(x0, px);
    y0 = std::min(y0, py);
    x1 = std::max(x1, px);
    y1 = std::max(y1, py);
  }
  const int l = std::clamp(static_cast<int>(std::floor(x0)), 0, info.width);
  const int t = std::clamp(static_cast<int>(std::floor(y0)), 0, info.height);
  const int r = std::clamp(static_cast<int>(std::ceil(x1)), 0, info.width);
  const int b = std::clamp(static_cast<int>(std::ceil(y1)), 0, info.height);
  return {l, t, r - l, b - t};
}

int DetectOrientation(tesseract::TessBaseAPI& osd, const cv::Mat& gray, int dpi) {
  NumericCLocale c_locale;
  LimitOpenMpToCallingThread();
  osd.SetImage(gray.data, gray.cols, gray.rows, 1, static_cast<int>(gray.step));
  osd.SetSourceResolution(dpi);
  int degrees = 0;
  float confidence = 0;
  const char* script = nullptr;
  float script_confidence = 0;
  const bool ok = osd.DetectOrientationScript(&degrees, &confidence, &script, &script_confidence);
  osd.Clear();
  return ok && confidence >= kMinOrientationConfidence ? degrees : 0;
}

std::vector<Word> ReadWords(tesseract::TessBaseAPI& api, const PreparedPage& prepared,
                            const PageInfo& info) {
  std::vector<Word> words;
  std::unique_ptr<tesseract::ResultIterator> it(api.GetIterator());
  if (!it) {
    return words;
  }
  int block = 0;
  int line = 0;
  do {
    if (it->IsAtBeginningOf(tesseract::RIL_BLOCK))
      ++block;
    if (it->IsAtBeginningOf(tesseract::RIL_TEXTLINE))
      ++line;
    Word w;
    w.text = Take(it->GetUTF8Text(tesseract::RIL_WORD));
    if (w.text.empty()) {
      continue;
    }
    int l = 0, t = 0, r = 0, b = 0;
    it->BoundingBox(tesseract::RIL_WORD, &l, &t, &r, &b);
    w.box = MapBack(prepared.to_original, {l, t, r - l, b - t}, info);
    w.confidence = it->Confidence(tesseract::RIL_WORD);
    w.block = block;
    w.line = line;
    words.push_back(std::move(w));
  } while (it->Next(tesseract::RIL_WORD));
  return words;
}

}  // namespace

Result<std::vector<int>> SelectPages(const DocumentSource& source, const std::vector<int>& wanted) {
  std::vector<int> indices;
  if (wanted.empty()) {
    for (int i = 0; i < source.page_count(); ++i) {
      indices.push_back(i);
    }
    return indices;
  }
  for (int page : wanted) {
    if (page < 1 || page > source.page_count()) {
      return InvalidArgument(source.name() + ": page " + std::to_string(page) +
                             " does not exist (the document has " +
                             std::to_string(source.page_count()) + " pages)");
    }
    indices.push_back(page - 1);
  }
  return indices;
}

// Measured on rendered invoices: PSM 6 read them with 0.3% CER against 40% for
// PSM 3 (whose block order scrambles label and value lines), and faster.
int DefaultPsm() {
  return tesseract::PSM_SINGLE_BLOCK;
}

PreparedPage Prepare(const PageImage& page, const PreprocessPlan& plan, EnginePool& pool,
                     bool suspects_rotation) {
  OrientationDetector detect = [&pool](const cv::Mat& gray, int dpi) {
    auto lease = pool.Acquire(kOsdLanguage);
    return lease ? DetectOrientation(lease->api(), gray, dpi) : 0;
  };
  return Preprocess(page.image, page.info.dpi, plan, detect, suspects_rotation);
}

void SetPage(tesseract::TessBaseAPI& api, const PreparedPage& prepared, int psm) {
  api.SetPageSegMode(static_cast<tesseract::PageSegMode>(psm < 0 ? DefaultPsm() : psm));
  api.SetVariable("thresholding_method", prepared.sauvola ? "2" : "0");
  const cv::Mat& img = prepared.image;
  api.SetImage(img.data, img.cols, img.rows, 1, static_cast<int>(img.step));
  api.SetSourceResolution(prepared.dpi);
}

Result<PageResult> RecognizePage(tesseract::TessBaseAPI& api, const PreparedPage& prepared,
                                 const PageInfo& info, const PageRead& read) {
  const int page_number = read.page_number;
  const StopCheck& stop = read.stop;
  NumericCLocale c_locale;
  LimitOpenMpToCallingThread();
  SetPage(api, prepared, read.psm);
  tesseract::ETEXT_DESC monitor;
  if (stop) {
    monitor.cancel = [](void* check, int) { return (*static_cast<const StopCheck*>(check))(); };
    monitor.cancel_this = const_cast<StopCheck*>(&stop);
  }
  const bool failed = api.Recognize(stop ? &monitor : nullptr) != 0;
  if (stop && stop()) {
    return Timeout("page " + std::to_string(page_number) + ": reading stopped");
  }
  if (failed) {
    return Internal("page " + std::to_string(page_number) + ": Tesseract failed to recognise it");
  }
  PageResult page;
  page.page = page_number;
  page.width = info.width;
  page.height = info.height;
  page.dpi = info.dpi;
  page.words = ReadWords(api, prepared, info);
  // The text is the words that are left, so that text, words and fields agree.
  DropSpeckWords(page.words);
  page.text = TextOfWords(page.words);
  // An idle engine would otherwise hold its last page (image, thresholded
  // copy, layout and results: tens of MB) until the next one.
  api.Clear();
  page.stages = prepared.stages;
  page.orientation = prepared.orientation;
  double sum = 0;
  for (const Word& w : page.words) {
    sum += w.confidence;
  }
  page.confidence =
      page.words.empty() ? 0 : static_cast<float>(sum / static_cast<double>(page.words.size()));
  return page;
}

PageResult TextLayerPage(const PageImage& image, int page_number) {
  PageResult page;
  page.page = page_number;
  page.width = image.info.width;
  page.height = image.info.height;
  page.dpi = image.info.dpi;
  page.text = image.text;
  page.words = image.words;
  page.confidence = 100;
  page.from_text_layer = true;
  page.stages = {"text-layer"};
  return page;
}

}  // namespace travet::ocr
