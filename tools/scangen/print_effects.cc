#include "tools/scangen/print_effects.h"

#include <algorithm>
#include <opencv2/imgproc.hpp>

namespace travet::scangen {

cv::Mat SmoothField(cv::Size size, int cell, double lo, double hi, Random& random) {
  const int cols = std::max(2, size.width / std::max(cell, 1) + 2);
  const int rows = std::max(2, size.height / std::max(cell, 1) + 2);
  cv::Mat grid(rows, cols, CV_32F);
  for (int y = 0; y < rows; ++y) {
    for (int x = 0; x < cols; ++x)
      grid.at<float>(y, x) = static_cast<float>(random.Real(lo, hi));
  }
  cv::Mat field;
  cv::resize(grid, field, size, 0, 0, cv::INTER_CUBIC);
  return cv::min(cv::max(field, lo), hi);
}

void ThermalFade(cv::Mat& image, double strongest, double faintest, Random& random,
                 Degradation& d) {
  cv::Mat ink;
  image.convertTo(ink, CV_32F, -1.0 / 255, 1.0);  // 1 is full ink
  cv::Mat along(image.rows, 1, CV_32F);
  const bool fades_down = random.Chance(0.6);
  for (int y = 0; y < image.rows; ++y) {
    const double t = static_cast<double>(y) / std::max(1, image.rows - 1);
    along.at<float>(y) =
        static_cast<float>(strongest + (faintest - strongest) * (fades_down ? t : 1 - t));
  }
  cv::Mat field;
  cv::repeat(along, 1, image.cols, field);
  const int blotch = std::max(8, image.cols / 6);
  field = field.mul(SmoothField(image.size(), blotch, 0.55, 1.0, random));
  cv::Mat grain(image.size(), CV_32F);
  cv::RNG rng(random.Next());
  rng.fill(grain, cv::RNG::UNIFORM, 0.6, 1.0);
  ink = ink.mul(field).mul(grain);
  ink.convertTo(image, CV_8U, -255, 255);
  d.print = "thermal";
  d.print_strength = faintest;
}

void DotMatrix(cv::Mat& image, int pitch, int ink, Degradation& d) {
  // The darkest pixel of each cell decides whether the pin fires there.
  cv::Mat darkest;
  const int reach = std::max(1, pitch - 1);  // a stroke between two pins still fires one
  cv::erode(image, darkest, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(reach, reach)));
  cv::Mat out(image.size(), CV_8UC1, cv::Scalar(255));
  // Dots a little apart, in sixteenths of a pixel, so the glyphs stay dotted.
  constexpr int kShift = 4;
  const int radius = std::max(10, pitch * 16 * 8 / 25);
  for (int y = pitch / 2; y < image.rows; y += pitch) {
    const unsigned char* row = darkest.ptr<unsigned char>(y);
    for (int x = pitch / 2; x < image.cols; x += pitch) {
      if (row[x] < 140)
        cv::circle(out, {x << kShift, y << kShift}, radius, cv::Scalar(ink), cv::FILLED,
                   cv::LINE_AA, kShift);
    }
  }
  image = out;
  d.print = "dotmatrix";
  d.dot_pitch = pitch;
}

}  // namespace travet::scangen
