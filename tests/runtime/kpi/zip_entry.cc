#include "tests/runtime/kpi/zip_entry.h"

#include <zlib.h>

#include <cstdint>
#include <fstream>
#include <sstream>

namespace travet::kpi::testing {
namespace {

uint32_t Le(const std::string& bytes, size_t at, int size) {
  uint32_t value = 0;
  for (int i = size - 1; i >= 0; --i)
    value = (value << 8) | static_cast<unsigned char>(bytes[at + static_cast<size_t>(i)]);
  return value;
}

std::optional<std::string> Inflate(const std::string& data, size_t size) {
  std::string out(size, '\0');
  z_stream z{};
  if (inflateInit2(&z, -MAX_WBITS) != Z_OK)
    return std::nullopt;
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  int rc = inflate(&z, Z_FINISH);
  inflateEnd(&z);
  if (rc != Z_STREAM_END)
    return std::nullopt;
  return out;
}

}  // namespace

std::optional<std::string> ZipEntry(const std::filesystem::path& path, const std::string& name) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream all;
  all << in.rdbuf();
  const std::string zip = all.str();
  size_t end = zip.rfind(std::string("PK\x05\x06", 4));
  if (zip.size() < 22 || end == std::string::npos)
    return std::nullopt;
  size_t at = Le(zip, end + 16, 4);  // the central directory
  for (uint32_t n = Le(zip, end + 10, 2); n > 0 && at + 46 <= zip.size(); --n) {
    uint32_t method = Le(zip, at + 10, 2);
    uint32_t packed = Le(zip, at + 20, 4);
    uint32_t size = Le(zip, at + 24, 4);
    uint32_t name_length = Le(zip, at + 28, 2);
    uint32_t skip = Le(zip, at + 30, 2) + Le(zip, at + 32, 2);
    size_t local = Le(zip, at + 42, 4);
    if (zip.compare(at + 46, name_length, name) == 0 && name_length == name.size()) {
      size_t data = local + 30 + Le(zip, local + 26, 2) + Le(zip, local + 28, 2);
      std::string bytes = zip.substr(data, packed);
      return method == 0 ? std::optional<std::string>(bytes) : Inflate(bytes, size);
    }
    at += 46 + name_length + skip;
  }
  return std::nullopt;
}

}  // namespace travet::kpi::testing
