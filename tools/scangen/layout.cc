#include "tools/scangen/layout.h"

#include <algorithm>
#include <sstream>

namespace travet::scangen {
namespace {

constexpr double kMmPerPt = 25.4 / 72;
constexpr double kLineSpacing = 1.35;

}  // namespace

Layout::Layout(Options options, FontSet fonts) : options_(options), fonts_(std::move(fonts)) {
  NewPage();
}

Result<Layout> Layout::Create(const Options& options) {
  Result<FontSet> fonts = FontSet::Open(options.typeface);
  if (!fonts)
    return fonts.status();
  return Layout(options, std::move(*fonts));
}

void Layout::NewPage() {
  DocumentPage page;
  page.spec.dpi = options_.dpi;
  page.spec.typeface = options_.typeface;
  page.spec.width_mm = options_.width_mm;
  page.spec.height_mm = options_.height_mm;
  pages_.push_back(std::move(page));
  y_mm_ = options_.margin_mm;
}

Result<double> Layout::WidthMm(const std::string& text, bool bold, bool mono,
                               double size_pt) const {
  const TextRun run{.text = text, .size_pt = size_pt, .bold = bold, .mono = mono};
  Result<double> px = fonts_.AdvancePx(run, options_.dpi);
  if (!px)
    return px.status();
  return *px / options_.dpi * 25.4;
}

Status Layout::Line(std::vector<Cell> cells, double size_pt) {
  if (size_pt == 0)
    size_pt = options_.size_pt;
  const double height = size_pt * kMmPerPt * kLineSpacing;
  if (y_mm_ + height > options_.height_mm - options_.margin_mm)
    NewPage();
  std::vector<std::pair<double, TextRun>> placed;
  for (Cell& cell : cells) {
    double x = cell.x_mm;
    if (cell.right_aligned || cell.centered) {
      Result<double> width = WidthMm(cell.text, cell.bold, cell.mono, size_pt);
      if (!width)
        return width.status();
      x -= cell.centered ? *width / 2 : *width;
    }
    placed.push_back({x, TextRun{.text = std::move(cell.text),
                                 .x_mm = x,
                                 .y_mm = y_mm_,
                                 .size_pt = size_pt,
                                 .bold = cell.bold,
                                 .mono = cell.mono}});
  }
  std::stable_sort(placed.begin(), placed.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  DocumentPage& page = pages_.back();
  std::string line;
  for (auto& [x, run] : placed) {
    line += (line.empty() ? "" : " ") + run.text;
    page.spec.runs.push_back(std::move(run));
    page.run_line.push_back(static_cast<int>(page.lines.size()));
  }
  page.lines.push_back(std::move(line));
  y_mm_ += height;
  return Status::Ok();
}

Status Layout::Text(std::string text, bool bold, double size_pt, double indent_mm) {
  return Line({Cell{.text = std::move(text), .x_mm = left_mm() + indent_mm, .bold = bold}},
              size_pt);
}

Status Layout::Paragraph(std::string_view text, double indent_mm) {
  const double width = right_mm() - left_mm() - indent_mm;
  std::istringstream words{std::string(text)};
  std::string word, row;
  while (words >> word) {
    const std::string longer = row.empty() ? word : row + " " + word;
    Result<double> w = WidthMm(longer, false, false, options_.size_pt);
    if (!w)
      return w.status();
    if (*w > width && !row.empty()) {
      TRAVET_RETURN_IF_ERROR(Text(row, false, 0, indent_mm));
      row = word;
    } else {
      row = longer;
    }
  }
  if (!row.empty())
    return Text(row, false, 0, indent_mm);
  return Status::Ok();
}

std::vector<DocumentPage> Layout::TakePages() && {
  return std::move(pages_);
}

}  // namespace travet::scangen
