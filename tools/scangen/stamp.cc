#include "tools/scangen/stamp.h"

#include <algorithm>
#include <cmath>
#include <opencv2/imgproc.hpp>
#include <string>
#include <vector>

#include "tools/scangen/calendar_date.h"
#include "tools/scangen/font_set.h"
#include "tools/scangen/print_effects.h"

namespace travet::scangen {
namespace {

struct StampText {
  std::string text;
  double size_pt;
};

// The words of an office stamp: a heading, the big word, a date.
std::vector<StampText> StampWords(Random& random) {
  static const std::vector<std::string> kHeadings = {"CITTÀ METROPOLITANA", "UFFICIO PROTOCOLLO",
                                                     "SERVIZIO TRIBUTI", "UFFICIO ACQUISTI"};
  static const std::vector<std::string> kWords = {"PAGATO",    "RICEVUTO", "ARRIVATO",
                                                  "ANNULLATO", "VISTO",    "PROTOCOLLO"};
  const CalendarDate date = RandomDate(random, 2023, 2026);
  const std::vector<std::string> months = {"GEN", "FEB", "MAR", "APR", "MAG", "GIU",
                                           "LUG", "AGO", "SET", "OTT", "NOV", "DIC"};
  const std::string day = std::to_string(date.day) + " " +
                          months[static_cast<std::size_t>(date.month - 1)] + " " +
                          std::to_string(date.year);
  const std::string heading = random.Pick(kHeadings);
  const std::string word = random.Pick(kWords);
  return {{heading, 6.5}, {word, 12}, {day, 8}};
}

// Draws the stamp black on white into a square canvas of `side` pixels.
Status DrawStamp(cv::Mat& canvas, int dpi, bool round, const std::vector<StampText>& words) {
  Result<FontSet> fonts = FontSet::Open(Typeface::kLiberationSans);
  if (!fonts)
    return fonts.status();
  const int side = canvas.cols, pen = std::max(2, dpi / 100);
  const cv::Point center(side / 2, side / 2);
  if (round) {
    cv::circle(canvas, center, side * 46 / 100, cv::Scalar(0), pen, cv::LINE_AA);
    cv::circle(canvas, center, side * 40 / 100, cv::Scalar(0), pen / 2 + 1, cv::LINE_AA);
  } else {
    const cv::Size box(side * 92 / 100, side * 40 / 100);
    const cv::Rect outer(center - cv::Point(box.width / 2, box.height / 2), box);
    cv::rectangle(canvas, outer, cv::Scalar(0), pen, cv::LINE_AA);
    cv::rectangle(canvas, outer - cv::Point(-pen * 3, -pen * 3) - cv::Size(pen * 6, pen * 6),
                  cv::Scalar(0), pen / 2 + 1, cv::LINE_AA);
  }
  const double mm_per_px = 25.4 / dpi;
  const double line_mm = (round ? 0.2 : 0.12) * side * mm_per_px;
  double y_mm = side / 2.0 * mm_per_px - line_mm * (words.size() / 2.0) + line_mm * 0.1;
  for (const StampText& w : words) {
    TextRun run{.text = w.text, .size_pt = w.size_pt, .bold = true};
    Result<double> width = fonts->AdvancePx(run, dpi);
    if (width && *width > side * 0.85) {  // a long heading on a small stamp
      run.size_pt *= side * 0.85 / *width;
      width = fonts->AdvancePx(run, dpi);
    }
    if (!width)
      return width.status();
    run.x_mm = (side - *width) / 2.0 * mm_per_px;
    run.y_mm = y_mm;
    Result<PixelBox> box = fonts->Draw(run, dpi, canvas);
    if (!box)
      return box.status();
    y_mm += line_mm;
  }
  return Status::Ok();
}

// Multiplies the page by the stamp's ink, `alpha` (0..1) times the darkness
// of grey `ink`, on the part of `where` inside the page.
cv::Rect Ink(cv::Mat& page, const cv::Mat& alpha, cv::Point where, int ink) {
  const cv::Rect area = cv::Rect(where, alpha.size()) & cv::Rect(0, 0, page.cols, page.rows);
  cv::Rect inked;
  for (int y = area.y; y < area.y + area.height; ++y) {
    unsigned char* row = page.ptr<unsigned char>(y);
    const float* a = alpha.ptr<float>(y - where.y);
    for (int x = area.x; x < area.x + area.width; ++x) {
      const float v = a[x - where.x];
      if (v < 0.05f)
        continue;
      row[x] = static_cast<unsigned char>(
          std::floor(row[x] * (1.0f - v * (1.0f - ink / 255.0f)) + 0.5f));
      inked |= cv::Rect(x, y, 1, 1);
    }
  }
  return inked;
}

}  // namespace

Result<Mark> Stamp(cv::Mat& page, int dpi, const cv::Rect& target, Random& random) {
  const bool round = random.Chance(0.55);
  const std::vector<StampText> words = StampWords(random);
  const int side = static_cast<int>(std::lround(random.Real(36, 46) / 25.4 * dpi));
  cv::Mat canvas(side, side, CV_8UC1, cv::Scalar(255));
  TRAVET_RETURN_IF_ERROR(DrawStamp(canvas, dpi, round, words));
  const double angle = random.Real(-30, 30);
  const cv::Mat turn = cv::getRotationMatrix2D(cv::Point2f(side / 2.0f, side / 2.0f), angle, 1.0);
  cv::warpAffine(canvas, canvas, turn, canvas.size(), cv::INTER_LINEAR, cv::BORDER_CONSTANT,
                 cv::Scalar(255));
  cv::Mat alpha;
  canvas.convertTo(alpha, CV_32F, -1.0 / 255, 1.0);
  // A rubber stamp inks unevenly: whole patches come out pale.
  alpha = alpha.mul(SmoothField(canvas.size(), std::max(4, side / 8), 0.35, 1.0, random));
  const cv::Rect anchor = target.area() > 0 ? target : cv::Rect(page.cols / 2, page.rows / 2, 1, 1);
  const cv::Point center(anchor.x + random.Int(0, std::max(0, anchor.width - 1)),
                         anchor.y + anchor.height / 2 + random.Int(-side / 6, side / 6));
  const int ink = random.Int(70, 150);
  Mark mark{.kind = "stamp", .text = "", .box = {}};
  for (const StampText& w : words)
    mark.text += (mark.text.empty() ? "" : " / ") + w.text;
  mark.box = Ink(page, alpha, center - cv::Point(side / 2, side / 2), ink);
  return mark;
}

}  // namespace travet::scangen
