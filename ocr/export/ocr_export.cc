#include "ocr/export/ocr_export.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

namespace travet::ocr {
namespace {

std::string Clean(const std::string& text) {
  std::string out = text;
  std::replace_if(
      out.begin(), out.end(), [](char c) { return c == '\t' || c == '\n' || c == '\r'; }, ' ');
  return out;
}

std::string Escape(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string Fixed2(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  return buf;
}

std::string Bbox(const Box& b) {
  return "bbox " + std::to_string(b.x) + " " + std::to_string(b.y) + " " +
         std::to_string(b.x + b.width) + " " + std::to_string(b.y + b.height);
}

Box Union(const Box& a, const Box& b) {
  if (a.width == 0 && a.height == 0) {
    return b;
  }
  const int x0 = std::min(a.x, b.x);
  const int y0 = std::min(a.y, b.y);
  const int x1 = std::max(a.x + a.width, b.x + b.width);
  const int y1 = std::max(a.y + a.height, b.y + b.height);
  return {x0, y0, x1 - x0, y1 - y0};
}

// One row of Tesseract's TSV: `w` is the `word`th of its line on `page`
// (level 5), or the page itself (level 1: no confidence, no text).
std::string TsvRow(int level, int page, const Word& w, int word) {
  const Box& b = w.box;
  return std::to_string(level) + "\t" + std::to_string(page) + "\t" + std::to_string(w.block) +
         "\t1\t" + std::to_string(w.line) + "\t" + std::to_string(word) + "\t" +
         std::to_string(b.x) + "\t" + std::to_string(b.y) + "\t" + std::to_string(b.width) + "\t" +
         std::to_string(b.height) + "\t" + (w.confidence < 0 ? "-1" : Fixed2(w.confidence)) + "\t" +
         Clean(w.text) + "\n";
}

// Words grouped by block, then line, keeping their order.
using Lines = std::vector<std::vector<const Word*>>;
std::vector<Lines> GroupWords(const PageResult& page) {
  std::vector<Lines> blocks;
  int block = -1;
  int line = -1;
  for (const Word& w : page.words) {
    if (blocks.empty() || w.block != block) {
      blocks.emplace_back();
      block = w.block;
      line = -1;
    }
    if (blocks.back().empty() || w.line != line) {
      blocks.back().emplace_back();
      line = w.line;
    }
    blocks.back().back().push_back(&w);
  }
  return blocks;
}

void AppendHocrPage(const PageResult& page, const std::string& file, std::string& out) {
  const std::string p = std::to_string(page.page);
  out += "  <div class='ocr_page' id='page_" + p + "' title='image \"" + Escape(file) + "\"; " +
         Bbox({0, 0, page.width, page.height}) + "; ppageno " + std::to_string(page.page - 1) +
         "; scan_res " + std::to_string(page.dpi) + " " + std::to_string(page.dpi) + "'>\n";
  int block_id = 0, line_id = 0, word_id = 0;
  for (const Lines& block : GroupWords(page)) {
    Box block_box;
    for (const auto& line : block) {
      for (const Word* w : line)
        block_box = Union(block_box, w->box);
    }
    out += "   <div class='ocr_carea' id='block_" + p + "_" + std::to_string(++block_id) +
           "' title='" + Bbox(block_box) + "'>\n";
    for (const auto& line : block) {
      Box line_box;
      for (const Word* w : line)
        line_box = Union(line_box, w->box);
      out += "    <span class='ocr_line' id='line_" + p + "_" + std::to_string(++line_id) +
             "' title='" + Bbox(line_box) + "'>";
      for (const Word* w : line) {
        out += "<span class='ocrx_word' id='word_" + p + "_" + std::to_string(++word_id) +
               "' title='" + Bbox(w->box) + "; x_wconf " +
               std::to_string(std::lround(w->confidence)) + "'>" + Escape(w->text) + "</span> ";
      }
      out += "</span>\n";
    }
    out += "   </div>\n";
  }
  out += "  </div>\n";
}

}  // namespace

std::string ToTsv(const DocumentResult& document) {
  std::string out =
      "level\tpage_num\tblock_num\tpar_num\tline_num\tword_"
      "num\tleft\ttop\twidth\theight\tconf\ttext\n";
  for (const PageResult& page : document.pages) {
    const Word whole{.text = "", .confidence = -1, .box = {0, 0, page.width, page.height}};
    out += TsvRow(1, page.page, whole, 0);
    std::map<int, int> words_in_line;
    for (const Word& w : page.words)
      out += TsvRow(5, page.page, w, ++words_in_line[w.line]);
  }
  return out;
}

std::string ToHocr(const DocumentResult& document) {
  std::string out =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Transitional//EN\"\n"
      "    \"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd\">\n"
      "<html xmlns=\"http://www.w3.org/1999/xhtml\" xml:lang=\"en\" lang=\"en\">\n"
      " <head>\n"
      "  <title>" +
      Escape(document.file) +
      "</title>\n"
      "  <meta http-equiv=\"Content-Type\" content=\"text/html;charset=utf-8\"/>\n"
      "  <meta name=\"ocr-system\" content=\"travet\"/>\n"
      "  <meta name=\"ocr-capabilities\" content=\"ocr_page ocr_carea ocr_line ocrx_word\"/>\n"
      " </head>\n"
      " <body>\n";
  for (const PageResult& page : document.pages) {
    AppendHocrPage(page, document.file, out);
  }
  out += " </body>\n</html>\n";
  return out;
}

}  // namespace travet::ocr
