#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "runtime/core/result.h"
#include "tools/scangen/document.h"
#include "tools/scangen/font_set.h"

namespace travet::scangen {

// A piece of one visual line. `x_mm` is its left edge, or its right edge when
// `right_aligned` (amount columns), or its middle when `centered`.
struct Cell {
  std::string text;
  double x_mm = 0;
  bool right_aligned = false;
  bool bold = false;
  bool mono = false;
  bool centered = false;
};

// Sets text on A4 pages from the top down, line by line, starting a new page
// when the current one is full, and keeps each page's text in reading order.
class Layout {
 public:
  struct Options {
    Typeface typeface = Typeface::kLiberationSerif;
    int dpi = 300;
    double size_pt = 11;    // default size of a line
    double margin_mm = 20;  // on all four sides
    double width_mm = 210;  // the page, A4 unless said (a till roll is 58 or 80 mm wide)
    double height_mm = 297;
  };

  static Result<Layout> Create(const Options& options);

  // One visual line of `cells` (size_pt 0: the default size).
  Status Line(std::vector<Cell> cells, double size_pt = 0);
  // One left-aligned line at the left margin plus `indent_mm`.
  Status Text(std::string text, bool bold = false, double size_pt = 0, double indent_mm = 0);
  // `text` wrapped to the width between the margins, one Line per row.
  Status Paragraph(std::string_view text, double indent_mm = 0);
  // Vertical space.
  void Skip(double mm) { y_mm_ += mm; }

  double left_mm() const { return options_.margin_mm; }
  double right_mm() const { return options_.width_mm - options_.margin_mm; }
  // Where the next line goes, from the top of the current page.
  double y_mm() const { return y_mm_; }
  // The pages laid out so far (at least one).
  std::vector<DocumentPage> TakePages() &&;

 private:
  Layout(Options options, FontSet fonts);
  Result<double> WidthMm(const std::string& text, bool bold, bool mono, double size_pt) const;
  void NewPage();

  Options options_;
  FontSet fonts_;
  std::vector<DocumentPage> pages_;
  double y_mm_ = 0;
};

}  // namespace travet::scangen
