#include "tools/scangen/handwriting.h"

#include <algorithm>
#include <cmath>
#include <opencv2/imgproc.hpp>
#include <string>

namespace travet::scangen {
namespace {

struct Pen {
  int ink = 40;       // grey level
  int thickness = 3;  // pixels
};

// Strokes the polyline and returns its box on the page.
cv::Rect Stroke(cv::Mat& page, const std::vector<cv::Point>& points, const Pen& pen) {
  cv::polylines(page, points, false, cv::Scalar(pen.ink), pen.thickness, cv::LINE_AA);
  return (cv::boundingRect(points) + cv::Size(pen.thickness, pen.thickness)) &
         cv::Rect(0, 0, page.cols, page.rows);
}

// A point with a hand's tremor of up to `amount` pixels.
cv::Point Shaky(double x, double y, double amount, Random& random) {
  return {static_cast<int>(std::lround(x + random.Real(-amount, amount))),
          static_cast<int>(std::lround(y + random.Real(-amount, amount)))};
}

cv::Rect Tick(cv::Mat& page, cv::Point at, int size, const Pen& pen, Random& random) {
  const std::vector<cv::Point> points = {Shaky(at.x, at.y - size * 0.4, 1, random),
                                         Shaky(at.x + size * 0.35, at.y, 1, random),
                                         Shaky(at.x + size * 1.1, at.y - size * 1.2, 2, random)};
  return Stroke(page, points, pen);
}

cv::Rect Circle(cv::Mat& page, const cv::Rect& around, const Pen& pen, Random& random) {
  std::vector<cv::Point> points;
  const double cx = around.x + around.width / 2.0, cy = around.y + around.height / 2.0;
  const double rx = around.width * 0.65 + 8, ry = around.height * 0.9 + 8;
  const double start = random.Real(0, 2 * M_PI), turn = random.Real(2.1, 2.3) * M_PI;
  for (double t = 0; t <= turn; t += 0.08) {
    const double grow = 1 + 0.08 * t / turn;  // a hand's circle does not close on itself
    points.push_back(Shaky(cx + rx * grow * std::cos(start + t),
                           cy + ry * grow * std::sin(start + t), 1.5, random));
  }
  return Stroke(page, points, pen);
}

cv::Rect Underline(cv::Mat& page, const cv::Rect& under, const Pen& pen, Random& random) {
  const double y = under.br().y + std::max(3, under.height / 6);
  const std::vector<cv::Point> points = {Shaky(under.x - 6, y, 2, random),
                                         Shaky(under.x + under.width / 2.0, y + 2, 2, random),
                                         Shaky(under.br().x + 10, y - 3, 2, random)};
  return Stroke(page, points, pen);
}

// A line of cursive: `letters` letters of x-height `height` from `at` (the
// baseline's left end).
struct Script {
  cv::Point at;
  int height;
  int letters;
};

// Cursive loops, some with ascenders, slanted to the right.
cv::Rect Cursive(cv::Mat& page, const Script& script, const Pen& pen, Random& random) {
  const auto& [at, height, letters] = script;
  std::vector<cv::Point> points;
  const double step = height * random.Real(0.7, 1.1);
  for (int i = 0; i < letters; ++i) {
    const double tall = random.Chance(0.3) ? 2.2 : 1.0;
    for (double t = 0; t < 2 * M_PI; t += 0.3) {
      const double y = at.y - height * tall * (0.5 - 0.5 * std::cos(t));
      const double x =
          at.x + (i + t / (2 * M_PI)) * step - 0.3 * std::sin(t) * step + 0.35 * (at.y - y);
      points.push_back(Shaky(x, y, height * 0.06, random));
    }
  }
  return Stroke(page, points, pen);
}

// A signature: large cursive loops, then a swash under them.
cv::Rect Signature(cv::Mat& page, cv::Point at, int height, const Pen& pen, Random& random) {
  cv::Rect box = Cursive(page, {at, height, random.Int(4, 8)}, pen, random);
  const std::vector<cv::Point> swash = {
      Shaky(at.x - height, at.y + height * 0.5, 3, random),
      Shaky(box.x + box.width * 0.6, at.y + height * 0.2, 3, random),
      Shaky(box.br().x + height, at.y - height * 0.3, 3, random)};
  return box | Stroke(page, swash, pen);
}

// A random line's cell, or the middle of the page when nothing is known.
cv::Rect SomeCell(const cv::Mat& page, const PageContent& content, Random& random) {
  if (content.lines.empty())
    return {page.cols / 3, page.rows / 3, page.cols / 5, page.rows / 60 + 1};
  const auto& line = content.lines[static_cast<std::size_t>(
      random.Int(0, static_cast<int>(content.lines.size()) - 1))];
  if (line.empty())
    return {page.cols / 3, page.rows / 3, page.cols / 5, page.rows / 60 + 1};
  return line[static_cast<std::size_t>(random.Int(0, static_cast<int>(line.size()) - 1))];
}

Mark OneMark(cv::Mat& page, int dpi, const PageContent& content, const Pen& pen, Random& random) {
  const cv::Rect cell = SomeCell(page, content, random);
  const int height = std::max(6, static_cast<int>(dpi * random.Real(0.06, 0.12)));
  switch (random.Int(0, 4)) {
    case 0:
      return {"tick", "", Tick(page, {cell.br().x + height / 2, cell.br().y}, height, pen, random)};
    case 1:
      return {"circle", "", Circle(page, cell, pen, random)};
    case 2:
      return {"underline", "", Underline(page, cell, pen, random)};
    case 3: {
      // A note written over the end of a line or just above it.
      const cv::Point at(cell.x + random.Int(0, std::max(0, cell.width - 1)),
                         cell.y + random.Int(-height, cell.height));
      return {"note", "", Cursive(page, {at, height, random.Int(3, 8)}, pen, random)};
    }
    default:
      return {"signature", "",
              Signature(page, {cell.x, cell.br().y + height}, height * 2, pen, random)};
  }
}

}  // namespace

std::vector<Mark> Handwrite(cv::Mat& page, int dpi, const PageContent& content, int count,
                            Random& random) {
  const Pen pen{
      .ink = random.Int(20, 110),
      .thickness = std::max(1, static_cast<int>(std::lround(dpi * random.Real(0.008, 0.016))))};
  std::vector<Mark> marks;
  marks.reserve(static_cast<std::size_t>(std::max(count, 0)));
  for (int i = 0; i < count; ++i)
    marks.push_back(OneMark(page, dpi, content, pen, random));
  return marks;
}

}  // namespace travet::scangen
