#include "tools/scangen/degrade.h"

#include <cmath>
#include <opencv2/imgproc.hpp>
#include <string>
#include <vector>

#include "tools/scangen/image_ops.h"
#include "tools/scangen/paper.h"

namespace travet::scangen {
namespace {

constexpr Condition kAllConditions[] = {
    Condition::kClean,   Condition::kSkewed,    Condition::kRotated, Condition::kFax,
    Condition::kNoisy,   Condition::kLowDpi,    Condition::kPhoto,   Condition::kEdge,
    Condition::kThermal, Condition::kDotMatrix, Condition::kStamped, Condition::kHandwritten,
    Condition::kRuled,   Condition::kSmall,     Condition::kReal};

// Rounded so that the value written to the JSON is the value used.
// Dividing by an integer gives the double nearest the decimal (3.42, not
// 3.4200000000000004).
double Round(double value, double per_unit) {
  return std::round(value * per_unit) / per_unit;
}

// A random sign times a magnitude in [lo, hi], rounded to hundredths.
double SignedAmount(Random& random, double lo, double hi) {
  const double magnitude = Round(random.Real(lo, hi), 100);
  return random.Chance(0.5) ? magnitude : -magnitude;
}

void MakeFax(cv::Mat& image, int dpi, Random& random, Degradation& d) {
  Skew(image, SignedAmount(random, 0.3, 1.5), d);
  // A standard-resolution fax samples about 200 x 100 dpi; the receiver
  // doubles each row, which gives 200 dpi square pixels again.
  Resample(image, 200.0 / dpi, 100.0 / dpi, cv::INTER_AREA, d);
  Threshold(image, random.Int(140, 180), d);
  Resample(image, 1.0, 2.0, cv::INTER_NEAREST, d);
  SaltAndPepper(image, Round(random.Real(0.0005, 0.002), 10000), random, d);
  d.dpi = 200;
}

void MakeNoisy(cv::Mat& image, Random& random, Degradation& d) {
  Blur(image, Round(random.Real(0.6, 1.2), 100), d);
  SaltAndPepper(image, Round(random.Real(0.005, 0.02), 10000), random, d);
  JpegRoundTrip(image, random.Int(25, 45), d);
}

void MakeLowDpi(cv::Mat& image, int dpi, Random& random, Degradation& d) {
  const int target = random.Chance(0.5) ? 150 : 100;
  if (target >= dpi)
    return;
  Blur(image, 0.6, d);  // scanner optics
  const double scale = static_cast<double>(target) / dpi;
  Resample(image, scale, scale, cv::INTER_AREA, d);
  d.dpi = target;
}

void MakePhoto(cv::Mat& image, Random& random, Degradation& d) {
  Perspective(image, 0.03, random.Int(40, 90), random, d);
  Shade(image, Round(random.Real(0.55, 0.75), 100), random, d);
  Blur(image, Round(random.Real(0.7, 1.1), 100), d);
  SensorNoise(image, random.Real(2, 5), random);
  JpegRoundTrip(image, random.Int(60, 80), d);
}

void Apply(cv::Mat& image, int dpi, Condition condition, Random& random, Degradation& d) {
  switch (condition) {
    case Condition::kClean:
      return;
    case Condition::kSkewed:
      Skew(image, SignedAmount(random, 1, 7), d);
      Blur(image, Round(random.Real(0.4, 0.8), 100), d);
      return;
    case Condition::kRotated:
      QuarterTurn(image, 90 * random.Int(1, 3), d);
      return;
    case Condition::kFax:
      return MakeFax(image, dpi, random, d);
    case Condition::kNoisy:
      return MakeNoisy(image, random, d);
    case Condition::kLowDpi:
      return MakeLowDpi(image, dpi, random, d);
    case Condition::kPhoto:
      return MakePhoto(image, random, d);
    default:
      return;  // the real-paper conditions: MakePaper
  }
}

}  // namespace

std::string_view ConditionName(Condition condition) {
  switch (condition) {
    case Condition::kClean:
      return "clean";
    case Condition::kSkewed:
      return "skewed";
    case Condition::kRotated:
      return "rotated";
    case Condition::kFax:
      return "fax";
    case Condition::kNoisy:
      return "noisy";
    case Condition::kLowDpi:
      return "lowdpi";
    case Condition::kPhoto:
      return "photo";
    case Condition::kEdge:
      return "edge";
    case Condition::kThermal:
      return "thermal";
    case Condition::kDotMatrix:
      return "dotmatrix";
    case Condition::kStamped:
      return "stamped";
    case Condition::kHandwritten:
      return "handwritten";
    case Condition::kRuled:
      return "ruled";
    case Condition::kSmall:
      return "small";
    case Condition::kReal:
      return "real";
  }
  return "";
}

Result<Condition> ParseCondition(std::string_view name) {
  for (Condition condition : kAllConditions) {
    if (ConditionName(condition) == name)
      return condition;
  }
  std::string known;
  for (Condition condition : kAllConditions) {
    known += (known.empty() ? "" : ", ") + std::string(ConditionName(condition));
  }
  return InvalidArgument("unknown condition '" + std::string(name) + "' (known: " + known + ")");
}

Result<DegradedPage> Degrade(const cv::Mat& page, int dpi, Condition condition, Random& random,
                             const PageContent& content) {
  DegradedPage out;
  out.image = page.clone();
  out.applied.dpi = dpi;
  try {
    if (IsPaperCondition(condition)) {
      TRAVET_RETURN_IF_ERROR(MakePaper(out.image, condition, content, random, out.applied));
    } else {
      Apply(out.image, dpi, condition, random, out.applied);
    }
  } catch (const cv::Exception& e) {
    return Internal("cannot degrade a page (" + std::string(ConditionName(condition)) +
                    "): " + e.what());
  }
  return out;
}

}  // namespace travet::scangen
