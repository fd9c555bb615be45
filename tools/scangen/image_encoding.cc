#include "tools/scangen/image_encoding.h"

#include <cmath>
#include <cstdint>
#include <opencv2/imgcodecs.hpp>
#include <vector>

namespace travet::scangen {
namespace {

// The CRC-32 of PNG chunks (ISO 3309), bit by bit: a few hundred bytes only.
std::uint32_t Crc32(std::string_view bytes) {
  std::uint32_t crc = 0xFFFFFFFFu;
  for (char c : bytes) {
    crc ^= static_cast<std::uint8_t>(c);
    for (int k = 0; k < 8; ++k) {
      crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
    }
  }
  return ~crc;
}

void AppendBigEndian(std::string& out, std::uint32_t value, int bytes) {
  for (int shift = 8 * (bytes - 1); shift >= 0; shift -= 8) {
    out.push_back(static_cast<char>((value >> shift) & 0xFF));
  }
}

Result<std::string> Encode(const char* extension, const cv::Mat& image,
                           const std::vector<int>& params) {
  std::vector<unsigned char> bytes;
  try {
    if (!cv::imencode(extension, image, bytes, params)) {
      return Internal(std::string("OpenCV cannot encode ") + extension);
    }
  } catch (const cv::Exception& e) {
    return Internal(std::string("OpenCV cannot encode ") + extension + ": " + e.what());
  }
  return std::string(bytes.begin(), bytes.end());
}

}  // namespace

Result<std::string> EncodePng(const cv::Mat& image, int dpi) {
  Result<std::string> png = Encode(".png", image, {cv::IMWRITE_PNG_COMPRESSION, 9});
  if (!png)
    return png;
  // pHYs goes after IHDR: 8 bytes of signature + 25 of IHDR chunk.
  constexpr std::size_t kAfterIhdr = 33;
  if (png->size() < kAfterIhdr || png->compare(12, 4, "IHDR") != 0) {
    return Internal("OpenCV wrote a PNG without a leading IHDR chunk");
  }
  const auto pixels_per_metre = static_cast<std::uint32_t>(std::lround(dpi / 0.0254));
  std::string body = "pHYs";
  AppendBigEndian(body, pixels_per_metre, 4);
  AppendBigEndian(body, pixels_per_metre, 4);
  body.push_back('\x01');  // unit: metre
  std::string chunk;
  AppendBigEndian(chunk, 9, 4);
  chunk += body;
  AppendBigEndian(chunk, Crc32(body), 4);
  png->insert(kAfterIhdr, chunk);
  return png;
}

Result<std::string> EncodeJpeg(const cv::Mat& image, int dpi, int quality) {
  Result<std::string> jpeg = Encode(".jpg", image, {cv::IMWRITE_JPEG_QUALITY, quality});
  if (!jpeg)
    return jpeg;
  // libjpeg writes a JFIF APP0 segment first; set its density fields.
  if (jpeg->size() < 18 || jpeg->compare(6, 5, std::string("JFIF\0", 5)) != 0) {
    return Internal("OpenCV wrote a JPEG without a JFIF header");
  }
  std::string density;
  density.push_back('\x01');  // unit: dots per inch
  AppendBigEndian(density, static_cast<std::uint32_t>(dpi), 2);
  AppendBigEndian(density, static_cast<std::uint32_t>(dpi), 2);
  jpeg->replace(13, 5, density);
  return jpeg;
}

}  // namespace travet::scangen
