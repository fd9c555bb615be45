#include "tools/scangen/ground_truth.h"

#include <algorithm>
#include <cmath>
#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

namespace travet::scangen {
namespace {

// The bounding box in the output image of `box` (rendered pixels), clipped.
Value MapBox(const cv::Rect& box, const DegradedPage& degraded) {
  std::vector<cv::Point2d> corners = {
      box.tl(), {1.0 * box.br().x, 1.0 * box.y}, box.br(), {1.0 * box.x, 1.0 * box.br().y}};
  std::vector<cv::Point2d> mapped;
  cv::perspectiveTransform(corners, mapped, cv::Mat(degraded.applied.transform));
  const cv::Rect bounds = cv::boundingRect(std::vector<cv::Point2f>(mapped.begin(), mapped.end())) &
                          cv::Rect(0, 0, degraded.image.cols, degraded.image.rows);
  return Value::array({bounds.x, bounds.y, bounds.width, bounds.height});
}

Value PageCorners(cv::Size rendered, const DegradedPage& degraded) {
  const double w = rendered.width, h = rendered.height;
  std::vector<cv::Point2d> corners = {{0, 0}, {w, 0}, {w, h}, {0, h}};
  std::vector<cv::Point2d> mapped;
  cv::perspectiveTransform(corners, mapped, cv::Mat(degraded.applied.transform));
  Value out = Value::array();
  for (const cv::Point2d& p : mapped) {
    // Adding 0.0 turns -0.0 into 0.0.
    out.push_back({std::round(p.x * 10) / 10 + 0.0, std::round(p.y * 10) / 10 + 0.0});
  }
  return out;
}

Value Lines(const DocumentPage& page, const std::vector<PixelBox>& run_boxes,
            const DegradedPage& degraded) {
  std::vector<cv::Rect> boxes(page.lines.size());
  for (std::size_t i = 0; i < run_boxes.size() && i < page.run_line.size(); ++i) {
    const PixelBox& b = run_boxes[i];
    cv::Rect& line = boxes[static_cast<std::size_t>(page.run_line[i])];
    const cv::Rect run(b.x, b.y, b.width, b.height);
    line = line.area() == 0 ? run : (line | run);
  }
  Value lines = Value::array();
  for (std::size_t i = 0; i < page.lines.size(); ++i) {
    lines.push_back({{"text", page.lines[i]}, {"box", MapBox(boxes[i], degraded)}});
  }
  return lines;
}

// The real-paper defects applied, for the "degradation" object; nothing for
// the other conditions, whose JSON stays as it was.
void AddPaperDefects(const DegradedPage& degraded, Value& out) {
  const Degradation& d = degraded.applied;
  if (!d.print.empty()) {
    out["print"] = d.print;
    if (d.print == "thermal")
      out["print_strength"] = d.print_strength;
    if (d.print == "dotmatrix")
      out["dot_pitch"] = d.dot_pitch;
  }
  if (!d.edge.empty())
    out["edge"] = {{"side", d.edge}, {"width", d.edge_width}};
  if (d.sheet_scale > 0)
    out["sheet_scale"] = d.sheet_scale;
  if (d.marks.empty())
    return;
  Value marks = Value::array();
  for (const Mark& mark : d.marks) {
    Value m = {{"kind", mark.kind}, {"box", MapBox(mark.box, degraded)}};
    if (!mark.text.empty())
      m["text"] = mark.text;
    marks.push_back(std::move(m));
  }
  out["marks"] = std::move(marks);
}

std::string JoinLines(const std::vector<std::string>& lines) {
  std::string text;
  for (const std::string& line : lines) {
    text += (text.empty() ? "" : "\n") + line;
  }
  return text;
}

}  // namespace

Value PageGroundTruth(int page_number, const DocumentPage& page,
                      const std::vector<PixelBox>& run_boxes, const DegradedPage& degraded) {
  const Degradation& d = degraded.applied;
  const cv::Size rendered(
      static_cast<int>(std::lround(page.spec.width_mm / 25.4 * page.spec.dpi)),
      static_cast<int>(std::lround(page.spec.height_mm / 25.4 * page.spec.dpi)));
  Value degradation = {{"blur_sigma", d.blur_sigma},     {"noise_fraction", d.noise_fraction},
                       {"jpeg_quality", d.jpeg_quality}, {"bilevel", d.bilevel},
                       {"shading", d.shading},           {"perspective", d.perspective}};
  AddPaperDefects(degraded, degradation);
  return {{"page", page_number},
          {"text", JoinLines(page.lines)},
          {"dpi", d.dpi},
          {"skew_degrees", d.skew_degrees},
          {"rotation", d.rotation},
          {"width", degraded.image.cols},
          {"height", degraded.image.rows},
          {"degradation", degradation},
          {"page_corners", PageCorners(rendered, degraded)},
          {"lines", Lines(page, run_boxes, degraded)}};
}

Value FileGroundTruth(const Document& doc, const Provenance& provenance,
                      const std::vector<Value>& pages) {
  std::string text;
  for (std::size_t i = 0; i < pages.size(); ++i) {
    text += (i == 0 ? "" : "\f") + pages[i]["text"].get<std::string>();
  }
  const Value& first = pages.front();
  return {{"kind", std::string(KindName(doc.kind))},
          {"condition", std::string(ConditionName(provenance.condition))},
          {"image", provenance.image},
          {"text", text},
          {"fields", doc.fields},
          {"dpi", first["dpi"]},
          {"skew_degrees", first["skew_degrees"]},
          {"rotation", first["rotation"]},
          {"page_count", pages.size()},
          {"pages", pages},
          {"generator",
           {{"seed", provenance.seed},
            {"index", provenance.index},
            {"render_dpi", doc.pages.front().spec.dpi}}}};
}

}  // namespace travet::scangen
