#include "tools/scangen/pdf_writer.h"

#include <cstdio>

namespace travet::scangen {
namespace {

std::string Points(int px, int dpi) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.2f", px * 72.0 / dpi);
  return buffer;
}

// Appends object `number` and records its byte offset for the xref table.
void AddObject(std::string& pdf, std::vector<std::size_t>& offsets, std::size_t number,
               const std::string& body) {
  offsets[number] = pdf.size();
  pdf += std::to_string(number) + " 0 obj\n" + body + "\nendobj\n";
}

}  // namespace

std::string ImageOnlyPdf(const std::vector<PdfImagePage>& pages) {
  // Objects: 1 catalog, 2 page tree, then page, image and content per page.
  const std::size_t count = 3 + 3 * pages.size();
  std::vector<std::size_t> offsets(count, 0);
  std::string pdf = "%PDF-1.4\n%\xE2\xE3\xCF\xD3\n";
  AddObject(pdf, offsets, 1, "<< /Type /Catalog /Pages 2 0 R >>");
  std::string kids;
  for (std::size_t i = 0; i < pages.size(); ++i) {
    kids += (i == 0 ? "" : " ") + std::to_string(3 + 3 * i) + " 0 R";
  }
  AddObject(pdf, offsets, 2,
            "<< /Type /Pages /Kids [" + kids + "] /Count " + std::to_string(pages.size()) + " >>");
  for (std::size_t i = 0; i < pages.size(); ++i) {
    const PdfImagePage& page = pages[i];
    const std::size_t page_obj = 3 + 3 * i, image_obj = page_obj + 1, content_obj = page_obj + 2;
    const std::string w = Points(page.width_px, page.dpi), h = Points(page.height_px, page.dpi);
    AddObject(pdf, offsets, page_obj,
              "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 " + w + " " + h +
                  "] /Resources << /XObject << /Im0 " + std::to_string(image_obj) +
                  " 0 R >> >> /Contents " + std::to_string(content_obj) + " 0 R >>");
    AddObject(pdf, offsets, image_obj,
              "<< /Type /XObject /Subtype /Image /Width " + std::to_string(page.width_px) +
                  " /Height " + std::to_string(page.height_px) +
                  " /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /DCTDecode /Length " +
                  std::to_string(page.jpeg.size()) + " >>\nstream\n" + page.jpeg + "\nendstream");
    const std::string content = "q " + w + " 0 0 " + h + " 0 0 cm /Im0 Do Q";
    AddObject(
        pdf, offsets, content_obj,
        "<< /Length " + std::to_string(content.size()) + " >>\nstream\n" + content + "\nendstream");
  }
  const std::size_t xref = pdf.size();
  pdf += "xref\n0 " + std::to_string(count) + "\n0000000000 65535 f \n";
  for (std::size_t i = 1; i < count; ++i) {
    char entry[32];
    std::snprintf(entry, sizeof entry, "%010zu 00000 n \n", offsets[i]);
    pdf += entry;
  }
  pdf += "trailer\n<< /Size " + std::to_string(count) + " /Root 1 0 R >>\nstartxref\n" +
         std::to_string(xref) + "\n%%EOF\n";
  return pdf;
}

}  // namespace travet::scangen
