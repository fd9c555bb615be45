#include "tools/travet/ocr_output.h"

#include <cstdio>

#include "ocr/export/ocr_export.h"
#include "ocr/validators/validators.h"
#include "runtime/actions/ocr_json.h"

namespace travet::cli {
namespace {

// `text` padded with spaces to `width` characters (UTF-8 aware), plus a space.
std::string Cell(const std::string& text, size_t width) {
  size_t chars = 0;
  for (char c : text)
    chars += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return text + std::string(chars < width ? width - chars : 0, ' ') + " ";
}

std::string Verdict(const ocr::FieldResult& f) {
  std::string out = f.verdict;
  if (f.checksum)
    out += " (check digit)";
  if (f.cross_checked)
    out += " (totals add up)";
  return out;
}

// The text between " <body>\n" and " </body>\n" of ToHocr's document.
std::string HocrBody(const std::string& hocr) {
  const std::string open = " <body>\n";
  const size_t from = hocr.find(open) + open.size();
  return hocr.substr(from, hocr.rfind(" </body>\n") - from);
}

}  // namespace

std::string PagesText(const ocr::DocumentResult& doc, bool headers, bool first) {
  std::string out;
  for (const auto& page : doc.pages) {
    if (headers) {
      out += (first && out.empty() ? "" : "\n");
      out += "==> " + doc.file + " (page " + std::to_string(page.page) + ") <==\n";
    }
    out += page.text;
    if (!page.text.empty() && page.text.back() != '\n')
      out += "\n";
  }
  return out;
}

Value DocumentJson(const ocr::DocumentResult& doc, bool words) {
  Value pages = Value::array();
  for (const auto& page : doc.pages)
    pages.push_back(actions::PageJson(page, words));
  return {{"file", doc.file}, {"pages", pages}};
}

Value FieldsJson(const ocr::DocumentResult& doc, const std::vector<ocr::FieldResult>& fields,
                 const std::vector<ocr::FieldSpec>& specs) {
  return {{"file", doc.file},
          {"pages", doc.pages.size()},
          {"fields", actions::FieldsJson(fields, specs)},
          {"needs_review", ocr::NeedsReview(fields) || doc.AnyPageFailed()}};
}

std::string FieldsTable(const std::vector<ocr::FieldResult>& fields) {
  size_t name_width = 5;
  size_t value_width = 5;
  for (const auto& f : fields) {
    name_width = std::max(name_width, f.name.size());
    value_width = std::max(value_width, f.found ? f.value.size() : 1);
  }
  std::string out =
      Cell("FIELD", name_width) + Cell("VALUE", value_width) + " CONF  ACCEPTED  VERDICT\n";
  for (const auto& f : fields) {
    char conf[16];
    std::snprintf(conf, sizeof conf, "%5.0f", f.confidence);
    out += Cell(f.name, name_width) + Cell(f.found ? f.value : "-", value_width) + conf + "  " +
           Cell(f.accepted ? "yes" : "no", 8) + " " + Verdict(f) + "\n";
  }
  out += std::string("needs_review: ") + (ocr::NeedsReview(fields) ? "yes" : "no") + "\n";
  return out;
}

ocr::DocumentResult Renumbered(ocr::DocumentResult doc, int first_page) {
  for (auto& page : doc.pages)
    page.page = first_page++;
  return doc;
}

std::string TsvPart(const ocr::DocumentResult& doc, bool header) {
  std::string tsv = ocr::ToTsv(doc);
  return header ? tsv : tsv.substr(tsv.find('\n') + 1);
}

std::string HocrHead(const std::string& title) {
  const std::string hocr = ocr::ToHocr(ocr::DocumentResult{title, {}});
  const std::string open = " <body>\n";
  return hocr.substr(0, hocr.find(open) + open.size());
}

std::string HocrPages(const ocr::DocumentResult& doc) {
  return HocrBody(ocr::ToHocr(doc));
}

std::string HocrTail() {
  const std::string hocr = ocr::ToHocr(ocr::DocumentResult{});
  return hocr.substr(hocr.rfind(" </body>\n"));
}

}  // namespace travet::cli
