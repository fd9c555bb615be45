#include "tools/scangen/rules.h"

#include <algorithm>
#include <opencv2/imgproc.hpp>

namespace travet::scangen {
namespace {

struct RulePen {
  int ink = 40;
  int thickness = 2;
};

cv::Rect LineBox(const std::vector<cv::Rect>& cells) {
  cv::Rect box;
  for (const cv::Rect& c : cells)
    box = box.area() == 0 ? c : (box | c);
  return box;
}

// Runs [first, last) of consecutive lines with two or more cells and no
// wide vertical gap between them.
std::vector<std::pair<int, int>> TableBlocks(const PageContent& content) {
  std::vector<std::pair<int, int>> blocks;
  const int n = static_cast<int>(content.lines.size());
  int first = 0;
  for (int i = 0; i <= n; ++i) {
    const bool table_row = i < n && content.lines[static_cast<std::size_t>(i)].size() >= 2;
    bool joined = table_row && i > first;
    if (joined) {
      const cv::Rect above = LineBox(content.lines[static_cast<std::size_t>(i - 1)]);
      const cv::Rect here = LineBox(content.lines[static_cast<std::size_t>(i)]);
      joined = here.y - above.br().y < 2 * here.height;
    }
    if (!joined) {
      if (i - first >= 2)
        blocks.push_back({first, i});
      first = table_row ? i : i + 1;
    }
  }
  return blocks;
}

// The middles of the column gaps wider than `min_gap` inside `span`.
std::vector<int> ColumnGaps(const std::vector<cv::Rect>& cells, cv::Range span, int min_gap) {
  std::vector<bool> covered(static_cast<std::size_t>(span.size()), false);
  for (const cv::Rect& c : cells) {
    for (int x = std::max(c.x, span.start); x < std::min(c.br().x, span.end); ++x)
      covered[static_cast<std::size_t>(x - span.start)] = true;
  }
  std::vector<int> gaps;
  int start = -1;
  for (int x = 0; x < span.size(); ++x) {
    if (!covered[static_cast<std::size_t>(x)] && start < 0)
      start = x;
    if (covered[static_cast<std::size_t>(x)] && start >= 0) {
      if (x - start >= min_gap)
        gaps.push_back(span.start + (start + x) / 2);
      start = -1;
    }
  }
  return gaps;
}

void Segment(cv::Mat& page, cv::Point a, cv::Point b, const RulePen& pen) {
  cv::line(page, a, b, cv::Scalar(pen.ink), pen.thickness, cv::LINE_8);
}

Mark RuleBlock(cv::Mat& page, int dpi, const PageContent& content, std::pair<int, int> block,
               const RulePen& pen) {
  std::vector<cv::Rect> rows, cells;
  for (int i = block.first; i < block.second; ++i) {
    const auto& line = content.lines[static_cast<std::size_t>(i)];
    rows.push_back(LineBox(line));
    cells.insert(cells.end(), line.begin(), line.end());
  }
  const int pad = dpi * 3 / 50;  // 1.5 mm
  const cv::Rect all = LineBox(cells);
  const int left = std::max(0, all.x - pad), right = std::min(page.cols - 1, all.br().x + pad);
  std::vector<int> ys = {std::max(0, rows.front().y - pad)};
  for (std::size_t i = 1; i < rows.size(); ++i)
    ys.push_back((rows[i - 1].br().y + rows[i].y) / 2);
  ys.push_back(std::min(page.rows - 1, rows.back().br().y + pad));
  for (int y : ys)
    Segment(page, {left, y}, {right, y}, pen);
  std::vector<int> xs = ColumnGaps(cells, cv::Range(all.x, all.br().x), dpi / 12);
  xs.push_back(left);
  xs.push_back(right);
  for (int x : xs)
    Segment(page, {x, ys.front()}, {x, ys.back()}, pen);
  return {"table", "", cv::Rect(cv::Point(left, ys.front()), cv::Point(right + 1, ys.back() + 1))};
}

// Fill-in lines under a few consecutive lines, touching their descenders.
Mark FillInLines(cv::Mat& page, const PageContent& content, const RulePen& pen, Random& random) {
  const int n = static_cast<int>(content.lines.size());
  if (n == 0) {
    const cv::Rect box(page.cols / 8, page.rows / 3, page.cols * 3 / 4, page.rows / 4);
    for (int y = box.y; y < box.br().y; y += box.height / 6)
      Segment(page, {box.x, y}, {box.br().x, y}, pen);
    return {"table", "", box};
  }
  const int first = random.Int(0, n - 1), last = std::min(n, first + random.Int(3, 6));
  cv::Rect box;
  for (int i = first; i < last; ++i) {
    const cv::Rect line = LineBox(content.lines[static_cast<std::size_t>(i)]);
    const int y = std::min(page.rows - 1, line.br().y + 1);
    Segment(page, {line.x, y}, {std::min(page.cols - 1, line.br().x + line.height * 4), y}, pen);
    box = box.area() == 0 ? line : (box | line);
  }
  return {"table", "", box};
}

}  // namespace

std::vector<Mark> Rule(cv::Mat& page, int dpi, const PageContent& content, Random& random) {
  const RulePen pen{.ink = random.Int(0, 90), .thickness = random.Int(1, std::max(1, dpi / 100))};
  std::vector<Mark> marks;
  for (const auto& block : TableBlocks(content))
    marks.push_back(RuleBlock(page, dpi, content, block, pen));
  if (marks.empty())
    marks.push_back(FillInLines(page, content, pen, random));
  return marks;
}

}  // namespace travet::scangen
