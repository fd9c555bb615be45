#include "tests/ocr/ocr_test_pages.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <sstream>

#include "ocr/prepare/internal/deskew.h"

namespace travet::ocr::testing {
namespace {

// Assembles PDF objects (numbered from 1 in order) with a correct xref table.
std::string AssemblePdf(const std::vector<std::string>& objects) {
  std::string pdf = "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n";
  std::vector<size_t> offsets;
  for (size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(pdf.size());
    pdf += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
  }
  const size_t xref = pdf.size();
  pdf += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
  for (size_t offset : offsets) {
    char line[32];
    std::snprintf(line, sizeof line, "%010zu 00000 n \n", offset);
    pdf += line;
  }
  pdf += "trailer\n<< /Size " + std::to_string(objects.size() + 1) +
         " /Root 1 0 R >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
  return pdf;
}

std::string Stream(const std::string& dict, const std::string& data) {
  return "<< " + dict + " /Length " + std::to_string(data.size()) + " >>\nstream\n" + data +
         "\nendstream";
}

}  // namespace

std::vector<std::string> SampleLines() {
  return {"Fattura numero 2024/118 del 12 marzo 2024", "Spett.le Comune di Torino, Ufficio Tributi",
          "Partita IVA 01234567897 - Totale dovuto 1.234,56 euro",
          "La società è pregata di pagare entro trenta giorni.",
          "Perché la qualità del servizio è già garantita."};
}

scangen::PageSpec TextPage(const std::vector<std::string>& lines, double width_mm, double height_mm,
                           int dpi) {
  scangen::PageSpec spec;
  spec.width_mm = width_mm;
  spec.height_mm = height_mm;
  spec.dpi = dpi;
  spec.typeface = scangen::Typeface::kLiberationSans;
  double y = 25;
  for (const std::string& line : lines) {
    spec.runs.push_back({line, 15, y, 12});
    y += 8;
  }
  return spec;
}

cv::Mat RenderGray(const scangen::PageSpec& spec) {
  auto png = scangen::RenderPng(spec);
  EXPECT_TRUE(png.has_value()) << png.error().ToString();
  if (!png) {
    return {};
  }
  const cv::Mat raw(1, static_cast<int>(png->size()), CV_8U, png->data());
  return cv::imdecode(raw, cv::IMREAD_GRAYSCALE);
}

cv::Mat RotateCcw(const cv::Mat& gray, double degrees) {
  return ocr::RotateExpanded(gray, degrees, /*bilevel=*/false).image;
}

std::filesystem::path WritePng(const cv::Mat& image, const std::filesystem::path& path) {
  EXPECT_TRUE(cv::imwrite(path.string(), image)) << path;
  return path;
}

std::string ImageOnlyPdf(const std::vector<cv::Mat>& pages, int dpi) {
  std::vector<std::string> objects = {"<< /Type /Catalog /Pages 2 0 R >>", ""};
  std::string kids;
  for (size_t i = 0; i < pages.size(); ++i) {
    std::vector<unsigned char> jpeg;
    cv::imencode(".jpg", pages[i], jpeg, {cv::IMWRITE_JPEG_QUALITY, 92});
    const int first = static_cast<int>(objects.size()) + 1;  // page, contents, image
    const double w = pages[i].cols * 72.0 / dpi;
    const double h = pages[i].rows * 72.0 / dpi;
    std::ostringstream page, draw;
    page << "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 " << w << " " << h << "] /Contents "
         << first + 1 << " 0 R /Resources << /XObject << /Im0 " << first + 2 << " 0 R >> >> >>";
    draw << "q " << w << " 0 0 " << h << " 0 0 cm /Im0 Do Q";
    objects.push_back(page.str());
    objects.push_back(Stream("", draw.str()));
    objects.push_back(Stream("/Type /XObject /Subtype /Image /Width " +
                                 std::to_string(pages[i].cols) + " /Height " +
                                 std::to_string(pages[i].rows) +
                                 " /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /DCTDecode",
                             std::string(jpeg.begin(), jpeg.end())));
    kids += std::to_string(first) + " 0 R ";
  }
  objects[1] =
      "<< /Type /Pages /Kids [" + kids + "] /Count " + std::to_string(pages.size()) + " >>";
  return AssemblePdf(objects);
}

std::string TextLayerPdf(const std::vector<std::string>& lines) {
  std::string draw = "BT /F1 12 Tf 72 770 Td 16 TL\n";
  for (const std::string& line : lines) {
    draw += "(" + line + ") Tj T*\n";
  }
  draw += "ET";
  return AssemblePdf({"<< /Type /Catalog /Pages 2 0 R >>",
                      "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                      // One object, split to fit the line.
                      // NOLINTNEXTLINE(bugprone-suspicious-missing-comma)
                      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
                      "/Resources << /Font << /F1 5 0 R >> >> >>",
                      Stream("", draw),
                      "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica "
                      "/Encoding /WinAnsiEncoding >>"});
}

std::string Squash(const std::string& text) {
  std::istringstream in(text);
  std::string word, out;
  while (in >> word) {
    out += (out.empty() ? "" : " ") + word;
  }
  return out;
}

size_t EditDistance(const std::string& a, const std::string& b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j)
    row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t next = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] != b[j - 1])});
      diagonal = row[j];
      row[j] = next;
    }
  }
  return row[b.size()];
}

}  // namespace travet::ocr::testing
