#include "ocr/recognise/internal/region_ocr.h"

#include <tesseract/publictypes.h>

#include <algorithm>
#include <memory>
#include <opencv2/imgproc.hpp>
#include <string>
#include <string_view>

#include "ocr/recognise/internal/engine_pool.h"

namespace travet::ocr {
namespace {

// Tesseract reads best at about 300 dpi; a coarser scan (a fax at 200 dpi)
// is enlarged to it, at most this many times.
constexpr int kReadingDpi = 300;
constexpr double kMostEnlargement = 4;
// A box at most this high (at 300 dpi: a line of 28 pt type with its
// descenders) is read as one line, PSM 7, which reads short values (a number,
// a date) better than a block does; a taller box may hold several lines.
constexpr int kOneLineHeight = 120;
// A person's box cuts close to the ink, or into it: a margin of the page
// around it (a tenth of its height, at least 2 px) keeps the strokes whole,
// and white paper around the crop gives Tesseract the border it expects
// (without taking in more of the neighbouring lines).
constexpr int kLeastMargin = 2;
constexpr int kMarginDivisor = 10;
constexpr int kWhitePadding = 16;

cv::Rect WithMargin(const Box& box, const cv::Mat& page) {
  const int margin = std::max(kLeastMargin, box.height / kMarginDivisor);
  const cv::Rect wide(box.x - margin, box.y - margin, box.width + 2 * margin,
                      box.height + 2 * margin);
  return wide & cv::Rect(0, 0, page.cols, page.rows);
}

// The crop to read, grey, at about 300 dpi, on white paper; `dpi` becomes its
// resolution.
cv::Mat CropToRead(const cv::Mat& page, const Box& box, int& dpi) {
  cv::Mat crop = page(WithMargin(box, page));
  cv::Mat grey;
  if (crop.channels() == 3) {
    cv::cvtColor(crop, grey, cv::COLOR_BGR2GRAY);
  } else {
    grey = crop;
  }
  if (dpi > 0 && dpi < kReadingDpi) {
    const double scale = std::min(kMostEnlargement, static_cast<double>(kReadingDpi) / dpi);
    cv::Mat larger;
    cv::resize(grey, larger, cv::Size(), scale, scale, cv::INTER_CUBIC);
    grey = larger;
    dpi = static_cast<int>(dpi * scale);
  }
  cv::Mat padded;
  cv::copyMakeBorder(grey, padded, kWhitePadding, kWhitePadding, kWhitePadding, kWhitePadding,
                     cv::BORDER_CONSTANT, cv::Scalar(255));
  return padded;
}

std::string Trimmed(const std::string& text) {
  const size_t first = text.find_first_not_of(" \n\t");
  if (first == std::string::npos) {
    return "";
  }
  return text.substr(first, text.find_last_not_of(" \n\t") - first + 1);
}

// Tesseract ends lines with '\n' and paragraphs with an empty line: one
// '\n' between lines is enough.
std::string OneNewlineBetweenLines(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c != '\n' || out.empty() || out.back() != '\n') {
      out += c;
    }
  }
  return out;
}

}  // namespace

Result<RegionText> ReadBox(tesseract::TessBaseAPI& api, const cv::Mat& page, int dpi,
                           const Box& box) {
  const int page_dpi = dpi > 0 ? dpi : kReadingDpi;
  const bool one_line = box.height * kReadingDpi / page_dpi <= kOneLineHeight;
  int reading_dpi = page_dpi;
  const cv::Mat crop = CropToRead(page, box, reading_dpi);
  NumericCLocale c_locale;
  LimitOpenMpToCallingThread();
  api.SetPageSegMode(one_line ? tesseract::PSM_SINGLE_LINE : tesseract::PSM_SINGLE_BLOCK);
  api.SetVariable("thresholding_method", "0");
  api.SetImage(crop.data, crop.cols, crop.rows, 1, static_cast<int>(crop.step));
  api.SetSourceResolution(reading_dpi);
  if (api.Recognize(nullptr) != 0) {
    api.Clear();
    return Internal("Tesseract failed to read the box");
  }
  const std::unique_ptr<char[]> text(api.GetUTF8Text());
  RegionText read;
  read.text = Trimmed(OneNewlineBetweenLines(text ? text.get() : ""));
  read.confidence = read.text.empty() ? 0 : static_cast<float>(api.MeanTextConf());
  api.Clear();
  return read;
}

}  // namespace travet::ocr
