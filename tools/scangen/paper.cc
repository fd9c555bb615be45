#include "tools/scangen/paper.h"

#include <algorithm>
#include <cmath>
#include <opencv2/imgproc.hpp>
#include <string>
#include <vector>

#include "tools/scangen/handwriting.h"
#include "tools/scangen/image_ops.h"
#include "tools/scangen/print_effects.h"
#include "tools/scangen/rules.h"
#include "tools/scangen/stamp.h"

namespace travet::scangen {
namespace {

// Rounded so that the value written to the JSON is the value used.
double Round(double value, double per_unit) {
  return std::round(value * per_unit) / per_unit;
}

void Thermal(cv::Mat& image, Random& random, Degradation& d) {
  const double strongest = Round(random.Real(0.5, 0.8), 100);
  ThermalFade(image, strongest, Round(strongest * random.Real(0.35, 0.7), 100), random, d);
}

void Dots(cv::Mat& image, int dpi, Random& random, Degradation& d) {
  // A 9-pin draft head prints about 60 to 90 dots per inch.
  DotMatrix(image, std::max(2, static_cast<int>(std::lround(dpi / random.Real(60, 90)))),
            random.Int(30, 110), d);
}

// The line a stamp is put on: any line with ink, from the middle third of
// the page when there is one.
cv::Rect StampTarget(const PageContent& content, Random& random) {
  std::vector<cv::Rect> boxes;
  for (const auto& line : content.lines) {
    cv::Rect box;
    for (const cv::Rect& c : line)
      box = box.area() == 0 ? c : (box | c);
    if (box.area() > 0)
      boxes.push_back(box);
  }
  if (boxes.empty())
    return {};
  const int n = static_cast<int>(boxes.size());
  return boxes[static_cast<std::size_t>(random.Int(n / 3, std::max(n / 3, 2 * n / 3 - 1)))];
}

Status Stamped(cv::Mat& image, int dpi, const PageContent& content, Random& random,
               Degradation& d) {
  Result<Mark> mark = Stamp(image, dpi, StampTarget(content, random), random);
  if (!mark)
    return mark.status();
  d.marks.push_back(std::move(*mark));
  return Status::Ok();
}

void AddMarks(std::vector<Mark> marks, Degradation& d) {
  for (Mark& mark : marks)
    d.marks.push_back(std::move(mark));
}

void Ruled(cv::Mat& image, int dpi, const PageContent& content, Random& random, Degradation& d) {
  for (Mark& mark : Rule(image, dpi, content, random))
    d.marks.push_back(std::move(mark));
}

// The page on an A4 scanner bed (a larger one for a long receipt): a
// receipt at its own size, a full page shrunk to 45..65 %.
void Small(cv::Mat& image, int dpi, bool receipt, Random& random, Degradation& d) {
  const double scale = receipt ? 1.0 : Round(random.Real(0.45, 0.65), 100);
  const int doc_w = static_cast<int>(image.cols * scale),
            doc_h = static_cast<int>(image.rows * scale);
  const int margin = dpi / 2;
  const cv::Size sheet(
      std::max(static_cast<int>(std::lround(210 / 25.4 * dpi)), doc_w + 2 * margin),
      std::max(static_cast<int>(std::lround(297 / 25.4 * dpi)), doc_h + 2 * margin));
  const cv::Point at(random.Int(margin, sheet.width - doc_w - margin),
                     random.Int(margin, std::max(margin, (sheet.height - doc_h) / 3)));
  const int background = random.Chance(0.6) ? random.Int(238, 255) : random.Int(170, 225);
  PlaceOnSheet(image, {scale, sheet, at, background}, d);
}

void Edge(cv::Mat& image, Random& random, Degradation& d) {
  const int pick = random.Int(0, 99);
  EdgeBandSpec spec;
  spec.side = pick < 45 ? "left" : pick < 70 ? "right" : pick < 85 ? "top" : "bottom";
  const int across = spec.side == "left" || spec.side == "right" ? image.cols : image.rows;
  spec.width = std::max(3, static_cast<int>(across * random.Real(0.01, 0.04)));
  spec.shadow = std::max(2, static_cast<int>(across * random.Real(0.005, 0.02)));
  spec.core = random.Int(5, 70);
  EdgeBand(image, spec, random, d);
}

// What a low-cost office scanner adds: optics blur, a low resolution,
// speckle, and JPEG.
void Scan(cv::Mat& image, int dpi, Random& random, Degradation& d) {
  static const std::vector<int> kScanDpi = {100, 120, 130, 150, 150, 200};
  const int target = random.Pick(kScanDpi);
  Blur(image, Round(random.Real(0.4, 0.8) * dpi / 300.0, 100), d);
  if (target < dpi) {
    const double scale = static_cast<double>(target) / dpi;
    Resample(image, scale, scale, cv::INTER_AREA, d);
    d.dpi = target;
  }
  SaltAndPepper(image, Round(random.Real(0.0005, 0.003), 10000), random, d);
  JpegRoundTrip(image, random.Int(40, 85), d);
}

void Print(cv::Mat& image, int dpi, bool receipt, Random& random, Degradation& d) {
  if (receipt) {
    if (random.Chance(0.7))
      return Thermal(image, random, d);
    return Dots(image, dpi, random, d);
  }
  const int pick = random.Int(0, 9);
  if (pick < 3)
    return Dots(image, dpi, random, d);
  if (pick < 7)  // toner running out fades an office printer's page too
    return Thermal(image, random, d);
}

// Several defects at once, each with the odds it has on real pages.
Status MakeReal(cv::Mat& image, int dpi, const PageContent& content, Random& random,
                Degradation& d) {
  Print(image, dpi, content.receipt, random, d);
  if (!content.receipt && random.Chance(0.5))
    Ruled(image, dpi, content, random, d);
  if (random.Chance(0.35))
    TRAVET_RETURN_IF_ERROR(Stamped(image, dpi, content, random, d));
  if (random.Chance(0.6)) {
    const int count = random.Int(1, 3);
    AddMarks(Handwrite(image, dpi, content, count, random), d);
  }
  if (random.Chance(content.receipt ? 0.7 : 0.25))
    Small(image, dpi, content.receipt, random, d);
  if (random.Chance(0.5))
    Skew(image, Round(random.Real(-2, 2), 100), d);
  if (random.Chance(0.4))  // the bed's edge stays straight whatever the sheet does
    Edge(image, random, d);
  Scan(image, dpi, random, d);
  return Status::Ok();
}

}  // namespace

bool IsPaperCondition(Condition condition) {
  return condition >= Condition::kEdge;
}

Status MakePaper(cv::Mat& image, Condition condition, const PageContent& content, Random& random,
                 Degradation& d) {
  const int dpi = d.dpi;
  switch (condition) {
    case Condition::kEdge:
      Edge(image, random, d);
      break;
    case Condition::kThermal:
      Thermal(image, random, d);
      break;
    case Condition::kDotMatrix:
      Dots(image, dpi, random, d);
      break;
    case Condition::kStamped:
      return Stamped(image, dpi, content, random, d);
    case Condition::kHandwritten: {
      const int count = random.Int(2, 4);
      AddMarks(Handwrite(image, dpi, content, count, random), d);
      break;
    }
    case Condition::kRuled:
      Ruled(image, dpi, content, random, d);
      break;
    case Condition::kSmall:
      Small(image, dpi, content.receipt, random, d);
      break;
    case Condition::kReal:
      return MakeReal(image, dpi, content, random, d);
    default:
      break;
  }
  return Status::Ok();
}

}  // namespace travet::scangen
