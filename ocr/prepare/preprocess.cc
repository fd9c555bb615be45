#include "ocr/prepare/preprocess.h"

#include <cmath>
#include <cstdio>
#include <opencv2/imgproc.hpp>
#include <optional>
#include <sstream>

#include "ocr/prepare/internal/deskew.h"
#include "ocr/prepare/internal/orientation.h"
#include "ocr/prepare/internal/page_measure.h"
#include "ocr/prepare/internal/prepared_page.h"

namespace travet::ocr {
namespace {

// Thresholds set on rendered pages (tests/ocr/preprocess_test.cc): a clean
// 300 dpi page passes every gate untouched.
constexpr double kMaxSkew = 15.0;
constexpr double kMinSkewToFix = 0.15;  // below this, resampling costs more than it gains
constexpr double kTargetXHeight = 25.0;
constexpr double kMinXHeight = 20.0;
constexpr double kMaxXHeight = 60.0;
// Upscaling never goes past this resolution: a misjudged x-height (measured on
// a phone photo of a page on a dark desk) once asked for 4x, a 140 Mpx image
// that took Tesseract 55 s.
constexpr double kMaxUpscaledDpi = 600.0;
constexpr double kNoisySpeckles = 0.3;
constexpr double kUnevenBackground = 40.0;
constexpr int kFrame = 16;
constexpr int kMinDpiToHalve = 240;

std::string Fixed(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  return buf;
}

// Keeps the image and its mapping from the page as loaded in step.
// The ink mask and its component measures are computed once per version of
// the image: each takes as long as a stage.
struct Work {
  cv::Mat image;
  cv::Matx33d forward = cv::Matx33d::eye();
  PreparedPage out;
  cv::Mat ink;
  cv::Mat lighting;
  // Whether the light over the page is uneven, judged once on the page as
  // loaded (the white corners of a deskewed page would dilute it): the ink is
  // then measured on the page divided by its lighting.
  bool uneven_light = false;
  std::optional<ComponentMeasures> measures;

