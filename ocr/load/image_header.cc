#include "ocr/load/image_header.h"

#include <algorithm>
#include <cmath>
#include <string>

namespace travet::ocr {
namespace {

std::uint32_t Be32(std::string_view b, size_t at) {
  auto u = [&](size_t i) {
    return static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + i]));
  };
  return (u(0) << 24) | (u(1) << 16) | (u(2) << 8) | u(3);
}

std::uint32_t Be16(std::string_view b, size_t at) {
  return (static_cast<std::uint32_t>(static_cast<unsigned char>(b[at])) << 8) |
         static_cast<unsigned char>(b[at + 1]);
}

unsigned char Byte(std::string_view b, size_t at) {
  return static_cast<unsigned char>(b[at]);
}

// Pixels per metre (PNG) to dots per inch.
int PerMetreToDpi(std::uint32_t ppm) {
  return static_cast<int>(std::lround(ppm * 0.0254));
}

bool IsJpegFrameMarker(unsigned char m) {
  return m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC;
}

int JfifDpi(std::string_view b, size_t seg) {
  // seg points at the segment payload: "JFIF\0" ver(2) units(1) xdens(2) ydens(2)
  if (b.substr(seg, 5) != std::string_view("JFIF\0", 5) || seg + 12 > b.size()) {
    return 0;
  }
  const int units = Byte(b, seg + 7);
  const int xdens = static_cast<int>(Be16(b, seg + 8));
  if (units == 1) {
    return xdens;
  }
  if (units == 2) {
    return static_cast<int>(std::lround(xdens * 2.54));
  }
  return 0;
}

}  // namespace

FileFormat SniffFormat(std::string_view bytes) {
  if (bytes.starts_with("\x89PNG\r\n\x1a\n")) {
    return FileFormat::kPng;
  }
  if (bytes.starts_with("\xff\xd8\xff")) {
    return FileFormat::kJpeg;
  }
  if (bytes.starts_with(std::string_view("II*\0", 4)) ||
      bytes.starts_with(std::string_view("MM\0*", 4))) {
    return FileFormat::kTiff;
  }
  // PDF readers accept the marker anywhere in the first kilobyte.
  if (bytes.substr(0, 1024).find("%PDF-") != std::string_view::npos) {
    return FileFormat::kPdf;
  }
  return FileFormat::kUnknown;
}

std::optional<ImageHeader> ReadPngHeader(std::string_view b) {
  if (b.size() < 33 || b.substr(12, 4) != "IHDR") {
    return std::nullopt;
  }
  ImageHeader h;
  h.width = Be32(b, 16);
  h.height = Be32(b, 20);
  size_t at = 33;  // after the signature and IHDR (8 + 4 + 4 + 13 + 4)
  while (at + 8 <= b.size()) {
    const std::uint32_t len = Be32(b, at);
    const std::string_view type = b.substr(at + 4, 4);
    if (type == "IDAT" || type == "IEND" || len > b.size()) {
      break;
    }
    if (type == "pHYs" && len >= 9 && at + 17 <= b.size() && Byte(b, at + 16) == 1) {
      h.dpi = PerMetreToDpi(Be32(b, at + 8));
    }
    at += 12 + static_cast<size_t>(len);
  }
  return h;
}

std::string PngStructureProblem(std::string_view b) {
  constexpr size_t kSignature = 8;
  size_t at = kSignature;
  while (at < b.size()) {
    if (at + 8 > b.size()) {
      return "truncated PNG: ends inside a chunk header at byte " + std::to_string(b.size());
    }
    const std::uint32_t len = Be32(b, at);
    const std::string type(b.substr(at + 4, 4));
    if (len > 0x7fffffffu) {
      return "corrupt PNG: chunk " + type + " declares " + std::to_string(len) + " bytes";
    }
    const size_t data = at + 8;
    if (data + len + 4 > b.size()) {
      const size_t present = std::min<size_t>(b.size() - data, len);
      return "truncated PNG: chunk " + type + " ends after " + std::to_string(present) +
             " of its " + std::to_string(len) + " bytes";
    }
    if (type == "IEND") {
      return {};
    }
    at = data + len + 4;
  }
  return "truncated PNG: no IEND chunk";
}

std::optional<ImageHeader> ReadJpegHeader(std::string_view b) {
  ImageHeader h;
  size_t at = 2;
  while (at + 4 <= b.size()) {
    if (Byte(b, at) != 0xFF) {
      return std::nullopt;
    }
    const unsigned char marker = Byte(b, at + 1);
    if (marker == 0xFF) {  // fill byte
      ++at;
      continue;
    }
    const size_t len = Be16(b, at + 2);
    if (len < 2) {
      return std::nullopt;
    }
    if (marker == 0xE0) {
      h.dpi = JfifDpi(b, at + 4);
    }
    if (IsJpegFrameMarker(marker)) {
      if (at + 9 > b.size()) {
        return std::nullopt;
      }
      h.height = Be16(b, at + 5);
      h.width = Be16(b, at + 7);
      return h;
    }
    at += 2 + len;
  }
  return std::nullopt;
}

bool JpegHasEnd(std::string_view b) {
  const size_t from = b.size() > 256 ? b.size() - 256 : 0;
  return b.find("\xff\xd9", from) != std::string_view::npos;
}

}  // namespace travet::ocr
