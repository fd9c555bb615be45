#pragma once

// Internal to ocr/: reads the size and resolution of an image from its header,
// without decoding it, so that a hostile file is rejected before any pixel
// buffer is allocated.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace travet::ocr {

enum class FileFormat { kUnknown, kPng, kJpeg, kTiff, kPdf };

// The format told by the file's first bytes (magic numbers), not its name.
FileFormat SniffFormat(std::string_view bytes);

// What a PNG or JPEG header says. `dpi` is 0 when the file records none.
struct ImageHeader {
  std::int64_t width = 0;
  std::int64_t height = 0;
  int dpi = 0;
};

// The header of a PNG (IHDR, pHYs); nullopt when it is missing or malformed.
std::optional<ImageHeader> ReadPngHeader(std::string_view bytes);

// The header of a JPEG (JFIF APP0 density, first SOF frame); nullopt when no
// frame header is found before the data ends.
std::optional<ImageHeader> ReadJpegHeader(std::string_view bytes);

// Walks a PNG's chunks (length, type, data, CRC) from the signature to IEND
// without decoding them; empty when the structure is whole, otherwise what is
// wrong, e.g. "truncated PNG: chunk IDAT ends after 5000 of its 65536 bytes"
// (bytes of that chunk's data present, of its declared length) or
// "truncated PNG: no IEND chunk". CRCs are not checked.
std::string PngStructureProblem(std::string_view bytes);

// Whether a JPEG stream ends with its EOI marker (a cut file does not; libjpeg
// would silently pad it with grey).
bool JpegHasEnd(std::string_view bytes);

}  // namespace travet::ocr
