#include "tools/scangen/image_ops.h"

#include <algorithm>
#include <cmath>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <vector>

namespace travet::scangen {
namespace {

cv::Matx33d Affine(const cv::Mat& m) {
  return {m.at<double>(0, 0),
          m.at<double>(0, 1),
          m.at<double>(0, 2),
          m.at<double>(1, 0),
          m.at<double>(1, 1),
          m.at<double>(1, 2),
          0,
          0,
          1};
}

}  // namespace

void Skew(cv::Mat& image, double degrees, Degradation& d) {
  const cv::Point2f center(image.cols / 2.0f, image.rows / 2.0f);
  cv::Mat m = cv::getRotationMatrix2D(center, degrees, 1.0);
  const cv::Rect2f bounds =
      cv::RotatedRect(center, image.size(), static_cast<float>(degrees)).boundingRect2f();
  m.at<double>(0, 2) += bounds.width / 2.0 - center.x;
  m.at<double>(1, 2) += bounds.height / 2.0 - center.y;
  cv::Mat out;
  cv::warpAffine(image, out, m,
                 cv::Size(static_cast<int>(std::ceil(bounds.width)),
                          static_cast<int>(std::ceil(bounds.height))),
                 cv::INTER_LINEAR, cv::BORDER_CONSTANT, cv::Scalar(255));
  image = out;
  d.transform = Affine(m) * d.transform;
  d.skew_degrees = degrees;
}

void QuarterTurn(cv::Mat& image, int degrees, Degradation& d) {
  const double w = image.cols - 1, h = image.rows - 1;
  cv::Matx33d m;
  if (degrees == 90) {
    cv::rotate(image, image, cv::ROTATE_90_CLOCKWISE);
    m = {0, -1, h, 1, 0, 0, 0, 0, 1};
  } else if (degrees == 180) {
    cv::rotate(image, image, cv::ROTATE_180);
    m = {-1, 0, w, 0, -1, h, 0, 0, 1};
  } else {
    cv::rotate(image, image, cv::ROTATE_90_COUNTERCLOCKWISE);
    m = {0, 1, 0, -1, 0, w, 0, 0, 1};
  }
  d.transform = m * d.transform;
  d.rotation = degrees;
}

void Resample(cv::Mat& image, double sx, double sy, int interpolation, Degradation& d) {
  cv::resize(image, image, cv::Size(), sx, sy, interpolation);
  d.transform = cv::Matx33d(sx, 0, 0, 0, sy, 0, 0, 0, 1) * d.transform;
}

void Blur(cv::Mat& image, double sigma, Degradation& d) {
  cv::GaussianBlur(image, image, cv::Size(0, 0), sigma);
  d.blur_sigma = sigma;
}

void SaltAndPepper(cv::Mat& image, double fraction, Random& random, Degradation& d) {
  const auto count = static_cast<long>(fraction * image.total());
  for (long i = 0; i < count; ++i) {
    const int y = random.Int(0, image.rows - 1);
    const int x = random.Int(0, image.cols - 1);
    image.at<unsigned char>(y, x) = random.Chance(0.5) ? 0 : 255;
  }
  d.noise_fraction = fraction;
}

void JpegRoundTrip(cv::Mat& image, int quality, Degradation& d) {
  std::vector<unsigned char> bytes;
  cv::imencode(".jpg", image, bytes, {cv::IMWRITE_JPEG_QUALITY, quality});
  image = cv::imdecode(bytes, cv::IMREAD_GRAYSCALE);
  d.jpeg_quality = quality;
}

void Threshold(cv::Mat& image, double level, Degradation& d) {
  cv::threshold(image, image, level, 255, cv::THRESH_BINARY);
  d.bilevel = true;
}

void Shade(cv::Mat& image, double min_light, Random& random, Degradation& d) {
  const double angle = random.Real(0, 2 * M_PI);
  const double gx = std::cos(angle), gy = std::sin(angle);
  const double cx = random.Real(0.3, 0.7) * image.cols, cy = random.Real(0.3, 0.7) * image.rows;
  const double diagonal = std::hypot(image.cols, image.rows);
  for (int y = 0; y < image.rows; ++y) {
    unsigned char* row = image.ptr<unsigned char>(y);
    for (int x = 0; x < image.cols; ++x) {
      const double tilt = 0.5 + 0.5 * ((x - cx) * gx + (y - cy) * gy) / (diagonal / 2);
      const double vignette = std::hypot(x - cx, y - cy) / diagonal;
      const double light = 1.0 - (1.0 - min_light) * std::clamp(0.6 * tilt + vignette, 0.0, 1.0);
      row[x] = static_cast<unsigned char>(std::floor(row[x] * light + 0.5));
    }
  }
  d.shading = true;
}

void Perspective(cv::Mat& image, double max_shift, int background, Random& random, Degradation& d) {
  const float w = static_cast<float>(image.cols), h = static_cast<float>(image.rows);
  const cv::Point2f from[4] = {{0, 0}, {w, 0}, {w, h}, {0, h}};
  cv::Point2f to[4];
  const float sx[4] = {1, -1, -1, 1}, sy[4] = {1, 1, -1, -1};
  for (int i = 0; i < 4; ++i) {
    to[i] = from[i] + cv::Point2f(sx[i] * static_cast<float>(random.Real(0, max_shift)) * w,
                                  sy[i] * static_cast<float>(random.Real(0, max_shift)) * h);
  }
  const cv::Mat m = cv::getPerspectiveTransform(from, to);
  cv::warpPerspective(image, image, m, image.size(), cv::INTER_LINEAR, cv::BORDER_CONSTANT,
                      cv::Scalar(background));
  d.transform = cv::Matx33d(m) * d.transform;
  d.perspective = true;
}

void SensorNoise(cv::Mat& image, double sigma, Random& random) {
  cv::RNG rng(random.Next());
  cv::Mat noise(image.size(), CV_16S);
  rng.fill(noise, cv::RNG::NORMAL, 0, sigma);
  cv::Mat sum;
  image.convertTo(sum, CV_16S);
  sum += noise;
  sum.convertTo(image, CV_8U);
}

namespace {

// Distance of (x, y) from `side` of an image of `size`.
int DistanceFromSide(const std::string& side, int x, int y, cv::Size size) {
  if (side == "left")
    return x;
  if (side == "right")
    return size.width - 1 - x;
  if (side == "top")
    return y;
  return size.height - 1 - y;
}

// How much of the page's light is left at `t` pixels from the side: the band
// (its own grey, with a streak that runs along the side), then the shadow.
double BandLight(int t, const EdgeBandSpec& spec, const std::vector<double>& streaks) {
  if (t < spec.width)
    return std::clamp(spec.core + streaks[static_cast<std::size_t>(t)], 0.0, 255.0) / 255.0;
  const double ramp = static_cast<double>(t - spec.width) / std::max(1, spec.shadow);
  const double edge = std::min(1.0, (spec.core + 60.0) / 255.0);
  return edge + (1.0 - edge) * ramp * ramp;
}

}  // namespace

void EdgeBand(cv::Mat& image, const EdgeBandSpec& spec, Random& random, Degradation& d) {
  std::vector<double> streaks(static_cast<std::size_t>(std::max(spec.width, 1)));
  for (double& s : streaks)
    s = random.Real(-12, 12);
  const int reach = spec.width + spec.shadow;
  const cv::Rect band = spec.side == "left"    ? cv::Rect(0, 0, reach, image.rows)
                        : spec.side == "right" ? cv::Rect(image.cols - reach, 0, reach, image.rows)
                        : spec.side == "top"   ? cv::Rect(0, 0, image.cols, reach)
                                               : cv::Rect(0, image.rows - reach, image.cols, reach);
  const cv::Rect area = band & cv::Rect(0, 0, image.cols, image.rows);
  for (int y = area.y; y < area.y + area.height; ++y) {
    unsigned char* row = image.ptr<unsigned char>(y);
    for (int x = area.x; x < area.x + area.width; ++x) {
      const int t = DistanceFromSide(spec.side, x, y, image.size());
      const double light = BandLight(t, spec, streaks);
      row[x] = static_cast<unsigned char>(t < spec.width ? std::min<double>(row[x], light * 255)
                                                         : row[x] * light + 0.5);
    }
  }
  d.edge = spec.side;
  d.edge_width = spec.width;
}

void PlaceOnSheet(cv::Mat& image, const Placement& where_on_bed, Degradation& d) {
  const auto& [scale, sheet, at, background] = where_on_bed;
  cv::Mat scaled = image;
  if (scale != 1.0)
    cv::resize(image, scaled, cv::Size(), scale, scale, cv::INTER_AREA);
  cv::Mat out(sheet, CV_8UC1, cv::Scalar(background));
  const cv::Rect where(at, scaled.size());
  // The sheet's edge casts a thin shadow on the bed.
  cv::rectangle(out, where + cv::Size(4, 4) - cv::Point(2, 2),
                cv::Scalar(std::max(0, background - 45)), 2);
  scaled.copyTo(out(where));
  image = out;
  d.transform = cv::Matx33d(scale, 0, at.x, 0, scale, at.y, 0, 0, 1) * d.transform;
  d.sheet_scale = scale;
}

}  // namespace travet::scangen