  const cv::Mat& Ink() {
    if (ink.empty()) {
      ink = uneven_light ? InkMask(FlattenLighting(image, Lighting())) : InkMask(image);
    }
    return ink;
  }
  const cv::Mat& Lighting() {
    if (lighting.empty()) {
      lighting = LightingOf(image);
    }
    return lighting;
  }
  const ComponentMeasures& Measures() {
    if (!measures) {
      measures = MeasureComponents(Ink());
    }
    return *measures;
  }
  void Replace(const cv::Mat& next) {
    image = next;
    ink.release();
    lighting.release();
    measures.reset();
  }
  void Apply(const cv::Mat& next, const cv::Matx23d& step) {
    Replace(next);
    const cv::Matx33d m(step(0, 0), step(0, 1), step(0, 2), step(1, 0), step(1, 1), step(1, 2), 0,
                        0, 1);
    forward = m * forward;
  }
  // Apply for a change that moves the x-height mode by less than a pixel (a
  // 3x3 median, a rotation of up to 15 degrees): the component measures of
  // the page before it stay, since measuring again costs as much as the change.
  void ApplyKeepingMeasures(const cv::Mat& next, const cv::Matx23d& step) {
    Measures();
    std::optional<ComponentMeasures> kept = measures;
    Apply(next, step);
    measures = kept;
  }
};

void Border(Work& w, bool automatic) {
  const Margins bands = FindDarkMargins(w.image);
  if (automatic && !bands.any()) {
    return;
  }
  const Margins m = WithFringes(w.image, bands);
  cv::Mat clean = w.image.clone();
  const int cols = clean.cols;
  const int rows = clean.rows;
  clean.colRange(0, m.left).setTo(255);
  clean.colRange(cols - m.right, cols).setTo(255);
  clean.rowRange(0, m.top).setTo(255);
  clean.rowRange(rows - m.bottom, rows).setTo(255);
  cv::Mat framed;
  cv::copyMakeBorder(clean, framed, kFrame, kFrame, kFrame, kFrame, cv::BORDER_CONSTANT,
                     cv::Scalar(255));
  w.Apply(framed, cv::Matx23d(1, 0, kFrame, 0, 1, kFrame));
  w.out.stages.push_back("border");
}

// Under uneven light (a phone photo, a shadow) a global threshold takes the
// dark side of the page for ink, and every measure goes wrong: on the photo
// pages of the benchmark set specks were seen (denoise), a skew of -14
// degrees, and an x-height that asked for 2x upscaling. Measured on the page
// divided by its lighting instead, photo CER fell from 5.2% to 2.4% and their
// recognition time by half. Tesseract still gets the page itself, with its
// Sauvola thresholding (handing it the divided page read worse: 4.4%).
void MeasureUnderEvenLight(Work& w) {
  w.uneven_light = LightingSpread(w.Lighting()) >= kUnevenBackground;
  if (w.uneven_light) {
    w.ink.release();
  }
}

void Denoise(Work& w, bool automatic) {
  const double specks = w.Measures().speckle_fraction;
  if (automatic && specks < kNoisySpeckles) {
    return;
  }
  cv::Mat clean;
  cv::medianBlur(w.image, clean, 3);
  w.ApplyKeepingMeasures(clean, cv::Matx23d(1, 0, 0, 0, 1, 0));
  w.out.stages.push_back("denoise");
}

// Orientation detection reads letter shapes, which a 150 dpi copy still shows;
// at full resolution it took 1.4-2.5 s of a turned page (a fifth less at half
// scale, same decisions and confidence 12-25 against the threshold of 3 on the
// turned pages of the benchmark set; a third of the scale failed them).
int DetectOnHalfScale(const cv::Mat& image, int dpi, const OrientationDetector& detect) {
  if (dpi < kMinDpiToHalve) {
    return detect(image, dpi);
  }
  cv::Mat half;
  cv::resize(image, half, cv::Size(), 0.5, 0.5, cv::INTER_AREA);
  return detect(half, dpi / 2);
}

// Letter shapes tell most turned pages in a few milliseconds; Tesseract's
// orientation detection (0.3-0.6 s a page even at half scale) is asked only
// when they do not.
int DetectTurn(Work& w, const OrientationDetector& detect, bool lines_vertical) {
  if (const auto turn = TurnFromAscenders(w.Ink(), w.out.dpi, lines_vertical)) {
    return *turn;
  }
  return detect ? DetectOnHalfScale(w.image, w.out.dpi, detect) : 0;
}

void Orient(Work& w, const OrientationDetector& detect, bool automatic, bool suspected) {
  const bool lines_vertical = LinesLookVertical(w.Ink());
  if (automatic && !suspected && !lines_vertical) {
    return;
  }
  const int degrees = DetectTurn(w, detect, lines_vertical);
  if (degrees == 0) {
    return;
  }
  // The content is turned clockwise by `degrees`: turn it back.
  const Rotated r = RotateQuarter(w.image, 360 - degrees);
  // Otsu's threshold does not depend on where the pixels are: the turned
  // mask is the mask of the turned page.
  const cv::Mat ink = RotateQuarter(w.Ink(), 360 - degrees).image;
  w.Apply(r.image, r.forward);
  w.ink = ink;
  w.out.orientation = degrees;
  w.out.stages.push_back("orient:" + std::to_string(degrees));
}

void Deskew(Work& w) {
  const double skew = EstimateSkew(w.Ink(), kMaxSkew);
  if (std::abs(skew) < kMinSkewToFix) {
    return;
  }
  const Rotated r = RotateExpanded(w.image, -skew, IsBilevel(w.image));
  w.ApplyKeepingMeasures(r.image, r.forward);
  w.out.stages.push_back("deskew:" + Fixed(skew));
}

void Rescale(Work& w, bool automatic) {
  const double x_height = w.Measures().x_height;
  if (x_height <= 0) {
    return;
  }
  const bool fits = x_height >= kMinXHeight && x_height <= kMaxXHeight;
  if (fits && automatic) {
    return;
  }
  const double most = std::max(1.0, kMaxUpscaledDpi / std::max(w.out.dpi, 1));
  const double factor = std::clamp(kTargetXHeight / x_height, 0.25, std::min(4.0, most));
  if (std::abs(factor - 1.0) < 0.05) {
    return;
  }
  cv::Mat scaled;
  cv::resize(w.image, scaled, cv::Size(), factor, factor,
             factor > 1 ? cv::INTER_CUBIC : cv::INTER_AREA);
  const double fx = static_cast<double>(scaled.cols) / w.image.cols;
  const double fy = static_cast<double>(scaled.rows) / w.image.rows;
  w.Apply(scaled, cv::Matx23d(fx, 0, 0, 0, fy, 0));
  w.out.dpi = static_cast<int>(std::lround(w.out.dpi * factor));
  w.out.stages.push_back("rescale:" + Fixed(factor));
}

void Binarize(Work& w, bool automatic) {
  if (automatic && !w.uneven_light) {
    return;
  }
  w.out.sauvola = true;
  w.out.stages.push_back("binarize:sauvola");
}

cv::Mat ToGray(const cv::Mat& image) {
  cv::Mat gray;
  cv::cvtColor(image, gray, image.channels() == 4 ? cv::COLOR_BGRA2GRAY : cv::COLOR_BGR2GRAY);
  return gray;
}

}  // namespace

Result<PreprocessPlan> ParsePreprocess(std::string_view spec) {
  if (spec.empty() || spec == "auto") {
    return PreprocessPlan{};
  }
  PreprocessPlan plan{false, false, false, false, false, false, false, false};
  if (spec == "none") {
    return plan;
  }
  std::stringstream in{std::string(spec)};
  std::string stage;
  while (std::getline(in, stage, ',')) {
    stage.erase(0, stage.find_first_not_of(' '));
    stage.erase(stage.find_last_not_of(' ') + 1);
    bool* flag = stage == "gray"       ? &plan.gray
                 : stage == "border"   ? &plan.border
                 : stage == "denoise"  ? &plan.denoise
                 : stage == "orient"   ? &plan.orient
                 : stage == "deskew"   ? &plan.deskew
                 : stage == "rescale"  ? &plan.rescale
                 : stage == "binarize" ? &plan.binarize
                                       : nullptr;
    if (flag == nullptr) {
      return InvalidArgument("unknown preprocessing stage '" + stage +
                             "' (expected auto, none or a list of gray, border, denoise, orient, "
                             "deskew, rescale, binarize)");
    }
    *flag = true;
  }
  return plan;
}

PreparedPage Preprocess(const cv::Mat& image, int dpi, const PreprocessPlan& plan,
                        const OrientationDetector& detect_orientation, bool suspects_rotation) {
  Work w;
  w.out.dpi = dpi;
  w.image = image;
  if (image.channels() > 1) {
    // The recogniser reads grey only, so colour is dropped even with "none".
    w.Replace(ToGray(image));
    if (plan.gray) {
      w.out.stages.push_back("gray");
    }
  }
  const bool a = plan.automatic;
  if (plan.border)
    Border(w, a);
  MeasureUnderEvenLight(w);
  if (plan.denoise)
    Denoise(w, a);
  if (plan.orient)
    Orient(w, detect_orientation, a, suspects_rotation);
  if (plan.deskew)
    Deskew(w);
  if (plan.rescale)
    Rescale(w, a);
  if (plan.binarize)
    Binarize(w, a);
  w.out.image = w.image;
  const cv::Matx33d back = w.forward.inv();
  w.out.to_original =
      cv::Matx23d(back(0, 0), back(0, 1), back(0, 2), back(1, 0), back(1, 1), back(1, 2));
  return w.out;
}

}  // namespace travet::ocr
